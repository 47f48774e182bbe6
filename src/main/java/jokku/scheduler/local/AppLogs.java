package jokku.scheduler.local;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jokku.DokkuException;
import jokku.deploy.Platform;
import jokku.deploy.StateFiles;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.LogLines;

/**
 * {@code logs <app>}: the output of the app's deploy containers (those its {@code CONTAINER.<dyno>} files name), the
 * last {@code tail} lines of each merged in time order, each line as Dokku prints it ({@code <time> app[web.1]: ...},
 * or the bare text when quiet). Following streams every container at once and, every half second, picks up the
 * containers a deploy, scale or restart put in their place; it stops when the thread is interrupted.
 */
public final class AppLogs {
  public record Options(int tail, boolean follow, String proc, boolean quiet) {}

  private record Entry(Instant time, String dyno, LogLines.Line line) {}

  private static final long POLL_MS = 500;
  private final Platform p;

  public AppLogs(Platform platform) {
    this.p = platform;
  }

  public void print(String app, Options o, PrintStream out) {
    if (!new StateFiles(p.store()).isDeployed(app)) throw new DokkuException("App " + app + " has not been deployed");
    Map<String, String> dynos = dynos(app, o.proc());
    Instant started = Instant.now();
    List<Entry> backlog = new ArrayList<>();
    Map<String, Instant> last = new LinkedHashMap<>();
    for (Map.Entry<String, String> d : dynos.entrySet()) {
      try (LogLines lines = p.engine().logLines(d.getValue(), false, o.tail(), "")) {
        for (LogLines.Line l = lines.next(); l != null; l = lines.next()) {
          Entry e = new Entry(time(l), d.getKey(), l);
          backlog.add(e);
          last.put(d.getValue(), e.time());
        }
      } catch (EngineException e) {
        if (!e.notFound()) throw e;
      } catch (IOException e) {
        throw new DokkuException("Reading the logs of " + app + " (" + d.getKey() + ") failed: " + e.getMessage());
      }
    }
    backlog.sort(Comparator.comparing(Entry::time));
    for (Entry e : backlog) out.println(format(e.dyno(), e.line(), o.quiet()));
    out.flush();
    if (o.follow()) follow(app, o, out, dynos, last, started);
  }

  private void follow(String app, Options o, PrintStream out, Map<String, String> first, Map<String, Instant> last, Instant started) {
    Map<String, Engine> open = new ConcurrentHashMap<>();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    try {
      Map<String, String> dynos = first;
      while (!Thread.currentThread().isInterrupted() && !out.checkError()) {
        for (Map.Entry<String, String> d : dynos.entrySet()) {
          String id = d.getValue();
          if (!seen.add(id)) continue;
          // a container of the first listing continues after its backlog; a replacement is followed from its start
          Instant after = first.containsValue(id) ? last.getOrDefault(id, started) : null;
          Thread t = new Thread(() -> stream(id, d.getKey(), after, o.quiet(), out, open), "jokku-logs-" + d.getKey());
          t.setDaemon(true);
          t.start();
          threads.add(t);
        }
        try {
          Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
          break;
        }
        dynos = dynos(app, o.proc());
      }
    } finally {
      open.values().forEach(Engine::close);
      for (Thread t : threads) {
        try {
          t.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Streams one container's lines newer than {@code after} (all of them when null) until its stream ends. */
  private void stream(String id, String dyno, Instant after, boolean quiet, PrintStream out, Map<String, Engine> open) {
    Engine c = Engine.open(p.env());
    open.put(id, c);
    String since = after == null ? "" : after.getEpochSecond() + "." + String.format("%09d", after.getNano());
    try (LogLines lines = c.logLines(id, true, -1, since)) {
      for (LogLines.Line l = lines.next(); l != null; l = lines.next()) {
        if (after != null && !time(l).isAfter(after)) continue;
        synchronized (out) {
          out.println(format(dyno, l, quiet));
          out.flush();
        }
      }
    } catch (IOException | RuntimeException e) {
      // the container went away or following stopped: its stream simply ends
    } finally {
      open.remove(id);
      c.close();
    }
  }

  /** dyno → container id of the app's deploy containers, of one process type when {@code proc} is set. */
  Map<String, String> dynos(String app, String proc) {
    Map<String, String> m = new LinkedHashMap<>();
    new StateFiles(p.store()).containers(app).forEach((dyno, id) -> {
      if (proc.isEmpty() || dyno.startsWith(proc + ".")) m.put(dyno, id);
    });
    return m;
  }

  private static Instant time(LogLines.Line l) {
    try {
      return Instant.parse(l.time());
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  static String format(String dyno, LogLines.Line l, boolean quiet) {
    return quiet ? l.text() : l.time() + " app[" + dyno + "]: " + l.text();
  }
}
