package jokku.proxy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * The nginx binary, driven the way an init system would but without one: {@code nginx -t} to validate the whole
 * configuration, {@code nginx -c <main>} to start (it daemonizes), signals (HUP, QUIT, TERM) to the master found
 * through the pid file. A reload returns once nginx has workers running the new configuration and the
 * old workers have stopped accepting connections, so the next request is served by the new configuration.
 */
public final class Nginx {
  private static final long WAIT_MS = 15_000;
  /**
   * A reload is confirmed in a few ms (the master parses, starts workers; the old ones stop accepting once told): the
   * first polls come every millisecond, so the confirmation is not rounded up to 5 ms steps, then every 5 ms.
   */
  private static final int FAST_POLLS = 20;
  private final NginxLayout layout;
  private final String binary;

  public Nginx(NginxLayout layout, String binary) {
    this.layout = layout;
    this.binary = binary;
  }

  /** {@code /usr/sbin/nginx}, else {@code nginx} on the PATH. */
  public static String findBinary(String path) {
    if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) return "/usr/sbin/nginx";
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nginx"))) return Path.of(dir, "nginx").toString();
    }
    return "";
  }

  public boolean installed() {
    return !binary.isEmpty();
  }

  public NginxLayout layout() {
    return layout;
  }

  /** A failure: nginx's own first error line, without its prefixes. */
  public record Result(int exit, String output) {
    public boolean ok() {
      return exit == 0;
    }

    public String error() {
      return LowPorts.explain(firstError(output));
    }
  }

  /** {@code nginx -t}: parses the whole configuration, including every app's file. */
  public Result test() {
    List<String> cmd = base();
    cmd.add("-t");
    return NginxTestSandbox.test(cmd, this::run);
  }

  /** {@code nginx -t} of another main configuration (one app's file on its own, a value to try). */
  public Result test(Path main) {
    List<String> cmd = base();
    cmd.set(cmd.indexOf("-c") + 1, main.toString());
    cmd.add("-t");
    return NginxTestSandbox.test(cmd, this::run);
  }

  /** The master's pid when nginx runs (the pid file names a live nginx master), else empty. */
  public Optional<Long> master() {
    String text = Store.read(layout.pidFile()).trim();
    if (!text.matches("\\d+")) return Optional.empty();
    long pid = Long.parseLong(text);
    String stat = Store.read(Path.of("/proc", text, "stat"));
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') return Optional.empty();
    return NginxProcesses.cmdline(pid).contains("nginx") ? Optional.of(pid) : Optional.empty();
  }

  public boolean running() {
    return master().isPresent();
  }

  /** Starts nginx (it daemonizes); returns once the master and a worker run. */
  public void start() {
    Result r = run(base());
    if (!r.ok()) throw new DokkuException("nginx did not start: " + r.error());
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      Optional<Long> m = master();
      if (m.isPresent() && !NginxProcesses.workers(m.get()).isEmpty()) return;
      pause();
    }
    throw new DokkuException("nginx did not start: " + lastLogError(0));
  }

  /**
   * Reloads the configuration and waits until it is the one serving new connections. The master is sent SIGHUP
   * itself, as {@code nginx -s reload} would after parsing the whole configuration in a process of its own only to
   * find the pid: the master parses the new configuration anyway, and when it refuses it (a syntax error, a port it
   * cannot bind) it logs an {@code [emerg]} line and keeps serving the old one, reported here as a failure.
   *
   * <p>Once the master has started workers with the new configuration, the old workers are sent SIGQUIT (stop
   * accepting, finish what is in flight, exit) right away: the master itself sends them the same signal only after
   * sleeping 100 ms "to allow new processes to start", and until then they accept connections with the old
   * configuration. New connections arriving meanwhile wait in the listening socket's queue for a new worker, so none
   * is refused. The master blocks signals while it reconfigures, so it reaps the old workers only after marking them
   * as leaving and never starts replacements. Should the signal fail (no permission), the wait is the master's.
   */
  public void reload() {
    long master = master().orElseThrow(() -> new DokkuException("nginx is not running"));
    Set<Long> before = NginxProcesses.workers(master);
    long logSize = size(layout.errorLog());
    Result r = signal("HUP", List.of(master));
    if (!r.ok()) throw new DokkuException("nginx did not reload: " + r.error());
    boolean oldTold = false;
    long deadline = System.currentTimeMillis() + WAIT_MS;
    for (int polls = 0; System.currentTimeMillis() < deadline; polls++) {
      if (!ProcessHandle.of(master).map(ProcessHandle::isAlive).orElse(false) || master().isEmpty()) {
        throw new DokkuException("nginx stopped while reloading: " + lastLogError(logSize));
      }
      Set<Long> now = NginxProcesses.workers(master);
      Set<Long> fresh = new HashSet<>(now);
      fresh.removeAll(before);
      if (!fresh.isEmpty()) {
        List<Long> accepting = accepting(before, now);
        if (accepting.isEmpty()) return;
        if (!oldTold) signal("QUIT", accepting);
        oldTold = true;
      } else {
        String refused = emergSince(logSize, master);
        if (!refused.isEmpty()) throw new DokkuException("nginx did not load the new configuration: " + refused);
      }
      pause(polls < FAST_POLLS ? 1 : 5);
    }
    throw new DokkuException("nginx did not load the new configuration: " + lastLogError(logSize));
  }

  /**
   * Stops nginx gracefully (SIGQUIT: in-flight requests finish), then fast (SIGTERM) if it lingers. The master is
   * signalled directly, not through {@code nginx -s}, which first parses the configuration: a broken app file must
   * not keep nginx from stopping.
   */
  public void stop() {
    for (String signal : List.of("QUIT", "TERM")) {
      Optional<Long> m = master();
      if (m.isEmpty()) return;
      if (signal.equals("TERM")) ProcessHandle.of(m.get()).ifPresent(ProcessHandle::destroy);
      else signal(signal, List.of(m.get()));
      long deadline = System.currentTimeMillis() + WAIT_MS;
      while (System.currentTimeMillis() < deadline && running()) pause();
    }
    if (running()) throw new DokkuException("nginx did not stop (pid file " + layout.pidFile() + ")");
  }

  /** Sends a signal to processes (see {@link Signals}: Java can send only SIGTERM and SIGKILL itself). */
  private static Result signal(String name, List<Long> pids) {
    return Signals.send(name, pids);
  }

  /**
   * The old workers still accepting connections: those of {@code before} still running as workers and not yet
   * {@code shutting down}. One that exited and waits to be reaped (a zombie) has an empty command line: not accepting.
   */
  private static List<Long> accepting(Set<Long> before, Set<Long> now) {
    List<Long> l = new ArrayList<>();
    for (long pid : before) {
      String cmd = now.contains(pid) ? NginxProcesses.cmdline(pid) : "";
      if (cmd.contains("worker process") && !cmd.contains("shutting down")) l.add(pid);
    }
    return l;
  }

  private List<String> base() {
    if (binary.isEmpty()) throw new DokkuException("nginx is not installed (on Debian: apt-get install -y nginx)");
    List<String> cmd = new ArrayList<>(List.of(binary, "-c", layout.mainConf().toString()));
    if (layout.managed()) {
      cmd.add("-e");
      cmd.add(layout.errorLog().toString());
    }
    return cmd;
  }

  /** Runs nginx with its output in a file: a daemonizing master must not hold a pipe to us. */
  private Result run(List<String> cmd) {
    Path out = null;
    try {
      Store.mkdirs(layout.dir());
      out = Files.createTempFile(layout.dir(), ".nginx-", ".out");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(124, "nginx: [emerg] " + String.join(" ", cmd) + " did not finish within 60 seconds");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DokkuException("Cannot run " + cmd.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DokkuException("Interrupted while running nginx");
    } finally {
      if (out != null) Store.delete(out);
    }
  }

  private static long size(Path f) {
    try {
      return Files.exists(f) ? Files.size(f) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The first error nginx logged after a given offset of its error log. */
  private String lastLogError(long from) {
    String log = Store.read(layout.errorLog());
    String fresh = from <= log.length() ? log.substring((int) Math.min(from, log.length())) : log;
    String e = firstError(fresh);
    return e.isEmpty() ? "see " + layout.errorLog() : e;
  }

  /**
   * The first {@code [emerg]} the master itself logged after a given offset of the error log ("" when none): it
   * refused a reload. Lines carry the logging process's pid ({@code [emerg] 1234#1234: ...}), so an {@code nginx -t}
   * of a trial configuration logging to the same file meanwhile is not taken for the master's refusal.
   */
  private String emergSince(long from, long master) {
    if (size(layout.errorLog()) <= from) return "";
    String log = Store.read(layout.errorLog());
    return masterEmerg(from <= log.length() ? log.substring((int) from) : log, master);
  }

  /** The first {@code [emerg]} line of {@code log} the master logged, as {@link #firstError} shows it; "" when none. */
  static String masterEmerg(String log, long master) {
    for (String line : log.split("\n")) if (line.contains("[emerg] " + master + "#")) return LowPorts.explain(firstError(line));
    return "";
  }

  /** {@code nginx: [emerg] unknown directive "x" in /f:1} → {@code unknown directive "x" in /f:1}. */
  static String firstError(String output) {
    String fallback = "";
    for (String line : output.split("\n")) {
      for (String level : List.of("[emerg]", "[alert]", "[crit]", "[error]")) {
        int i = line.indexOf(level);
        if (i < 0) continue;
        String msg = line.substring(i + level.length()).trim();
        msg = msg.replaceFirst("^\\d+#\\d+: ", "");
        if (!level.equals("[error]")) return msg;
        if (fallback.isEmpty()) fallback = msg;
      }
    }
    if (!fallback.isEmpty()) return fallback;
    String trimmed = output.trim();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl);
  }

  private static void pause() {
    pause(5);
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DokkuException("Interrupted while waiting for nginx");
    }
  }
}
