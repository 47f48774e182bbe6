package jokku.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.engine.ContainerInfo;

/**
 * What inspects told about an app's containers, kept so the next reading can do without them: each container's
 * hostname (fixed for its life) and each network endpoint's aliases, keyed by the endpoint's id. The engine makes a
 * new endpoint, with a new id, whenever a container joins a network or starts, and cannot change an endpoint's
 * aliases, so an id seen in a list answer with an entry here has exactly those aliases: never stale, only missing.
 * A container whose hostname or any user-network endpoint is missing is inspected. Pure: parse and format only;
 * {@code network:rebuild} stores it ({@code data/network/<app>/endpoints}), {@code network:check} only reads it.
 */
public record EndpointCache(Map<String, String> hostnames, Map<String, List<String>> aliases) {
  public static final String FILE = "endpoints";

  public static EndpointCache parse(String text) {
    Map<String, String> h = new LinkedHashMap<>();
    Map<String, List<String>> a = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 3 && f[0].equals("container") && !f[2].isEmpty()) h.put(f[1], f[2]);
      else if (f.length >= 2 && f[0].equals("endpoint") && !f[1].isEmpty()) a.put(f[1], f.length == 3 ? List.of(f[2].split(",")) : List.of());
    }
    return new EndpointCache(h, a);
  }

  /** The entries for the containers described in full (inspected, or completed from this cache), in a stable order. */
  public static EndpointCache of(Iterable<ContainerInfo> containers) {
    Map<String, String> h = new java.util.TreeMap<>();
    Map<String, List<String>> a = new java.util.TreeMap<>();
    for (ContainerInfo c : containers) {
      if (!c.running() || c.hostname().isEmpty()) continue;
      h.put(c.id(), c.hostname());
      for (Map.Entry<String, ContainerInfo.Endpoint> e : c.networks().entrySet()) {
        ContainerInfo.Endpoint ep = e.getValue();
        if (EndpointPlan.aliasable(e.getKey()) && !ep.endpointId().isEmpty()) a.put(ep.endpointId(), ep.aliases());
      }
    }
    return new EndpointCache(h, a);
  }

  public String format() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : hostnames.entrySet()) b.append("container ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    for (Map.Entry<String, List<String>> e : aliases.entrySet()) {
      b.append("endpoint ").append(e.getKey());
      if (!e.getValue().isEmpty()) b.append(' ').append(String.join(",", e.getValue()));
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * The listed container with its hostname and every user-network endpoint's aliases filled in from here, or null
   * when something is not known (then it must be inspected).
   */
  public ContainerInfo complete(ContainerInfo listed) {
    String host = hostnames.get(listed.id());
    if (host == null) return null;
    Map<String, ContainerInfo.Endpoint> eps = new java.util.TreeMap<>();
    for (Map.Entry<String, ContainerInfo.Endpoint> e : listed.networks().entrySet()) {
      ContainerInfo.Endpoint ep = e.getValue();
      if (EndpointPlan.aliasable(e.getKey())) {
        List<String> known = ep.endpointId().isEmpty() ? null : aliases.get(ep.endpointId());
        if (known == null) return null;
        ep = new ContainerInfo.Endpoint(ep.networkId(), ep.ip(), new ArrayList<>(known), ep.endpointId());
      }
      eps.put(e.getKey(), ep);
    }
    return new ContainerInfo(listed.id(), listed.name(), listed.image(), listed.state(), listed.running(), listed.restartCount(),
        listed.startedAt(), listed.exitCode(), host, listed.networkMode(), listed.labels(), eps);
  }
}
