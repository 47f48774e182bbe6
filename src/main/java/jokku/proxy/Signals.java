package jokku.proxy;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Sends signals to other processes (the nginx master) with the builtin {@code kill} of one shell started at the first
 * signal and kept for the life of this process: Java itself can send only SIGTERM and SIGKILL, and starting a
 * {@code kill} process for every reload cost 30-110 ms of each heal on a loaded 2-core machine, against well under
 * 1 ms through the kept shell ({@code network:watch} reloads nginx for every move). The shell reads its commands
 * from a pipe, so it ends when this process does, however it ends. Should it not start or break, a {@code kill}
 * process is started instead.
 */
final class Signals {
  private static final String DONE = "--jokku-signal-sent ";
  private static Process shell;
  private static Writer commands;
  private static BufferedReader replies;

  private Signals() {}

  /** {@code kill -s <name> <pid>}: its exit code and output. */
  static synchronized Nginx.Result send(String name, long pid) {
    if (!name.matches("[A-Z0-9]+")) throw new IllegalArgumentException("signal " + name);
    try {
      if (shell == null || !shell.isAlive()) start();
      commands.write("kill -s " + name + " " + pid + " 2>&1; echo \"" + DONE + "$?\"\n");
      commands.flush();
      StringBuilder out = new StringBuilder();
      for (String line = replies.readLine(); line != null; line = replies.readLine()) {
        if (line.startsWith(DONE)) return new Nginx.Result(Integer.parseInt(line.substring(DONE.length()).trim()), out.toString());
        out.append(line).append('\n');
      }
    } catch (IOException | NumberFormatException e) {
      // the shell broke: a kill process of its own below
    }
    close();
    return once(name, pid);
  }

  private static void start() throws IOException {
    close();
    shell = new ProcessBuilder("/bin/sh").redirectErrorStream(true).start();
    commands = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8);
    replies = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
  }

  private static void close() {
    if (shell != null) shell.destroy();
    shell = null;
  }

  private static Nginx.Result once(String name, long pid) {
    try {
      Process p = new ProcessBuilder("kill", "-s", name, String.valueOf(pid)).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
      return new Nginx.Result(p.isAlive() ? 124 : p.exitValue(), out);
    } catch (IOException e) {
      return new Nginx.Result(127, "Cannot run kill: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Nginx.Result(130, "Interrupted while signalling pid " + pid);
    }
  }
}
