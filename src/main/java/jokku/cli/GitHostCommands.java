package jokku.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.git.GitLocks;
import jokku.git.GitRepo;
import jokku.store.Store;

/**
 * The git plugin's commands about the server's side of git: {@code git:unlock} (stale lock files of an app's
 * repository), {@code git:public-key} (the dokku user's deploy key, for {@code git:sync} of private repositories) and
 * {@code git:allow-host} (a git server's host key into the dokku user's {@code known_hosts}).
 */
final class GitHostCommands {
  /** Where {@code git:allow-host} writes, as Dokku: the dokku user's (home {@code DOKKU_ROOT}) ssh client files. */
  private static final String SSH_DIR = ".ssh";
  private static final String KNOWN_HOSTS_LOCK = "--git-known-hosts";

  private GitHostCommands() {}

  static void register(Registry r) {
    r.command("git:unlock", GitHostCommands::unlock)
        .command("git:public-key", GitHostCommands::publicKey)
        .command("git:allow-host", GitHostCommands::allowHost);
    // git:public-key and git:allow-host serve git:sync over ssh, which only admins may use: admin-only (no rule)
    r.access(Rule.app(), "git:unlock");
  }

  /**
   * Removes git's lock files left in the app's repository (see {@link GitLocks}) when nothing works in it: refused
   * while a deploy holds the app's deploy lock or a process runs in the repository (its lock files are live).
   * Without {@code --force} it asks first, as Dokku does.
   */
  static int unlock(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git:unlock", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    Path repo = GitRepo.of(ctx.store(), app).dir();
    try (Store.Lock deploy = ctx.store().tryDeployLock(app)) {
      List<Path> locks = GitLocks.find(repo);
      if (locks.isEmpty()) {
        ctx.out.info1("No stale git lock exists, app already unlocked");
        return 0;
      }
      List<Long> busy = GitLocks.processesIn(repo);
      if (!busy.isEmpty()) {
        throw new DokkuException("A process (pid " + busy.get(0) + ") works in " + repo + ": its lock files are not stale; wait for it to end");
      }
      if (!(ctx.force || a.has("--force")) && !confirmed(ctx)) return 0;
      for (Path lock : locks) {
        ctx.out.info1("About to delete " + lock);
        try {
          Files.deleteIfExists(lock);
        } catch (IOException e) {
          throw new DokkuException("Unable to delete " + lock + ": " + e.getMessage());
        }
        ctx.out.info1("Successfully deleted " + lock);
      }
    }
    return 0;
  }

  /** Dokku's question; y/Y goes on, n/N answers "no", anything else asks for yes or no (both exit 0, as Dokku). */
  private static boolean confirmed(Ctx ctx) {
    ctx.out.print("Are you sure that want to delete the stale git lock files (y/n)?");
    String line;
    try {
      line = new BufferedReader(new InputStreamReader(ctx.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new DokkuException(e.getMessage());
    }
    if (line == null) throw new DokkuException("No answer (stdin closed): run git:unlock with --force to delete them without asking");
    String answer = line.strip();
    if (answer.equals("y") || answer.equals("Y")) return true;
    ctx.out.println(answer.equals("n") || answer.equals("N") ? "no" : "please answer with yes or no");
    return false;
  }

  /** The dokku user's public deploy key: Dokku's {@code id_rsa.pub}, else the {@code id_ed25519.pub} its advice generates. */
  static int publicKey(Ctx ctx, List<String> raw) {
    Args.parse("git:public-key", raw).atMost(0);
    Path ssh = ctx.store().root().resolve(SSH_DIR);
    for (String name : List.of("id_rsa.pub", "id_ed25519.pub")) {
      Path key = ssh.resolve(name);
      if (Files.isRegularFile(key)) {
        ctx.out.print(Store.read(key));
        return 0;
      }
    }
    ctx.out.warn("There is no deploy key associated with the " + System.getProperty("user.name") + " user.");
    ctx.out.warn("Generate an ssh key with the following command (do not specify a password):");
    ctx.out.warn("  ssh-keygen -t ed25519 -C 'example@example.com'");
    throw new DokkuException("As an alternative, use git:sync with an http(s):// repository URL that carries its credentials");
  }

  /**
   * {@code ssh-keyscan} of the host (every key type it offers; {@code host:port} or {@code [v6]:port} for another port
   * than 22), its lines added to {@code $DOKKU_ROOT/.ssh/known_hosts} when not already there, atomically.
   */
  static int allowHost(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git:allow-host", raw).atMost(1);
    String host = a.arg(0);
    if (host.isEmpty()) throw new DokkuException("Please supply a git host");
    String name = host, port = "";
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\[([^\\]]+)\\]:(\\d{1,5})$|^([^:\\[\\]]+):(\\d{1,5})$").matcher(host);
    if (m.matches()) {
      name = m.group(1) != null ? m.group(1) : m.group(3);
      port = m.group(2) != null ? m.group(2) : m.group(4);
    }
    if (!name.matches("[A-Za-z0-9.:-]+") || name.startsWith("-")) throw new DokkuException("Invalid git host: " + host);
    List<String> cmd = new ArrayList<>(List.of("ssh-keyscan", "-T", "15"));
    if (!port.isEmpty()) cmd.addAll(List.of("-p", port));
    cmd.addAll(List.of("--", name));
    List<String> found = keyscan(cmd);
    if (found.isEmpty()) throw new DokkuException("ssh-keyscan found no host key at " + host);
    Path file = ctx.store().root().resolve(SSH_DIR).resolve("known_hosts");
    try (Store.Lock lock = ctx.store().lock(KNOWN_HOSTS_LOCK)) {
      Set<String> lines = new LinkedHashSet<>(Store.read(file).lines().toList());
      lines.addAll(found);
      Store.mkdirs(file.getParent());
      Store.writeAtomic(file, String.join("\n", lines) + "\n", false);
    }
    ctx.out.info1(host + " added to known hosts");
    return 0;
  }

  private static List<String> keyscan(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DokkuException("ssh-keyscan did not finish: " + String.join(" ", cmd));
      }
      return out.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new DokkuException("Unable to run ssh-keyscan (install openssh-client): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DokkuException("Interrupted while running ssh-keyscan");
    }
  }
}
