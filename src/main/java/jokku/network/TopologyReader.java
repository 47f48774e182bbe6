package jokku.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.NetworkInfo;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * Reads what {@code network:graph} draws: the apps' state as {@code network:check} reads it (one list request, the
 * inspects together) with its findings, the proxy settings from the store, the engine's networks (one list request)
 * and, for each user-defined network drawn, its detail (to name the containers jokku does not manage). An app's
 * domains and port maps come from the caller (the {@code domains} and {@code proxy} plugins sit above
 * {@code network}: they check names and addresses with {@link Addresses}; the default port map is on the proxy's port).
 */
public final class TopologyReader {
  private final NetworkSync sync;
  private final Engine engine;
  private final Store store;
  private final Function<String, List<String>> domains;
  private final Function<String, List<PortMap>> portMaps;

  /**
   * {@code domains}: the names an app is served on, as its nginx configuration has them; {@code portMaps}: its
   * effective port maps.
   */
  public TopologyReader(NetworkSync sync, Engine engine, Store store, Function<String, List<String>> domains, Function<String, List<PortMap>> portMaps) {
    this.sync = sync;
    this.engine = engine;
    this.store = store;
    this.domains = domains;
    this.portMaps = portMaps;
  }

  public Topology read(List<String> apps) {
    Map<String, List<ContainerInfo>> listed = sync.listAll();
    Map<String, AppState> states = sync.reader().readAll(apps, listed);
    List<Topology.AppInput> inputs = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (String app : apps) {
      AppState s = states.get(app);
      inputs.add(new Topology.AppInput(s, SyncPlan.of(s).findings(), proxy(app)));
      used.addAll(s.settings().attach());
      if (!s.settings().initial().isEmpty()) used.add(s.settings().initial());
      for (ContainerInfo c : s.containers().values()) used.addAll(c.networks().keySet());
    }
    Map<String, NetworkInfo> networks = new HashMap<>();
    for (NetworkInfo n : engine.listNetworks()) {
      if (!used.contains(n.name())) continue;
      if (!EndpointPlan.aliasable(n.name())) {
        networks.put(n.name(), n); // the engine's own networks: every container of the host may be there
        continue;
      }
      try {
        networks.put(n.name(), engine.inspectNetwork(n.id()));
      } catch (EngineException e) {
        if (!e.notFound()) throw e; // removed meanwhile: drawn as gone
      }
    }
    Set<String> managed = new HashSet<>();
    for (List<ContainerInfo> cs : listed.values()) for (ContainerInfo c : cs) managed.add(c.name());
    return Topology.of(inputs, networks, managed);
  }

  /** The app's nginx domains and port maps, or null when it has no nginx configuration. */
  private Topology.Proxy proxy(String app) {
    if (!sync.reader().proxied(app)) return null;
    List<String> ports = new ArrayList<>();
    for (PortMap m : portMaps.apply(app)) ports.add(m.toString());
    return new Topology.Proxy(domains.apply(app), ports);
  }
}
