package jokku.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import jokku.DokkuException;

/**
 * Serves one side of git's pack protocol for an app's repository: runs the real {@code git-receive-pack} or
 * {@code git-upload-pack} on it and passes the caller's stdin, stdout and stderr through byte for byte (flushed as
 * each chunk arrives, since the protocol is a conversation). Receive-pack runs the repository's pre-receive hook,
 * which deploys.
 */
public final class PackService {
  public static final List<String> PROGRAMS = List.of("git-receive-pack", "git-upload-pack");

  private PackService() {}

  /**
   * Runs {@code program} on {@code repo} with this process's own stdin, stdout and stderr (the ssh channel): git
   * reads and writes them itself, nothing is copied, and no thread of ours is left blocked reading stdin when the
   * JVM exits (HotSpot waits up to 300 ms for such threads). Returns its exit code.
   */
  public static int serve(String program, Path repo) {
    Process p = start(builder(program, repo).inheritIO());
    return waitFor(p, program);
  }

  /** Runs {@code program} on {@code repo} with the given streams (an in-process caller's), copied as they flow. */
  public static int serve(String program, Path repo, InputStream in, OutputStream out, OutputStream err) {
    Process p = start(builder(program, repo));
    Thread stdin = pump("stdin", in, p.getOutputStream(), true);
    Thread stderr = pump("stderr", p.getErrorStream(), err, false);
    stdin.setDaemon(true);
    stdin.start();
    stderr.start();
    copy(p.getInputStream(), out, false);
    int code = waitFor(p, program);
    try {
      stderr.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return code;
  }

  private static ProcessBuilder builder(String program, Path repo) {
    if (!PROGRAMS.contains(program)) throw new IllegalArgumentException(program);
    ProcessBuilder pb = new ProcessBuilder(program, repo.toString());
    pb.environment().remove("GIT_DIR");
    pb.environment().remove("GIT_WORK_TREE");
    // the repository may belong to the dokku user while root runs this: trust exactly this one (git's safe.directory)
    pb.environment().put("GIT_CONFIG_COUNT", "1");
    pb.environment().put("GIT_CONFIG_KEY_0", "safe.directory");
    pb.environment().put("GIT_CONFIG_VALUE_0", repo.toString());
    return pb;
  }

  private static Process start(ProcessBuilder pb) {
    try {
      return pb.start();
    } catch (IOException e) {
      throw new DokkuException("Unable to run " + pb.command().get(0) + " (is git installed?): " + e.getMessage());
    }
  }

  private static int waitFor(Process p, String program) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      throw new DokkuException("Interrupted while " + program + " ran");
    }
  }

  private static Thread pump(String name, InputStream from, OutputStream to, boolean closeAfter) {
    return new Thread(() -> copy(from, to, closeAfter), "jokku-" + name);
  }

  /** Copies until the end of {@code from}; a closed peer ends the copy quietly (the process reports the failure). */
  private static void copy(InputStream from, OutputStream to, boolean closeAfter) {
    byte[] buf = new byte[65536];
    try {
      for (int n; (n = from.read(buf)) >= 0; ) {
        to.write(buf, 0, n);
        to.flush();
      }
    } catch (IOException ignored) {
      // the other side went away: git itself says what went wrong, on its stderr
    } finally {
      if (closeAfter) {
        try {
          to.close();
        } catch (IOException ignored) {
          // already closed by the process exiting
        }
      }
    }
  }
}
