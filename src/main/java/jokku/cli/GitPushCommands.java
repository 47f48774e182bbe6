package jokku.cli;

import java.util.List;
import jokku.DokkuException;
import jokku.Out;
import jokku.access.Rule;
import jokku.access.SshCommandLine;
import jokku.apps.AppName;
import jokku.git.GitReceive;
import jokku.git.GitRepo;
import jokku.git.GitSettings;
import jokku.git.PackService;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * {@code git push} deploys: {@code git-receive-pack '<app>'} and {@code git-upload-pack '<app>'} (what the ssh
 * forced command dispatches, git's own words), the pre-receive hook's {@code git-hook <app>},
 * {@code git:initialize}, {@code git:sync}, {@code git:set} and {@code git:report}.
 */
final class GitPushCommands {
  /** The variable bin/jokku exports: the launcher's path, which the pre-receive hook runs. */
  static final String JOKKU_BIN = "JOKKU_BIN";

  private GitPushCommands() {}

  static void register(Registry r) {
    r.command("git-receive-pack", (ctx, raw) -> pack(ctx, "git-receive-pack", raw))
        .command("git-upload-pack", (ctx, raw) -> pack(ctx, "git-upload-pack", raw))
        .command("git-hook", GitPushCommands::hook)
        .command("git:initialize", GitPushCommands::initialize)
        .command("git:sync", GitPushCommands::sync)
        .command("git:set", GitPushCommands::set)
        .command("git:report", PluginReport.of("git", (ctx, scope) -> new GitSettings(ctx.store()).report(scope)).global().strippedKeys());
    r.access(Rule.app(), "git-receive-pack", "git-upload-pack", "git:initialize", "git:sync", "git:set")
        // bin/jokku hands a push to an app with a repository straight to git: the hook is then the push's access
        // check (git keeps a refused push's objects in quarantine and moves no ref), in the push's words
        .access(Rule.app().refusingAs("git-receive-pack"), "git-hook")
        .access(Rule.listing(), "git:report");
  }

  private static GitReceive receive(Ctx ctx) {
    return new GitReceive(ctx.store(), ctx.out, app -> DeployWiring.schedulers(ctx).builds(app));
  }

  /**
   * {@code git-receive-pack '<app>'} and {@code git-upload-pack '<app>'}, as Dokku's {@code git_glob_cmd} and
   * {@code git_upload_pack_cmd}: the app (read by {@link SshCommandLine#gitApp}) is created when missing, and its
   * repository and hook when it has none (Dokku's {@code post-create} initialises every app's repository, so a
   * fetch of an app nothing was pushed to clones an empty repository); then git serves the push or the fetch.
   * Nothing is printed on stdout before git speaks: it carries the pack protocol.
   */
  static int pack(Ctx ctx, String program, List<String> raw) {
    if (raw.size() != 1) throw new DokkuException("Usage: " + Args.usage(program));
    String app = SshCommandLine.gitApp(raw.get(0));
    Store store = ctx.store();
    GitRepo repo = GitRepo.of(store, app);
    if (!store.appExists(app)) create(ctx, app);
    else AppName.verify(store, app);
    boolean push = program.equals("git-receive-pack");
    if (push ? !repo.deploysOnPush() : !repo.initialized()) receive(ctx).initialize(app, ctx.env(JOKKU_BIN, ""));
    if (ctx.in != System.in) return PackService.serve(program, repo.dir(), ctx.in, ctx.stdout, ctx.stderr);
    ctx.stdout.flush();
    ctx.stderr.flush();
    return PackService.serve(program, repo.dir());
  }

  /** Creates the app on first push, telling the pusher on stderr (stdout is git's). */
  private static void create(Ctx ctx, String app) {
    try {
      AppsCommands.apps(ctx, new Out(ctx.stderr, ctx.stderr, ctx.quiet)).create(app);
    } catch (DokkuException e) {
      if (!ctx.store().appExists(app)) throw e; // another push created it meanwhile: carry on with that app
    }
  }

  /** The pre-receive hook: refs on stdin, everything printed goes to the pusher as {@code remote: } lines. */
  static int hook(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git-hook", raw).atMost(1);
    AppName.verify(ctx.store(), a.arg(0));
    receive(ctx).hook(a.arg(0), ctx.in);
    return 0;
  }

  static int initialize(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git:initialize", raw).atMost(1);
    AppName.verify(ctx.store(), a.arg(0));
    ctx.out.info1Quiet("Initializing git repository for " + a.arg(0));
    receive(ctx).initialize(a.arg(0), ctx.env(JOKKU_BIN, ""));
    return 0;
  }

  static int sync(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git:sync", raw);
    a.atMost(3);
    AppName.verify(ctx.store(), a.arg(0));
    if (a.has("--build") && a.has("--build-if-changes")) throw new DokkuException("--build and --build-if-changes cannot be combined");
    if (!a.arg(1).matches("(?i)(https?|git)://.*")) {
      ctx.requireHostAccess("a repository " + a.arg(1), "only http(s):// and git:// repositories stay off the host's own folders and ssh keys");
    }
    receive(ctx).sync(a.arg(0), a.arg(1), a.arg(2), a.has("--build"), a.has("--build-if-changes"), ctx.env(JOKKU_BIN, ""));
    return 0;
  }

  /** Dokku's {@code CommandPropertySet}: checked first, then stored under the scope's lock. */
  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git:set", raw);
    boolean global = a.has("--global");
    int first = global ? 0 : 1;
    a.atMost(first + 2);
    Scope scope = global ? Scope.GLOBAL : Scope.app(a.arg(0));
    if (!global) AppName.verify(ctx.store(), scope.app());
    String key = a.arg(first), value = a.arg(first + 1);
    if (key.isEmpty()) throw new DokkuException("No property specified");
    GitSettings.validate(scope, key, value);
    ctx.out.info2Quiet(value.isEmpty() ? "Unsetting " + key : "Setting " + key + " to " + value);
    GitSettings settings = new GitSettings(ctx.store());
    try (Store.Lock lock = settings.lock(scope)) {
      settings.set(scope, key, value);
    }
    return 0;
  }
}
