package jokku.engine;

import java.util.Map;

/**
 * A swarm node as the manager reports it: id, hostname, status ({@code ready}, {@code down}, ...) and address,
 * availability and role (its spec), whether it is a manager now, its platform and its node and engine labels.
 */
public record SwarmNode(String id, String hostname, String state, String addr, String availability, String role, boolean managerNow,
    String os, String arch, Map<String, String> labels, Map<String, String> engineLabels) {

  /** From the engine's node object ({@code GET /nodes}, {@code GET /nodes/{id}}). */
  public static SwarmNode from(Map<String, Object> n) {
    return new SwarmNode(SwarmApi.str(n, "ID"), SwarmApi.str(n, "Description", "Hostname"), SwarmApi.str(n, "Status", "State"),
        SwarmApi.str(n, "Status", "Addr"), SwarmApi.str(n, "Spec", "Availability"), SwarmApi.str(n, "Spec", "Role"),
        n.get("ManagerStatus") != null, SwarmApi.str(n, "Description", "Platform", "OS"),
        SwarmApi.str(n, "Description", "Platform", "Architecture"), strings(SwarmApi.at(n, "Spec", "Labels")),
        strings(SwarmApi.at(n, "Description", "Engine", "Labels")));
  }

  public boolean ready() {
    return state.equals("ready");
  }

  /** A label map of the engine's as strings (a null value as ""). */
  static Map<String, String> strings(Object labels) {
    if (!(labels instanceof Map<?, ?> m)) return Map.of();
    Map<String, String> l = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> l.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    return java.util.Collections.unmodifiableMap(l);
  }
}
