package jokku.git;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jokku.DokkuException;
import jokku.Out;
import jokku.config.Config;
import jokku.deploy.BuildSource;
import jokku.deploy.Builds;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The git side of a deploy: an app's repository and its pre-receive hook, what the hook does with each pushed ref
 * (the deploy branch's new revision is built from its tree with the Dockerfile builder and deployed, under the
 * app's deploy lock; other branches only warn), and {@code git:sync}. A failed build or deploy fails the hook, so
 * git rejects the push and leaves the refs, the image and the running containers as they were.
 */
public final class GitReceive {
  private static final String ZERO = "0000000000000000000000000000000000000000";

  private final Store store;
  private final Out out;
  private final Function<String, Builds> builds;
  private final GitSettings settings;

  public GitReceive(Store store, Out out, Function<String, Builds> builds) {
    this.store = store;
    this.out = out;
    this.builds = builds;
    this.settings = new GitSettings(store);
  }

  /**
   * Creates the app's repository when missing and (re)writes its pre-receive hook, which runs {@code jokku} (the
   * launcher at {@code jokkuBin}) with this DOKKU_ROOT and DOKKU_LIB_ROOT.
   */
  public void initialize(String app, String jokkuBin) {
    if (jokkuBin == null || jokkuBin.isEmpty() || !Files.isExecutable(Path.of(jokkuBin))) {
      throw new DokkuException("Unable to write the pre-receive hook of " + app + ": JOKKU_BIN does not name the jokku launcher (run jokku through bin/jokku)");
    }
    // git runs the hook in the repository, $DOKKU_ROOT/<app>: the app is the folder's name, so the hook stays right
    // when apps:rename or apps:clone copy the folder
    String script = "#!/bin/sh\n" + GitRepo.HOOK_MARK + ": hands each push to jokku, which builds and deploys the deploy branch\n"
        + "exec env DOKKU_ROOT=" + quote(store.root().toString()) + " DOKKU_LIB_ROOT=" + quote(store.lib().toString())
        + " " + quote(jokkuBin) + " git-hook \"${PWD##*/}\"\n";
    try (Store.Lock l = store.lock(app)) {
      GitRepo.of(store, app).init(script, settings.deployBranch(app));
    }
  }

  /** The pre-receive hook: one {@code <old> <new> <ref>} line per pushed ref. */
  public void hook(String app, InputStream refs) {
    GitRepo repo = GitRepo.of(store, app);
    String branch = settings.deployBranch(app);
    if (!GitRepo.validBranch(branch)) {
      out.info1("WARNING: Invalid branch name '" + branch + "' specified via DOKKU_DEPLOY_BRANCH.");
      out.info1("For more details, please see the man page for 'git-check-ref-format.'");
      return;
    }
    boolean adopt = settings.deployBranchUnset(app) && !repo.hasBranches();
    for (String line : lines(refs)) {
      String[] f = line.strip().split("\\s+");
      if (f.length != 3) continue;
      String rev = f[1], ref = f[2];
      if (adopt && ref.startsWith("refs/heads/")) {
        branch = ref.substring("refs/heads/".length());
        try (Store.Lock l = store.lock(app)) {
          settings.set(Scope.app(app), GitSettings.DEPLOY_BRANCH, branch);
        }
        repo.head(branch);
        out.info1("Set " + branch + " as deploy-branch");
        adopt = false;
      }
      if (!ref.equals("refs/heads/" + branch)) {
        out.info1("WARNING: deploy did not complete, you must push to " + branch + ".");
        out.info1("for example, try 'git push <dokku> " + ref.replaceFirst("^refs/heads/", "") + ":" + branch + "'");
      } else if (rev.equals(ZERO)) {
        out.info1("WARNING: the deploy branch " + branch + " was deleted: nothing deployed, the running version keeps serving");
      } else {
        deploy(app, rev);
      }
    }
  }

  /**
   * Builds the revision's tree (its {@code .dockerignore} applied) with the Dockerfile builder and deploys it; sets
   * the rev-env-var (GIT_REV) config first, restoring it when the build or deploy fails.
   */
  public void deploy(String app, String rev) {
    try (Store.Lock lock = store.tryDeployLock(app)) {
      GitRepo repo = GitRepo.of(store, app);
      GitRepo.Source source = repo.source(rev);
      String commit = source.commit();
      if (commit.isEmpty()) throw new DokkuException("Revision " + rev + " is not a commit of " + app);
      if (!source.dockerfile()) {
        throw new DokkuException("No Dockerfile in " + commit.substring(0, 7) + ": jokku builds apps from a Dockerfile at the root of the repository (buildpacks are not supported)");
      }
      DockerIgnore ignore = DockerIgnore.parse(source.dockerignore());
      Path context = tempFile();
      try {
        try (OutputStream o = Files.newOutputStream(context)) {
          repo.archive(commit, o, path -> !ignore.excludes(path));
        } catch (IOException e) {
          throw new DokkuException("Unable to write the build context " + context + ": " + e.getMessage());
        }
        Config config = new Config(store);
        String var = settings.revEnvVar(app);
        String before = config.app(app).get(var);
        config.set(Scope.app(app), Map.of(var, commit));
        BuildSource remembered = new BuildSource(store);
        BuildSource.Previous previous = remembered.setAside(app);
        try (InputStream in = Files.newInputStream(context)) {
          builds.apply(app).fromArchive(app, in);
        } catch (IOException | RuntimeException e) {
          restore(config, app, var, before);
          remembered.restore(app, previous);
          if (e instanceof IOException) throw new DokkuException("Unable to read the build context " + context + ": " + e.getMessage());
          throw (RuntimeException) e;
        }
        remembered.discard(app, previous);
      } finally {
        try {
          Files.deleteIfExists(context);
        } catch (IOException ignored) {
          // a temp file left in the temp folder: nothing depends on it
        }
      }
    }
  }

  /** {@code git:sync}: fetches {@code remote}, points the deploy branch at {@code ref} (default: the deploy branch). */
  public void sync(String app, String remote, String ref, boolean build, boolean buildIfChanges, String jokkuBin) {
    if (remote.isEmpty()) throw new DokkuException("Missing GIT_REMOTE parameter");
    try (Store.Lock lock = store.tryDeployLock(app)) {
      GitRepo repo = GitRepo.of(store, app);
      if (!repo.initialized()) initialize(app, jokkuBin);
      boolean first = !repo.hasBranches();
      String branch = settings.deployBranch(app);
      String before = repo.commit("refs/heads/" + branch);
      out.info1Quiet((first ? "Cloning " : "Fetching ") + app + " from " + remote + (ref.isEmpty() ? "" : "#" + ref));
      repo.fetch(remote);
      String target = ref.isEmpty() ? branch : ref;
      String commit = repo.resolveFetched(target);
      if (commit.isEmpty()) throw new DokkuException("No branch, tag or commit " + target + " in " + remote + (ref.isEmpty() ? " (name the ref to sync)" : ""));
      if (first && !ref.isEmpty() && repo.fetchedBranch(ref) && settings.ownDeployBranch(app).isEmpty()) {
        out.verboseQuiet("Detected branch, setting deploy-branch to " + ref);
        try (Store.Lock l = store.lock(app)) {
          settings.set(Scope.app(app), GitSettings.DEPLOY_BRANCH, ref);
        }
        branch = ref;
        before = repo.commit("refs/heads/" + branch);
      }
      repo.updateBranch(branch, commit);
      repo.head(branch);
      if (build || buildIfChanges && !commit.equals(before)) deploy(app, commit);
      else if (buildIfChanges) out.info1Quiet("Skipping build as no changes were detected");
    }
  }

  private static void restore(Config config, String app, String var, String before) {
    if (before == null) config.unset(Scope.app(app), List.of(var));
    else config.set(Scope.app(app), Map.of(var, before));
  }

  private static List<String> lines(InputStream in) {
    try {
      return new BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)).lines().toList();
    } catch (UncheckedIOException e) {
      throw new DokkuException("Unable to read the pushed refs: " + e.getCause().getMessage());
    }
  }

  private static Path tempFile() {
    try {
      return Files.createTempFile("jokku-git-context-", ".tar");
    } catch (IOException e) {
      throw new DokkuException("Unable to create a temporary build context: " + e.getMessage());
    }
  }

  /** POSIX single quotes. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
