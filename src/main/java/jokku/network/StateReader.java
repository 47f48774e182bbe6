package jokku.network;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.NetworkInfo;
import jokku.ports.Ports;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * Reads what the plan needs, for one app or many at once: settings and state files from the store, the deploy
 * containers from a list answer the caller made (one request for all apps), and the inspects the list answer cannot
 * replace, made together on a pool of connections ({@link Inspections}). A container needs more than the list answer
 * when a configured network is missing from it or it is on a user-defined network (hostname and aliases are not in
 * the list answer): the {@link EndpointCache} supplies them when it knows every endpoint, else it is inspected. A
 * container whose id is missing from the list is inspected (a deploy may have raced the listing; "no such container"
 * means it is gone). The
 * engine's networks are listed only when a configured network is missing from some container.
 */
public final class StateReader {
  static final List<String> STATE_PREFIXES = List.of("CONTAINER.", "IP.", "PORT.");

  private final Engine engine;
  private final Store store;
  private final Supplier<Engine> connections;
  private final Function<String, Map<String, List<String>>> upstreams;
  /** The global network properties, read once per reader (a command's or one watcher sync's reading). */
  private Map<String, String> globals;

  /** {@code upstreams}: the upstream blocks of an app's proxy configuration, null when it has none (see {@link NetworkSync}). */
  public StateReader(Engine engine, Store store, Supplier<Engine> connections, Function<String, Map<String, List<String>>> upstreams) {
    this.engine = engine;
    this.store = store;
    this.connections = connections;
    this.upstreams = upstreams;
  }

  /** The state of one app, its containers as listed. */
  public AppState read(String app, List<ContainerInfo> listed) {
    return readAll(List.of(app), Map.of(app, listed)).get(app);
  }

  /** The state of every app given, from one list answer per app (missing apps: no containers listed). */
  public Map<String, AppState> readAll(List<String> apps, Map<String, List<ContainerInfo>> listed) {
    return readAll(apps, listed, Map.of());
  }

  /**
   * What the plan reads of one app from the store besides its state files: its settings, its {@link EndpointCache}
   * as stored ("" for none) and the upstreams of its nginx.conf (null when it has none).
   */
  record Stored(AppState.Settings settings, String endpointCache, Map<String, List<String>> nginxUpstreams) {}

  /** Reads {@link Stored} for each app, in the order given. */
  Map<String, Stored> stored(List<String> apps) {
    Map<String, Stored> m = new HashMap<>();
    for (String app : apps) {
      m.put(app, new Stored(settings(app), store.readData(NetworkProperty.PLUGIN, app, EndpointCache.FILE), upstreams.apply(app)));
    }
    return m;
  }

  /** As above, with the state {@link #files} of some apps already read (the others are read here). */
  Map<String, AppState> readAll(List<String> apps, Map<String, List<ContainerInfo>> listed, Map<String, Map<String, String>> read) {
    return readAll(apps, listed, read, Map.of());
  }

  /** As above, with the {@link Stored} part of some apps already read (the others are read here). */
  Map<String, AppState> readAll(List<String> apps, Map<String, List<ContainerInfo>> listed, Map<String, Map<String, String>> read,
      Map<String, Stored> pre) {
    Map<String, AppState.Settings> st = new HashMap<>();
    Map<String, Map<String, String>> files = new HashMap<>();
    Map<String, Map<String, ContainerInfo>> known = new HashMap<>();
    Map<String, String> caches = new HashMap<>();
    Map<String, Map<String, List<String>>> ups = new HashMap<>();
    Set<String> toInspect = new LinkedHashSet<>();
    for (String app : apps) {
      Stored stored = pre.get(app);
      AppState.Settings s = stored != null ? stored.settings() : settings(app);
      st.put(app, s);
      Map<String, String> f = read.containsKey(app) ? read.get(app) : files(app);
      files.put(app, f);
      Map<String, ContainerInfo> byId = new HashMap<>();
      for (ContainerInfo c : listed.getOrDefault(app, List.of())) byId.put(c.id(), c);
      Map<String, ContainerInfo> mine = new HashMap<>();
      String cacheText = stored != null ? stored.endpointCache() : store.readData(NetworkProperty.PLUGIN, app, EndpointCache.FILE);
      caches.put(app, cacheText);
      if (stored != null) ups.put(app, stored.nginxUpstreams());
      EndpointCache cache = EndpointCache.parse(cacheText);
      for (String name : f.keySet()) {
        if (!name.startsWith("CONTAINER.")) continue;
        String id = AppState.firstLine(f.get(name));
        if (id.isEmpty()) continue;
        ContainerInfo c = byId.get(id);
        ContainerInfo settled = c == null || !c.running() || !EndpointPlan.needsInspect(c, s.attach()) ? c : cache.complete(c);
        if (settled == null) toInspect.add(id);
        else mine.put(id, settled);
      }
      known.put(app, mine);
    }
    Inspections.Found found = toInspect.isEmpty()
        ? new Inspections.Found(Map.of(), Set.of(), Map.of())
        : Inspections.inspect(engine, connections, toInspect);
    Set<String> networks = null;
    Map<String, AppState> out = new LinkedHashMap<>();
    for (String app : apps) {
      Map<String, ContainerInfo> mine = known.get(app);
      Map<String, String> errors = new HashMap<>();
      for (String name : files.get(app).keySet()) {
        if (!name.startsWith("CONTAINER.")) continue;
        String id = AppState.firstLine(files.get(app).get(name));
        if (found.containers().containsKey(id)) mine.put(id, found.containers().get(id));
        if (found.errors().containsKey(id)) errors.put(id, found.errors().get(id));
      }
      if (networks == null && missesANetwork(mine.values(), st.get(app).attach())) networks = networkNames();
      out.put(app, new AppState(app, st.get(app), files.get(app), mine, errors, null, ups.containsKey(app) ? ups.get(app) : upstreams.apply(app), caches.get(app)));
    }
    if (networks == null) return out;
    Map<String, AppState> withNetworks = new LinkedHashMap<>();
    for (AppState s : out.values()) {
      withNetworks.put(s.app(), new AppState(s.app(), s.settings(), s.files(), s.containers(), s.inspectErrors(), networks, s.nginxUpstreams(), s.endpointCache()));
    }
    return withNetworks;
  }

  /** The computed settings the plan reads. */
  public AppState.Settings settings(String app) {
    NetworkSettings settings = new NetworkSettings(store);
    Map<String, String> own = settings.all(Scope.app(app));
    if (globals == null) globals = settings.all(Scope.GLOBAL);
    String initial = NetworkSettings.computed(own, globals, NetworkProperty.INITIAL_NETWORK);
    Set<String> attach = new LinkedHashSet<>();
    attach.addAll(NetworkSettings.split(NetworkSettings.computed(own, globals, NetworkProperty.ATTACH_POST_CREATE)));
    attach.addAll(NetworkSettings.split(NetworkSettings.computed(own, globals, NetworkProperty.ATTACH_POST_DEPLOY)));
    attach.remove(initial);
    return new AppState.Settings(initial, attach, NetworkSettings.computed(own, globals, NetworkProperty.TLD),
        NetworkSettings.computed(own, globals, NetworkProperty.STATIC_WEB_LISTENER), Ports.webPort(store, app));
  }

  /** The app's CONTAINER, IP and PORT files with their contents, sorted by name (one listing of its folder). */
  public Map<String, String> files(String app) {
    return store.readAppFiles(app, STATE_PREFIXES);
  }

  private static boolean missesANetwork(Iterable<ContainerInfo> cs, Set<String> attach) {
    for (ContainerInfo c : cs) if (c.running() && !c.networks().keySet().containsAll(attach)) return true;
    return false;
  }

  private Set<String> networkNames() {
    Set<String> names = new HashSet<>();
    for (NetworkInfo n : engine.listNetworks()) names.add(n.name());
    return names;
  }

  /** Whether the app has a proxy configuration. */
  public boolean proxied(String app) {
    return upstreams.apply(app) != null;
  }
}
