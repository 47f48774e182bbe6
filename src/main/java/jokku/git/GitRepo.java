package jokku.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * An app's bare repository, {@code $DOKKU_ROOT/<app>} (the app folder itself, as in Dokku), driven through the
 * {@code git} binary. Run inside the pre-receive hook, git sees the pushed objects still in quarantine through the
 * environment receive-pack gives the hook, which every git process started here inherits.
 */
public final class GitRepo {
  static final String HOOK = "pre-receive";
  /** The hook's second line begins so (bin/jokku's fast path for pushes checks it too). */
  static final String HOOK_MARK = "# written by jokku (git:initialize)";
  private final Path dir;

  GitRepo(Path dir) {
    this.dir = dir;
  }

  public static GitRepo of(Store store, String app) {
    return new GitRepo(store.appDir(app));
  }

  public Path dir() {
    return dir;
  }

  /** Whether the folder is a git repository (Dokku tests for its {@code refs} folder). */
  public boolean initialized() {
    return Files.isDirectory(dir.resolve("refs")) && Files.isRegularFile(dir.resolve("HEAD"));
  }

  /**
   * Whether pushes to this repository reach jokku: the repository exists and its pre-receive hook is jokku's, an
   * executable file (git skips a missing or non-executable hook and accepts the push without a deploy).
   */
  public boolean deploysOnPush() {
    if (!initialized()) return false;
    Path hook = dir.resolve("hooks").resolve(HOOK);
    if (!Files.isRegularFile(hook, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(hook)) return false;
    try {
      return Files.readString(hook).contains("\n" + HOOK_MARK);
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** Creates the bare repository when missing (HEAD on {@code branch}), and (re)writes the pre-receive hook. */
  void init(String hookScript, String branch) {
    if (!initialized()) {
      git("init", "-q", "--bare", "--initial-branch=" + branch, dir.toString()).orFail("Unable to create the git repository " + dir);
    }
    // written beside, made executable, then renamed over: a push never finds the hook missing or not executable
    // (git would skip it and accept the push without a deploy)
    Path hook = dir.resolve("hooks").resolve(HOOK);
    Store.mkdirs(hook.getParent());
    Path next = hook.resolveSibling(HOOK + ".jokku-new");
    try {
      Files.writeString(next, hookScript);
      Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(next, hook, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(next);
      } catch (IOException ignored) {
        // the half-written file is replaced by the next git:initialize
      }
      throw new DokkuException("Unable to write the pre-receive hook " + hook + ": " + e.getMessage());
    }
  }

  /** Whether {@code git check-ref-format --branch} accepts the name. */
  static boolean validBranch(String name) {
    return BranchName.valid(name);
  }

  /** Whether the repository has any branch yet (a first push has none): a loose ref file or a packed one. */
  boolean hasBranches() {
    try (java.util.stream.Stream<Path> refs = Files.walk(dir.resolve("refs").resolve("heads"))) {
      if (refs.anyMatch(Files::isRegularFile)) return true;
    } catch (IOException | java.io.UncheckedIOException e) {
      // no refs/heads folder: no loose branch
    }
    try {
      return Files.readString(dir.resolve("packed-refs")).contains(" refs/heads/");
    } catch (IOException e) {
      return false;
    }
  }

  /** What a deploy needs from a revision, read by one git process: its commit, whether it has a Dockerfile, its .dockerignore. */
  record Source(String commit, boolean dockerfile, String dockerignore) {}

  /** The revision's commit and files ({@code commit} "" when the revision names no commit). */
  Source source(String rev) {
    String commit = rev + "^{commit}";
    String input = commit + "\n" + commit + ":Dockerfile\n" + commit + ":.dockerignore\n";
    Process p = start(command("cat-file", "--batch"));
    try (InputStream in = p.getInputStream()) {
      try (OutputStream o = p.getOutputStream()) {
        o.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String[] commitHead = header(in);
      if (!commitHead[1].equals("commit")) {
        waitFor(p);
        return new Source("", false, "");
      }
      body(in, commitHead);
      String[] dockerfile = header(in);
      body(in, dockerfile);
      String[] ignore = header(in);
      String ignoreText = ignore[1].equals("blob") ? new String(body(in, ignore), StandardCharsets.UTF_8) : "";
      waitFor(p);
      return new Source(commitHead[0], dockerfile[1].equals("blob"), ignoreText);
    } catch (IOException e) {
      p.destroy();
      throw new DokkuException("Unable to read " + rev + " from " + dir + ": " + e.getMessage());
    }
  }

  /** {@code <oid> <type> <size>}, or {@code <name> missing} (type "missing", size 0). */
  private static String[] header(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new IOException("git cat-file ended early");
      line.append((char) c);
    }
    String[] f = line.toString().split(" ");
    return f.length == 3 ? f : new String[] {f[0], "missing", "0"};
  }

  private static byte[] body(InputStream in, String[] header) throws IOException {
    if (header[1].equals("missing")) return new byte[0]; // "<name> missing" has no body
    int size = Integer.parseInt(header[2]);
    byte[] b = in.readNBytes(size);
    if (b.length < size || in.read() != '\n') throw new IOException("git cat-file ended early");
    return b;
  }

  /** The commit a revision names, or "" when it names none. */
  String commit(String rev) {
    Result r = git("rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}");
    return r.code() == 0 ? r.out().strip() : "";
  }

  /** The short sha of a branch's head, "" when the branch does not exist. */
  public String shortSha(String branch) {
    if (!initialized()) return "";
    Result r = git("rev-parse", "--verify", "--quiet", "--short", "refs/heads/" + branch);
    return r.code() == 0 ? r.out().strip() : "";
  }

  /** When the branch last moved (seconds since the epoch, its ref file's time), "" when it has no ref file. */
  public String lastUpdatedAt(String branch) {
    try {
      return String.valueOf(Files.getLastModifiedTime(dir.resolve("refs").resolve("heads").resolve(branch)).toMillis() / 1000);
    } catch (IOException e) {
      return "";
    }
  }

  /** Writes the revision's tree as a tar stream, without the entries {@code keep} refuses. */
  void archive(String rev, OutputStream out, Predicate<String> keep) {
    Process p = start(command("archive", "--format=tar", rev));
    closeInput(p);
    try (InputStream in = p.getInputStream()) {
      TarFilter.copy(in, out, keep);
    } catch (IOException e) {
      p.destroy();
      throw new DokkuException("Unable to archive " + rev + ": " + e.getMessage());
    }
    String err = stderr(p);
    if (waitFor(p) != 0) throw new DokkuException("Unable to archive " + rev + ": " + err.strip());
  }

  /** Fetches every branch and tag of {@code remote} (a path or any URL git accepts) beside the app's own refs. */
  void fetch(String remote) {
    git("fetch", "--quiet", "--no-tags", "--force", "--end-of-options", remote, "+refs/heads/*:" + SYNCED + "*", "+refs/tags/*:refs/tags/*")
        .orFail("Unable to fetch " + remote);
  }

  static final String SYNCED = "refs/jokku-sync/";

  /** A fetched branch, else a tag, else a commit sha: the commit {@code ref} names after {@link #fetch}, or "". */
  String resolveFetched(String ref) {
    for (String candidate : List.of(SYNCED + ref, "refs/tags/" + ref, ref)) {
      String c = commit(candidate);
      if (!c.isEmpty()) return c;
    }
    return "";
  }

  boolean fetchedBranch(String ref) {
    return !commit(SYNCED + ref).isEmpty();
  }

  void updateBranch(String branch, String commit) {
    git("update-ref", "refs/heads/" + branch, commit).orFail("Unable to move " + branch + " to " + commit);
  }

  /** Points HEAD at the deploy branch, so clones from the app check it out. */
  void head(String branch) {
    Store.writeAtomic(dir.resolve("HEAD"), "ref: refs/heads/" + branch + "\n", false);
  }

  record Result(int code, String out, String err) {
    String orFail(String what) {
      if (code != 0) throw new DokkuException(what + (err.isBlank() ? "" : ": " + err.strip().replace('\n', ' ')));
      return out;
    }
  }

  private Result git(String... args) {
    return run(command(args));
  }

  private List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "safe.directory=" + dir, "--git-dir=" + dir));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Result run(List<String> cmd) {
    Process p = start(cmd);
    closeInput(p);
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(waitFor(p), out, stderr(p));
    } catch (IOException e) {
      p.destroy();
      throw new DokkuException("Unable to run git: " + e.getMessage());
    }
  }

  private static Process start(List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("GIT_DIR");
    pb.environment().remove("GIT_WORK_TREE");
    try {
      return pb.start();
    } catch (IOException e) {
      throw new DokkuException("Unable to run git (is it installed?): " + e.getMessage());
    }
  }

  private static void closeInput(Process p) {
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // git has nothing to read: a failure closing its input changes nothing
    }
  }

  private static String stderr(Process p) {
    try {
      return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static int waitFor(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      throw new DokkuException("Interrupted while git ran");
    }
  }
}
