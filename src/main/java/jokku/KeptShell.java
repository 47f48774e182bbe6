package jokku;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The one helper process jokku keeps: a {@code /bin/sh} started at first use, reading command lines from a pipe.
 * Everything jokku does outside the JVM without waiting for it goes through it: signals through its builtin
 * {@code kill} (Java itself can send only SIGTERM and SIGKILL, and a {@code kill} process per signal cost 30-110 ms of
 * each heal on a loaded 2-core machine, against well under 1 ms here), and detached background jobs (the delayed
 * retirement a deploy schedules), which the shell forks so they are never the JVM's children.
 *
 * <p>{@link #end} must run before the JVM exits ({@code Main} calls it): a child still running at exit holds the
 * exit about 300 ms, because HotSpot waits that long for threads in native code and the thread waiting for the child
 * is one. Ending the shell means closing its input: it reads end-of-file, exits, and is reaped at once. Should the
 * JVM end otherwise (a signal), the shell reads end-of-file all the same.
 */
public final class KeptShell {
  private static final String DONE = "--jokku-kept-shell-done ";
  private static Process shell;
  private static Writer commands;
  private static BufferedReader replies;

  private KeptShell() {}

  /** What a command line printed (stdout and stderr) and its exit code. */
  public record Reply(int exit, String output) {}

  /**
   * Runs a command line (the caller's quoting: see {@link #quote}) and returns once it finished; starts the shell, or
   * starts it again once when it broke. Throws when no shell can be used.
   */
  public static synchronized Reply run(String line) throws IOException {
    IOException broken = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        if (shell == null || !shell.isAlive()) start();
        commands.write("{ " + line + "\n} 2>&1; echo \"" + DONE + "$?\"\n");
        commands.flush();
        StringBuilder out = new StringBuilder();
        for (String l = replies.readLine(); l != null; l = replies.readLine()) {
          if (l.startsWith(DONE)) return new Reply(Integer.parseInt(l.substring(DONE.length()).trim()), out.toString());
          out.append(l).append('\n');
        }
        broken = new IOException("the kept shell ended");
      } catch (IOException | NumberFormatException e) {
        broken = e instanceof IOException io ? io : new IOException(e.getMessage());
      }
      end();
    }
    throw broken;
  }

  /**
   * Starts the shell now when none runs, so that a later {@link #run} finds it ready: for callers that wait on
   * something else meanwhile (a deploy while the engine starts its container). A shell that cannot start is left to
   * {@link #run}, which tries again and reports it.
   */
  public static synchronized void prestart() {
    if (shell != null && shell.isAlive()) return;
    try {
      start();
    } catch (IOException e) {
      shell = null;
    }
  }

  /** Ends the shell and reaps it (a no-op when none runs); the next {@link #run} starts another. */
  public static synchronized void end() {
    if (shell == null) return;
    Process p = shell;
    shell = null;
    try {
      commands.close();
    } catch (IOException e) {
      // already broken: destroyed below if it does not end
    }
    try {
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** {@code it's} → {@code 'it'\''s'}: one word for the shell, whatever it holds. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void start() throws IOException {
    shell = new ProcessBuilder("/bin/sh").redirectErrorStream(true).start();
    commands = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8);
    replies = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
  }
}
