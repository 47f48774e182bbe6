package jokku.deploy;

import java.io.IOException;
import java.util.List;
import jokku.Out;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.Execs;

/**
 * The pre-flight check of one new container, Dokku's way: the app.json startup healthchecks of its process type
 * (HTTP {@code path} probed from the host at the container's IP and port, {@code uptime}, {@code command}), or,
 * when there are none, the default check: still running after {@code default-wait} seconds, never restarted.
 */
public final class HealthCheck {
  /**
   * What is being checked. {@code startedAtNanos} is when the container was started, {@code inspected} the engine's
   * inspect of it asked for at {@code inspectedAtNanos} ({@link System#nanoTime}), null when there is none yet.
   */
  public record Target(String app, String dyno, String id, String ip, int port, long startedAtNanos, ContainerInfo inspected, long inspectedAtNanos) {}

  private final Engine engine;
  private final Execs execs;
  private final Out out;

  public HealthCheck(Engine engine, Out out) {
    this.engine = engine;
    this.execs = engine.execs();
    this.out = out;
  }

  /** Runs every check; returns the number that failed (0 = healthy). */
  public int run(Target t, List<AppJson.Healthcheck> checks, int defaultWait) {
    if (checks.isEmpty()) return uptime(t, "default", defaultWait) ? 0 : 1;
    int failed = 0;
    for (AppJson.Healthcheck h : checks) {
      boolean ok;
      if (h.listening()) {
        note("Skipping healthcheck name='" + h.displayName() + "': listening checks need nsenter on the host, which jokku does not use");
        continue;
      }
      if (!h.command().isEmpty()) ok = command(t, h);
      else if (!h.path().isEmpty()) ok = path(t, h);
      else ok = uptime(t, h.displayName(), h.uptime() > 0 ? h.uptime() : defaultWait);
      if (!ok && h.warn()) {
        out.verboseQuiet("Ignoring failure of healthcheck name='" + h.displayName() + "' (warn only)");
        ok = true;
      }
      if (!ok) failed++;
    }
    return failed;
  }

  private boolean uptime(Target t, String name, int seconds) {
    out.verboseQuiet("Running healthcheck name='" + name + "' type='uptime' uptime=" + seconds);
    long deadline = t.startedAtNanos() + seconds * 1_000_000_000L;
    ContainerInfo c = t.inspected();
    if (c == null || t.inspectedAtNanos() - deadline < 0) { // an inspect asked for after the wait is as good as a new one
      sleepUntil(deadline);
      try {
        c = engine.inspectContainer(t.id());
      } catch (EngineException e) {
        return fail(name, e.getMessage());
      }
    }
    if (!c.running()) return fail(name, "container state is not running (state=" + c.state() + ")");
    if (c.restartCount() > 0) return fail(name, "container has restarted " + c.restartCount() + " times");
    return ok(name);
  }

  private boolean path(Target t, AppJson.Healthcheck h) {
    int port = h.port() > 0 ? h.port() : t.port();
    String name = h.displayName();
    out.verboseQuiet("Running healthcheck name='" + name + "' attempts=" + h.attemptsOrDefault() + " delay=" + h.initialDelay()
        + " timeout=" + h.timeoutOrDefault() + " path='" + h.path() + "'");
    sleepUntil(t.startedAtNanos() + h.initialDelay() * 1_000_000_000L);
    String last = "";
    for (int attempt = 1; attempt <= h.attemptsOrDefault(); attempt++) {
      if (attempt > 1) sleep(h.waitOrDefault() * 1000L);
      if (t.ip().isEmpty()) {
        last = "the container has no IP address to check";
        continue;
      }
      try {
        HttpProbe.Response r = HttpProbe.get(t.ip(), port, h.path(), h.timeoutOrDefault());
        if (r.status() < 200 || r.status() >= 400) last = "unexpected status code: " + r.status();
        else if (!h.content().isEmpty() && !r.body().contains(h.content())) last = "unable to find expected content in response body: " + h.content();
        else return ok(name);
      } catch (IOException e) {
        last = "http://" + t.ip() + ":" + port + h.path() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
      out.verboseQuiet("Attempt " + attempt + "/" + h.attemptsOrDefault() + " failed for name='" + name + "': " + last);
    }
    return fail(name, last);
  }

  private boolean command(Target t, AppJson.Healthcheck h) {
    String name = h.displayName();
    out.verboseQuiet("Running healthcheck name='" + name + "' attempts=" + h.attemptsOrDefault() + " command='" + String.join(" ", h.command()) + "'");
    sleepUntil(t.startedAtNanos() + h.initialDelay() * 1_000_000_000L);
    String last = "";
    for (int attempt = 1; attempt <= h.attemptsOrDefault(); attempt++) {
      if (attempt > 1) sleep(h.waitOrDefault() * 1000L);
      try {
        int code = execs.run(t.id(), h.command(), h.timeoutOrDefault());
        if (code == 0) return ok(name);
        last = code < 0 ? "command timed out" : "non-zero exit code " + code;
      } catch (EngineException e) {
        last = e.getMessage();
      }
    }
    return fail(name, last);
  }

  private void note(String line) {
    out.verboseQuiet(line);
  }

  private boolean ok(String name) {
    out.verboseQuiet("Healthcheck succeeded name='" + name + "'");
    return true;
  }

  private boolean fail(String name, String why) {
    out.warn("Failure in name='" + name + "': " + why);
    return false;
  }

  private static void sleepUntil(long nanoDeadline) {
    long left = nanoDeadline - System.nanoTime();
    if (left > 0) sleep(left / 1_000_000L + 1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new jokku.DokkuException("Interrupted while checking the container");
    }
  }
}
