package jokku.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.NetworkInfo;
import jokku.engine.NetworkSpec;

/** The network-level commands' domain: validation, the create spec, and lookups by exact name. */
public final class NetworkService {
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$");
  /** The engine's own networks, which jokku never destroys. */
  public static final Set<String> BUILT_IN = Set.of("bridge", "host", "none", "ingress", "docker_gwbridge");

  private final Engine engine;

  public NetworkService(Engine engine) {
    this.engine = engine;
  }

  /** What {@code network:create} asks for beyond the name. */
  public record CreateOptions(
      String driver,
      boolean internal,
      boolean ipv6,
      List<String> subnets,
      List<String> gateways,
      List<String> ipRanges,
      Map<String, String> options,
      Map<String, String> labels) {
    public static CreateOptions defaults() {
      return new CreateOptions("", false, false, List.of(), List.of(), List.of(), Map.of(), Map.of());
    }
  }

  public static void validateName(String name) {
    if (name.isEmpty()) throw new DokkuException("No network name specified");
    if (!NAME.matcher(name).matches()) {
      throw new DokkuException("Invalid network name '" + name + "': names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
  }

  /** The network {@code network:create} makes: attachable, labelled as Dokku's; validates every option first. */
  public static NetworkSpec createSpec(String name, CreateOptions o) {
    validateName(name);
    for (String s : o.subnets()) if (!Addresses.isCidr(s)) throw new DokkuException("Invalid subnet '" + s + "': expected CIDR notation such as 172.30.0.0/16");
    for (String g : o.gateways()) if (!Addresses.isIp(g)) throw new DokkuException("Invalid gateway '" + g + "': expected an IP address");
    for (String r : o.ipRanges()) if (!Addresses.isCidr(r)) throw new DokkuException("Invalid ip-range '" + r + "': expected CIDR notation such as 172.30.5.0/24");
    if (o.gateways().size() > o.subnets().size()) throw new DokkuException("Each --gateway needs a --subnet (given in the same order)");
    if (o.ipRanges().size() > o.subnets().size()) throw new DokkuException("Each --ip-range needs a --subnet (given in the same order)");
    for (int i = 0; i < o.gateways().size(); i++) {
      String g = o.gateways().get(i), s = o.subnets().get(i);
      if (!Addresses.contains(s, g)) throw new DokkuException("Invalid gateway '" + g + "': it is not inside subnet " + s);
    }
    for (int i = 0; i < o.ipRanges().size(); i++) {
      String r = o.ipRanges().get(i), s = o.subnets().get(i);
      if (!Addresses.within(s, r)) throw new DokkuException("Invalid ip-range '" + r + "': it is not inside subnet " + s);
    }
    if (o.labels().containsKey(NetworkInfo.DOKKU_LABEL)) throw new DokkuException("The label " + NetworkInfo.DOKKU_LABEL + " is set by jokku");
    List<NetworkInfo.Ipam> pools = new ArrayList<>();
    for (int i = 0; i < o.subnets().size(); i++) {
      pools.add(new NetworkInfo.Ipam(o.subnets().get(i), i < o.gateways().size() ? o.gateways().get(i) : "", i < o.ipRanges().size() ? o.ipRanges().get(i) : ""));
    }
    Map<String, String> labels = new LinkedHashMap<>(o.labels());
    labels.put(NetworkInfo.DOKKU_LABEL, name);
    return NetworkSpec.attachable(name, o.driver().isEmpty() ? "bridge" : o.driver(), o.internal(), o.ipv6(), pools, o.options(), labels);
  }

  public void create(String name, CreateOptions o) {
    NetworkSpec spec = createSpec(name, o);
    if (find(name).isPresent()) throw new DokkuException("Unable to create network: network with name " + name + " already exists");
    try {
      engine.createNetwork(spec);
    } catch (EngineException e) {
      throw new DokkuException("Unable to create network: " + e.getMessage());
    }
  }

  /** Checks everything that would make a destroy fail, before any confirmation is asked for. */
  public NetworkInfo checkDestroyable(String name) {
    if (name.isEmpty()) throw new DokkuException("No network name specified");
    if (BUILT_IN.contains(name)) throw new DokkuException("Unable to destroy network: " + name + " is a built-in Docker network");
    NetworkInfo n = find(name).orElseThrow(() -> new DokkuException("Unable to destroy network: network " + name + " not found"));
    NetworkInfo detail = engine.inspectNetwork(n.id());
    List<String> names = new ArrayList<>();
    for (NetworkInfo.Endpoint e : detail.containers()) if (!isLoadBalancer(detail, e)) names.add(e.name());
    if (!names.isEmpty()) {
      throw new DokkuException("Unable to destroy network: " + name + " has containers attached: " + String.join(", ", names));
    }
    return detail;
  }

  /**
   * The swarm load-balancer endpoint of an overlay ({@code lb-<net>}, named {@code <net>-endpoint}): the engine's own,
   * not a container; it lingers a few seconds after the last task left, and the engine removes it with the network.
   */
  static boolean isLoadBalancer(NetworkInfo n, NetworkInfo.Endpoint e) {
    return e.id().equals("lb-" + n.name()) && e.name().equals(n.name() + "-endpoint");
  }

  public void destroy(NetworkInfo n) {
    try {
      engine.removeNetwork(n.id());
    } catch (EngineException e) {
      throw new DokkuException("Unable to destroy network: " + e.getMessage());
    }
  }

  /** All networks sorted by name, optionally only those Dokku manages. */
  public List<NetworkInfo> list(boolean dokkuManagedOnly) {
    List<NetworkInfo> l = new ArrayList<>();
    for (NetworkInfo n : engine.listNetworks()) if (!dokkuManagedOnly || n.dokkuManaged()) l.add(n);
    l.sort((a, b) -> a.name().compareTo(b.name())); // not Comparator.comparing, whose lambda is spun at run time
    return l;
  }

  /** A network by exact name (never by id prefix). */
  public Optional<NetworkInfo> find(String name) {
    for (NetworkInfo n : engine.listNetworks()) if (n.name().equals(name)) return Optional.of(n);
    return Optional.empty();
  }

  /**
   * The nodes a swarm-scoped network is active on (its gossip peers, as {@code hostname (address)}), from the
   * manager's verbose inspect; empty for a local network.
   */
  public List<String> nodes(NetworkInfo n) {
    List<String> l = new ArrayList<>();
    if (!"swarm".equals(n.scope())) return l;
    l.addAll(engine.networkPeers(n.id()));
    java.util.Collections.sort(l);
    return l;
  }

  /** Full detail (IPAM, attached containers) of a network known by exact name. */
  public NetworkInfo info(String name) {
    NetworkInfo n = find(name).orElseThrow(() -> new DokkuException("Network does not exist"));
    return engine.inspectNetwork(n.id());
  }
}
