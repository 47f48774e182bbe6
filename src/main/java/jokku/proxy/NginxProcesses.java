package jokku.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** What {@link Nginx} reads of nginx's processes under {@code /proc}: the master's workers, a process's command line. */
final class NginxProcesses {
  private NginxProcesses() {}

  /** The master's children: one read of its {@code children} file where the kernel has one, else a process table scan. */
  static Set<Long> workers(long master) {
    Set<Long> s = new HashSet<>();
    Path children = Path.of("/proc", String.valueOf(master), "task", String.valueOf(master), "children");
    try {
      for (String pid : Files.readString(children).trim().split("\\s+")) if (!pid.isEmpty()) s.add(Long.parseLong(pid));
      return s;
    } catch (IOException | UncheckedIOException e) { // no such file in this kernel, or the master just ended
      s.clear();
    }
    ProcessHandle.of(master).ifPresent(h -> h.children().forEach(c -> s.add(c.pid())));
    return s;
  }

  /** A process's command line, its arguments joined by spaces; "" when it is gone. */
  static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }
}
