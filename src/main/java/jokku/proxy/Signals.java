package jokku.proxy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jokku.KeptShell;

/**
 * Sends signals to other processes (the nginx master, its workers) with the builtin {@code kill} of the
 * {@link KeptShell}: Java itself can send only SIGTERM and SIGKILL, and a {@code kill} process per signal costs
 * 30-110 ms on a loaded 2-core machine against well under 1 ms through the kept shell ({@code network:watch} reloads
 * nginx for every move). Should the shell not be usable, a {@code kill} process is started instead.
 */
final class Signals {
  private Signals() {}

  /** {@code kill -s <name> <pid>...}: its exit code (0 when every process was signalled) and output. */
  static Nginx.Result send(String name, Collection<Long> pids) {
    if (!name.matches("[A-Z0-9]+")) throw new IllegalArgumentException("signal " + name);
    if (pids.isEmpty()) throw new IllegalArgumentException("no process to signal");
    List<String> cmd = new ArrayList<>(List.of("kill", "-s", name));
    for (long pid : pids) cmd.add(String.valueOf(pid));
    try {
      KeptShell.Reply r = KeptShell.run(String.join(" ", cmd));
      return new Nginx.Result(r.exit(), r.output());
    } catch (IOException e) {
      return once(cmd);
    }
  }

  private static Nginx.Result once(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
      return new Nginx.Result(p.isAlive() ? 124 : p.exitValue(), out);
    } catch (IOException e) {
      return new Nginx.Result(127, "Cannot run kill: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Nginx.Result(130, "Interrupted while signalling " + String.join(" ", cmd.subList(3, cmd.size())));
    }
  }
}
