package jokku.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jokku.DokkuException;
import jokku.Out;
import jokku.deploy.Platform;
import jokku.deploy.ProxyHook;
import jokku.deploy.StateFiles;
import jokku.engine.ContainerInfo;
import jokku.engine.EngineEvents;
import jokku.engine.EngineException;
import jokku.engine.EngineUnreachable;
import jokku.network.NetworkSync;
import jokku.proxy.NginxUpstreams;
import jokku.scheduler.Schedulers;
import jokku.watch.EventRoute;
import jokku.watch.Journal;
import jokku.watch.RestartState;
import jokku.watch.Watcher;

/**
 * The watcher's hands: the same {@link NetworkSync} entry points and proxy rebuild as {@code network:rebuild} and
 * {@code network:rebuildall}, with their output turned into timestamped journal lines (nothing when nothing changed),
 * the event stream, and {@code ps:rebuild} for an app whose container exhausted its restart policy.
 */
final class WatchHost implements Watcher.Host {
  /** How long a probe of a started container's web port may take before it counts as "cannot tell". */
  private static final int PROBE_MILLIS = 200;
  private final Ctx ctx;
  private final Journal log;
  private volatile boolean stopping;
  private final Object rebalancing = new Object();
  private final Set<String> nodesPending = ConcurrentHashMap.newKeySet();

  /** Ends a reconcile between two apps, so SIGTERM is not held up by a long one. */
  void stop() {
    stopping = true;
  }

  WatchHost(Ctx ctx, Journal log) {
    this.ctx = ctx;
    this.log = log;
  }

  @Override
  public Watcher.EventSource open(String since) {
    List<String> actions = new ArrayList<>(EventRoute.CONTAINER_ACTIONS);
    actions.addAll(EventRoute.NETWORK_ACTIONS);
    actions.addAll(EventRoute.NODE_ACTIONS);
    actions.sort(null);
    EngineEvents events = ctx.engine().events(List.of("container", "network", "node"), actions, since);
    return new Watcher.EventSource() {
      @Override
      public EngineEvents.Event next() throws IOException {
        return events.next();
      }

      @Override
      public void close() {
        events.close();
      }
    };
  }

  @Override
  public Map<String, String> reconcileAll() {
    Map<String, String> known = new HashMap<>();
    new NetworkSync(ctx.engine(), ctx.store(), ctx.out, new NginxUpstreams(ctx.store())::of).listAll().forEach((app, cs) -> cs.forEach(c -> known.put(c.id(), app)));
    for (String app : ctx.store().apps()) {
      if (stopping) break; // SIGTERM: the next start reconciles again
      syncLogged(app, true);
    }
    return known;
  }

  @Override
  public void sync(String app) {
    if (ctx.store().appExists(app)) syncLogged(app, false);
  }

  /**
   * One app through its scheduler's {@link jokku.scheduler.Scheduler#heal} (for docker-local: {@code network:rebuild},
   * i.e. {@link NetworkSync} and the proxy rebuild when web listeners changed; for swarm: the edge restarted when it
   * does not run, no service update), its changes as journal lines; a failure is reported and left for the next
   * event. Only a vanished engine is thrown.
   */
  private void syncLogged(String app, boolean reconciling) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Out captured = new Out(new PrintStream(out, true, StandardCharsets.UTF_8), errStream, false);
    ProxyHook nginx = DeployWiring.proxy(ctx.store(), new Out(new PrintStream(OutputStream.nullOutputStream()), errStream, true));
    boolean[] proxied = {false};
    ProxyHook tracked = new ProxyHook() {
      @Override
      public void build(String a) {
        proxied[0] = true;
        nginx.build(a);
      }

      @Override
      public List<String> urls(String a) {
        return nginx.urls(a);
      }
    };
    Platform p = Platform.of(ctx.engine(), ctx.store(), captured, ctx.extraLabels(), ctx.env, tracked, ctx.force);
    String failure = null;
    String done = "";
    try {
      done = new Schedulers(p).of(app).heal(app);
    } catch (EngineUnreachable e) {
      throw e;
    } catch (RuntimeException e) { // one app's failure (a bug included) never stops the others
      failure = e instanceof DokkuException || e instanceof EngineException || e instanceof java.io.UncheckedIOException ? e.getMessage() : e.toString();
    }
    journal(log, app, reconciling, done, lines(out), proxied[0]);
    for (String w : lines(err)) log.warn(app + ": " + w.replaceFirst("^ !\\s+", ""));
    if (failure != null) log.warn(app + ": sync failed, retried on the next event: " + failure);
  }

  /**
   * The journal lines of one app's sync: what the scheduler's heal did, in its words ({@code <app>: restarted the
   * swarm edge <app>.edge}), else, when the network sync changed something, {@code <app>: reconciled network state}
   * ({@code synced} after an event; {@code , nginx rebuilt for the new listeners} when the proxy was rebuilt); then
   * each change the sync printed, as details. Nothing when nothing was done.
   */
  static void journal(Journal log, String app, boolean reconciling, String done, List<String> printed, boolean proxied) {
    List<String> changes = new ArrayList<>();
    for (String l : printed) if (l.startsWith("       ")) changes.add(l.trim());
    if (done.isEmpty() && changes.isEmpty() && !proxied) return;
    if (!done.isEmpty()) log.info(app + ": " + done);
    else log.info(app + ": " + (reconciling ? "reconciled" : "synced") + " network state" + (proxied ? ", nginx rebuilt for the new listeners" : ""));
    for (String c : changes) log.detail(app + " " + c);
  }

  private static List<String> lines(ByteArrayOutputStream b) {
    List<String> l = new ArrayList<>();
    for (String s : b.toString(StandardCharsets.UTF_8).split("\n")) if (!s.isBlank()) l.add(s);
    return l;
  }

  @Override
  public boolean deploying(String app) {
    return ctx.store().isDeployLocked(app);
  }

  @Override
  public Optional<RestartState> restartState(String app, String containerId) {
    if (!new StateFiles(ctx.store()).containers(app).containsValue(containerId)) return Optional.empty();
    return ctx.engine().restarts(containerId)
        .map(r -> new RestartState(r.policy(), r.maxRetries(), r.restartCount(), r.running(), r.restarting(), r.exitCode()));
  }

  @Override
  public boolean accepting(String app, String containerId) {
    StateFiles state = new StateFiles(ctx.store());
    String dyno = null;
    for (Map.Entry<String, String> e : state.containers(app).entrySet()) if (e.getKey().startsWith("web.") && e.getValue().equals(containerId)) dyno = e.getKey();
    if (dyno == null) return true; // not a web container nginx serves
    String port = state.port(app, dyno);
    ContainerInfo c;
    try {
      c = ctx.engine().inspectContainer(containerId);
    } catch (EngineException gone) {
      return true;
    }
    if (!c.running()) return true;
    for (ContainerInfo.Endpoint ep : c.networks().values()) {
      if (ep.ip() == null || ep.ip().isEmpty()) continue;
      try (Socket so = new Socket()) {
        so.connect(new InetSocketAddress(ep.ip(), port.matches("\\d{1,5}") ? Integer.parseInt(port) : 5000), PROBE_MILLIS);
        return true;
      } catch (ConnectException refused) {
        return false; // the address is there, nothing listens yet
      } catch (IOException | IllegalArgumentException cannotTell) {
        return true;
      }
    }
    return true;
  }

  /**
   * Every app's processes spread onto the node again where they were left unevenly (swarm apps; see
   * {@link jokku.scheduler.Scheduler#rebalance}), one app after the other, on a thread of its own: a rebalance is a
   * rolling update that takes as long as a deploy. Two nodes back at once are handled one after the other; the
   * events of a node whose check is still queued add nothing.
   */
  @Override
  public void nodeBack(String nodeId, String name) {
    if (!nodesPending.add(nodeId)) return; // a check of that node is queued already: it sees this event's state too
    Thread t = new Thread(() -> {
      synchronized (rebalancing) {
        nodesPending.remove(nodeId);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (Ctx own = new Ctx(ctx.env, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false, false, false)) {
          Schedulers schedulers = DeployWiring.schedulers(own);
          for (String app : ctx.store().apps()) {
            if (stopping) return;
            out.reset();
            err.reset();
            try {
              if (schedulers.of(app).rebalance(app, nodeId)) log.info(app + ": tasks spread onto swarm node " + (name.isEmpty() ? nodeId : name) + " again");
            } catch (EngineUnreachable e) {
              return; // the loop reports the engine gone; the node's next event after the reconnection checks again
            } catch (RuntimeException e) {
              log.warn(app + ": not rebalanced: " + e.getMessage());
            }
            for (String l : lines(out)) if (l.startsWith("       ")) log.detail(app + " " + l.trim());
            for (String w : lines(err)) log.warn(app + ": " + w.replaceFirst("^ !\\s+", ""));
          }
        }
      }
    }, "jokku-watch-rebalance");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void rebuild(String app) {
    Thread t = new Thread(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
      try (Ctx own = new Ctx(ctx.env, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), true, false, false)) {
        Schedulers schedulers = DeployWiring.schedulers(own);
        if (schedulers.of(app).rebuild(app, schedulers.builds(app))) log.info(app + ": rebuilt");
        else log.warn(app + ": not rebuilt: it has never been deployed");
      } catch (RuntimeException e) {
        for (String w : lines(err)) log.warn(app + ": " + w.replaceFirst("^ !\\s+", ""));
        log.warn(app + ": rebuild failed: " + e.getMessage());
      }
    }, "jokku-watch-rebuild-" + app);
    t.setDaemon(true);
    t.start();
  }
}
