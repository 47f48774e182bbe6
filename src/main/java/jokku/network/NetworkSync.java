package jokku.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import jokku.DokkuLabels;
import jokku.Out;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.store.Store;

/**
 * {@code network:rebuild}: brings an app's running deploy containers to the configured network state without a
 * redeploy, in three steps shared with {@code network:check}: {@link StateReader} reads the engine (one list request
 * for all apps, the unavoidable inspects made together), {@link SyncPlan} works out what is out of line, and
 * {@link #sync} applies it here.
 *
 * <p>What jokku attached is read from the engine, not from a record: a network endpoint carrying the deploy alias
 * {@code <app>.<proc>[.<tld>]} was attached by jokku (deploys and this command add it; nothing else does). Such an
 * endpoint on a network no longer listed in attach-post-create / attach-post-deploy is disconnected. Endpoints on the
 * initial network and on configured networks whose aliases are not the plan's (a tld set or changed since the
 * deploy, an alias missing) are reconnected with the right ones. Endpoints without the alias (attached by hand) and
 * the network the container was created on, when no longer configured, are left alone. See {@link EndpointPlan}.
 */
public final class NetworkSync {
  /**
   * The outcome for one app: containers that could not be brought in sync, and whether web listener files (what the
   * proxy reads) changed or nginx differed from them; other process types' IP files do not concern the proxy.
   */
  public record Result(int unsynced, boolean listenersChanged) {
    public static final Result NOTHING = new Result(0, false);
  }

  private final Engine engine;
  private final Store store;
  private final Out out;
  private final StateReader reader;

  /**
   * {@code upstreams}: the upstream blocks (name → servers) of an app's proxy configuration, null when it has none;
   * the proxy reads its own files and sits above this package, so the caller hands them in.
   */
  public NetworkSync(Engine engine, Store store, Out out, Function<String, Map<String, List<String>>> upstreams) {
    this(engine, store, out, upstreams, engine::connection);
  }

  /** {@code connections} makes the extra engine connections inspects run on (see {@link Inspections}). */
  public NetworkSync(Engine engine, Store store, Out out, Function<String, Map<String, List<String>>> upstreams, Supplier<Engine> connections) {
    this.engine = engine;
    this.store = store;
    this.out = out;
    this.reader = new StateReader(engine, store, connections, upstreams);
  }

  public StateReader reader() {
    return reader;
  }

  /** The deploy containers of one app (one request, stopped ones included). */
  public List<ContainerInfo> listApp(String app) {
    return engine.listContainers(List.of(DokkuLabels.APP + "=" + app, DokkuLabels.CONTAINER_TYPE + "=deploy"), true);
  }

  /** The deploy containers of every app (one request), by app name. */
  public Map<String, List<ContainerInfo>> listAll() {
    Map<String, List<ContainerInfo>> m = new HashMap<>();
    for (ContainerInfo c : engine.listContainers(List.of(DokkuLabels.CONTAINER_TYPE + "=deploy"), true)) {
      List<ContainerInfo> l = m.get(c.label(DokkuLabels.APP));
      if (l == null) m.put(c.label(DokkuLabels.APP), l = new ArrayList<>());
      l.add(c);
    }
    return m;
  }

  /**
   * The state of the apps given that have state files (CONTAINER, IP or PORT; the others have nothing to sync), by
   * app in the order given: each app's folder read once, one list request (the app's own containers when one app is
   * given, else every deploy container), the inspects of all apps made together. What {@code network:check} prints
   * and {@link #syncApps} applies. For several apps the engine answers the list request (and another thread parses
   * it) while this one reads the store; that request is made even when no app turns out to have state, and its
   * answer (or failure) is then waited for and ignored, so the engine is free for whatever comes next.
   */
  public Map<String, AppState> readApps(List<String> apps) {
    if (apps.isEmpty()) return Map.of();
    if (apps.size() == 1) {
      String app = apps.get(0);
      Map<String, String> f = reader.files(app);
      return f.isEmpty() ? Map.of() : reader.readAll(apps, Map.of(app, listApp(app)), Map.of(app, f));
    }
    AppListing listing = AppListing.start(this::listAll);
    Map<String, Map<String, String>> files = new LinkedHashMap<>();
    try {
      for (String app : apps) {
        Map<String, String> f = reader.files(app);
        if (!f.isEmpty()) files.put(app, f);
      }
    } catch (RuntimeException e) {
      listing.settle();
      throw e;
    }
    List<String> withState = new ArrayList<>(files.keySet());
    if (withState.isEmpty()) {
      listing.settle();
      return Map.of();
    }
    Map<String, StateReader.Stored> stored;
    try {
      stored = reader.stored(withState);
    } catch (RuntimeException e) {
      listing.join(); // the engine's failure first, as when the store was read after the listing
      throw e;
    }
    return reader.readAll(withState, listing.join(), files, stored);
  }

  /**
   * Brings the apps given in line ({@code network:rebuild} and {@code network:rebuildall}): read as {@link #readApps},
   * then each app with something to change under its lock; an app whose state files changed meanwhile (a deploy) is
   * read again. An app the reading finds in line is left as it is, without its lock: had a deploy written its files
   * meanwhile, the deploy leaves them in line itself. The results of the apps with state, in the order given.
   */
  public Map<String, Result> syncApps(List<String> apps) {
    Map<String, Result> results = new LinkedHashMap<>();
    for (AppState s : readApps(apps).values()) {
      String app = s.app();
      if (inLine(s)) {
        out.info1("Ensuring network configuration is in sync for " + app);
        results.put(app, Result.NOTHING);
        continue;
      }
      try (Store.Lock ignored = store.lock(app)) {
        Map<String, String> files = reader.files(app);
        if (files.isEmpty()) results.put(app, Result.NOTHING);
        else results.put(app, apply(files.equals(s.files()) ? s : reader.read(app, listApp(app))));
      }
    }
    return results;
  }

  /** True when applying the plan would change nothing: no endpoint, file, nginx or endpoint-cache change, no error. */
  private static boolean inLine(AppState s) {
    SyncPlan plan = SyncPlan.of(s);
    if (!plan.orphans().isEmpty() || !plan.nginx().isEmpty()) return false;
    for (SyncPlan.ContainerPlan p : plan.containers()) if (!p.inLine()) return false;
    return EndpointCache.of(s.containers().values()).format().equals(s.endpointCache());
  }

  private Result apply(AppState state) {
    out.info1("Ensuring network configuration is in sync for " + state.app());
    SyncPlan plan = SyncPlan.of(state);
    int unsynced = 0;
    boolean changed = !plan.nginx().isEmpty();
    for (SyncPlan.ContainerPlan p : plan.containers()) {
      if (!p.error().isEmpty()) {
        out.warn(p.dyno() + ": unable to inspect container " + shortId(p.id()) + ": " + p.error());
        unsynced++;
        continue;
      }
      boolean ok = applyEndpoints(p);
      List<SyncPlan.FileChange> files = p.files();
      if (!p.endpoints().realias().isEmpty()) { // a rejoined endpoint may have a new address
        ContainerInfo now = inspect(p);
        if (now == null) {
          unsynced++;
          continue;
        }
        files = SyncPlan.listenerFiles(state, p.dyno(), p.proc(), now);
      }
      changed |= write(state.app(), files);
      if (!ok) unsynced++;
    }
    changed |= removeOrphans(state.app(), plan.orphans());
    String cache = EndpointCache.of(state.containers().values()).format();
    if (!cache.equals(state.endpointCache())) store.writeData(NetworkProperty.PLUGIN, state.app(), EndpointCache.FILE, cache);
    return new Result(unsynced, changed);
  }

  private boolean applyEndpoints(SyncPlan.ContainerPlan p) {
    String dyno = p.dyno(), id = p.id();
    boolean ok = true;
    for (String n : p.endpoints().disconnect()) {
      try {
        engine.disconnect(n, id, false);
        out.verboseQuiet(dyno + ": disconnected from network " + n);
      } catch (EngineException e) {
        out.warn(dyno + ": unable to disconnect from network " + n + ": " + e.getMessage());
        ok = false;
      }
    }
    for (String n : p.endpoints().realias()) ok &= reconnect(dyno, id, n, p.aliases());
    for (String n : p.endpoints().connect()) {
      try {
        engine.connect(n, id, p.aliases());
        out.verboseQuiet(dyno + ": connected to network " + n + " as " + p.aliases().get(0));
      } catch (EngineException e) {
        if (e.getMessage().contains("already exists")) continue; // attached meanwhile: in sync
        out.warn(dyno + ": unable to attach to network " + n + ": " + (e.notFound() ? "Network " + n + " does not exist" : e.getMessage()));
        ok = false;
      }
    }
    for (String n : p.gone()) {
      out.warn(dyno + ": unable to attach to network " + n + ": Network " + n + " does not exist");
      ok = false;
    }
    return ok;
  }

  /**
   * Rewrites an endpoint's aliases: the engine cannot change them in place, so the endpoint is disconnected and
   * connected again (a running container may leave and rejoin even the network it was created on).
   */
  private boolean reconnect(String dyno, String id, String network, List<String> aliases) {
    try {
      engine.disconnect(network, id, false);
    } catch (EngineException e) {
      out.warn(dyno + ": unable to disconnect from network " + network + " to update its aliases: " + e.getMessage());
      return false;
    }
    try {
      engine.connect(network, id, aliases);
      out.verboseQuiet(dyno + ": reconnected to network " + network + " as " + aliases.get(0));
      return true;
    } catch (EngineException e) {
      out.warn(dyno + ": unable to reconnect to network " + network + ": " + e.getMessage());
      return false;
    }
  }

  private ContainerInfo inspect(SyncPlan.ContainerPlan p) {
    try {
      return engine.inspectContainer(p.id());
    } catch (RuntimeException e) {
      out.warn(p.dyno() + ": unable to inspect container " + shortId(p.id()) + ": " + e.getMessage());
      return null;
    }
  }

  /** Writes IP/PORT files; true when a web listener file changed. */
  private boolean write(String app, List<SyncPlan.FileChange> files) {
    boolean web = false;
    for (SyncPlan.FileChange f : files) {
      if (f.want() == null) {
        store.deleteAppFile(app, f.name());
      } else {
        store.writeAppFile(app, f.name(), f.want());
        out.verboseQuiet(f.dyno() + ": " + (f.name().startsWith("IP.") ? "IP " : "PORT ") + f.want());
      }
      web |= f.dyno().startsWith("web.");
    }
    return web;
  }

  /** Removes IP/PORT files with no container behind them; true when a web listener's went. */
  private boolean removeOrphans(String app, List<SyncPlan.FileChange> orphans) {
    boolean web = false;
    Map<String, List<String>> goneByDyno = new LinkedHashMap<>();
    for (SyncPlan.FileChange f : orphans) {
      store.deleteAppFile(app, f.name());
      web |= f.dyno().startsWith("web.");
      if (f.reason().startsWith("container ")) goneByDyno.computeIfAbsent(f.dyno() + " (" + f.reason() + ")", k -> new ArrayList<>()).add(f.name());
      else out.verboseQuiet(f.dyno() + ": removed " + f.name() + " (" + f.reason() + ")");
    }
    goneByDyno.forEach((key, names) -> {
      String dyno = key.substring(0, key.indexOf(' '));
      out.verboseQuiet(dyno + ": removed IP." + dyno + " and PORT." + dyno + key.substring(key.indexOf(' ')));
    });
    return web;
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
