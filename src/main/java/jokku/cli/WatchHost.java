package jokku.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jokku.DokkuException;
import jokku.Out;
import jokku.deploy.Builds;
import jokku.engine.ContainerInfo;
import jokku.engine.ContainerRestarts;
import jokku.engine.EngineEvents;
import jokku.engine.EngineException;
import jokku.engine.EngineUnreachable;
import jokku.network.NetworkSync;
import jokku.proxy.ProxyService;
import jokku.store.Store;
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
  private final Ctx ctx;
  private final Journal log;

  WatchHost(Ctx ctx, Journal log) {
    this.ctx = ctx;
    this.log = log;
  }

  @Override
  public Watcher.EventSource open(String since) {
    List<String> actions = new ArrayList<>(EventRoute.CONTAINER_ACTIONS);
    actions.addAll(EventRoute.NETWORK_ACTIONS);
    actions.sort(null);
    EngineEvents events = EngineEvents.open(ctx.engine().client(), List.of("container", "network"), actions, since);
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
    NetworkSync probe = new NetworkSync(ctx.engine(), ctx.store(), ctx.out);
    Map<String, List<ContainerInfo>> byApp = probe.listAll();
    Map<String, String> known = new HashMap<>();
    byApp.forEach((app, cs) -> cs.forEach(c -> known.put(c.id(), app)));
    for (String app : ctx.store().apps()) {
      if (probe.hasState(app)) syncLogged(app, byApp.getOrDefault(app, List.of()), true);
    }
    return known;
  }

  @Override
  public void sync(String app) {
    if (!ctx.store().appExists(app)) return;
    syncLogged(app, null, false);
  }

  /** One app's sync, its output as journal lines; a failure is reported and left for the next event. */
  private void syncLogged(String app, List<ContainerInfo> listed, boolean reconciling) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    Out captured = new Out(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    String failure = null;
    boolean proxied = false;
    try {
      NetworkSync sync = new NetworkSync(ctx.engine(), ctx.store(), captured);
      NetworkSync.Result r = sync.sync(app, listed != null ? listed : sync.listApp(app));
      if (r.listenersChanged()) {
        // the proxy's progress lines are not the watcher's actions: only its warnings are reported
        Out proxyOut = new Out(new PrintStream(java.io.OutputStream.nullOutputStream()), captured.stderr(), true);
        new ProxyService(ctx.store(), proxyOut).build(app);
        proxied = true;
      }
    } catch (EngineUnreachable e) {
      throw e;
    } catch (DokkuException | EngineException | java.io.UncheckedIOException e) {
      failure = e.getMessage();
    }
    List<String> changes = new ArrayList<>();
    for (String l : lines(out)) if (l.startsWith("       ")) changes.add(l.trim());
    if (!changes.isEmpty() || proxied) {
      log.info(app + ": " + (reconciling ? "reconciled" : "synced") + " network state" + (proxied ? ", nginx rebuilt for the new listeners" : ""));
      for (String c : changes) log.detail(app + " " + c);
    }
    for (String w : lines(err)) log.warn(app + ": " + w.replaceFirst("^ !\\s+", ""));
    if (failure != null) log.warn(app + ": sync failed, retried on the next event: " + failure);
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
    Store s = ctx.store();
    boolean current = false;
    for (String f : s.appFiles(app, "CONTAINER.")) current |= s.readAppFile(app, f).trim().equals(containerId);
    if (!current) return Optional.empty();
    return ContainerRestarts.inspect(ctx.engine().client(), containerId)
        .map(r -> new RestartState(r.policy(), r.maxRetries(), r.restartCount(), r.running(), r.restarting(), r.exitCode()));
  }

  @Override
  public void rebuild(String app) {
    Thread t = new Thread(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
      try (Ctx own = new Ctx(ctx.env, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), true, false, false)) {
        if (new Builds(DeployWiring.platform(own)).rebuild(app)) log.info(app + ": rebuilt");
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
