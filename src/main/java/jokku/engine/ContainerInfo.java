package jokku.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container as the engine describes it. From a list call, {@code hostname}, {@code restartCount}, {@code startedAt}
 * and aliases are empty; from inspect everything is filled.
 */
public record ContainerInfo(
    String id,
    String name,
    String image,
    String state,
    boolean running,
    int restartCount,
    String startedAt,
    int exitCode,
    String hostname,
    String networkMode,
    Map<String, String> labels,
    Map<String, Endpoint> networks) {

  /**
   * The container's endpoint on one network. {@code endpointId} is new each time the endpoint is made (connect,
   * start), and an endpoint's aliases never change while it exists.
   */
  public record Endpoint(String networkId, String ip, List<String> aliases, String endpointId) {
    public Endpoint(String networkId, String ip, List<String> aliases) {
      this(networkId, ip, aliases, "");
    }
  }

  public String label(String key) {
    return labels.getOrDefault(key, "");
  }

  public String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  @SuppressWarnings("unchecked")
  static ContainerInfo fromInspect(Map<String, Object> m) {
    Map<String, Object> st = map(m.get("State"));
    Map<String, Object> cfg = map(m.get("Config"));
    Map<String, Object> host = map(m.get("HostConfig"));
    Map<String, Object> ns = map(m.get("NetworkSettings"));
    return new ContainerInfo(
        NetworkInfo.str(m, "Id"), stripSlash(NetworkInfo.str(m, "Name")), NetworkInfo.str(cfg, "Image"),
        NetworkInfo.str(st, "Status"), Boolean.TRUE.equals(st.get("Running")) && !Boolean.TRUE.equals(st.get("Restarting")),
        num(m.get("RestartCount")), NetworkInfo.str(st, "StartedAt"), num(st.get("ExitCode")),
        NetworkInfo.str(cfg, "Hostname"), NetworkInfo.str(host, "NetworkMode"), labels(cfg.get("Labels")),
        endpoints(ns.get("Networks")));
  }

  @SuppressWarnings("unchecked")
  static ContainerInfo fromList(Map<String, Object> m) {
    Object names = m.get("Names");
    String name = names instanceof List && !((List<Object>) names).isEmpty() ? stripSlash(String.valueOf(((List<Object>) names).get(0))) : "";
    String state = NetworkInfo.str(m, "State");
    return new ContainerInfo(
        NetworkInfo.str(m, "Id"), name, NetworkInfo.str(m, "Image"), state, state.equals("running"), 0, "", 0, "",
        NetworkInfo.str(map(m.get("HostConfig")), "NetworkMode"), labels(m.get("Labels")),
        endpoints(map(m.get("NetworkSettings")).get("Networks")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Endpoint> endpoints(Object o) {
    Map<String, Endpoint> eps = new TreeMap<>();
    for (Map.Entry<String, Object> e : map(o).entrySet()) {
      Map<String, Object> em = map(e.getValue());
      List<String> aliases = em.get("Aliases") instanceof List ? List.copyOf((List<String>) em.get("Aliases")) : List.of();
      eps.put(e.getKey(), new Endpoint(NetworkInfo.str(em, "NetworkID"), NetworkInfo.str(em, "IPAddress"), aliases, NetworkInfo.str(em, "EndpointID")));
    }
    return eps;
  }

  private static Map<String, String> labels(Object o) {
    Map<String, String> l = new TreeMap<>();
    for (Map.Entry<String, Object> e : map(o).entrySet()) l.put(e.getKey(), String.valueOf(e.getValue()));
    return l;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  private static int num(Object o) {
    return o instanceof Number ? ((Number) o).intValue() : 0;
  }

  private static String stripSlash(String n) {
    return n.startsWith("/") ? n.substring(1) : n;
  }
}
