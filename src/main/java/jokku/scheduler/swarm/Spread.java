package jokku.scheduler.swarm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jokku.engine.SwarmApi;

/**
 * Whether a service's tasks should be spread again onto a node that came back: swarm never moves running tasks, so
 * after a node's engine restart all of them stay on the others. A service is rebalanced when the node may run its
 * tasks (ready, active, its placement constraints and per-node limit allow it) and moving one task there would make
 * the spread more even (the node runs at least two fewer of the service's tasks than the busiest node). Pure: built
 * from the engine's service, task and node maps.
 */
final class Spread {
  private Spread() {}

  static boolean uneven(Map<String, Object> service, List<Map<String, Object>> tasks, List<Map<String, Object>> nodes, String nodeId) {
    Map<String, Object> node = null;
    Map<String, Boolean> ready = new HashMap<>();
    for (Map<String, Object> n : nodes) {
      ready.put(SwarmApi.str(n, "ID"), SwarmApi.str(n, "Status", "State").equals("ready"));
      if (SwarmApi.str(n, "ID").equals(nodeId)) node = n;
    }
    if (node == null || !ready.get(nodeId) || !SwarmApi.str(node, "Spec", "Availability").equals("active")) return false;
    if (!(SwarmApi.at(service, "Spec", "Mode", "Replicated", "Replicas") instanceof Number replicas) || replicas.intValue() < 2) return false;
    Object placement = SwarmApi.at(service, "Spec", "TaskTemplate", "Placement", "Constraints");
    if (placement instanceof List<?> constraints) for (Object c : constraints) if (!allows(String.valueOf(c), node)) return false;
    Map<String, Integer> counts = new HashMap<>();
    for (Map<String, Object> t : tasks) {
      String on = SwarmApi.str(t, "NodeID");
      if (SwarmApi.str(t, "DesiredState").equals("running") && ready.getOrDefault(on, false)) counts.merge(on, 1, Integer::sum);
    }
    int here = counts.getOrDefault(nodeId, 0);
    if (SwarmApi.at(service, "Spec", "TaskTemplate", "Placement", "MaxReplicas") instanceof Number max && max.intValue() > 0 && here >= max.intValue()) return false;
    int busiest = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return busiest - here >= 2;
  }

  /**
   * Whether {@code node} satisfies one placement constraint ({@code node.id}, {@code node.hostname}, {@code node.role},
   * {@code node.platform.os}, {@code node.platform.arch}, {@code node.labels.*}, {@code engine.labels.*} with
   * {@code ==} or {@code !=}); a constraint it cannot read counts as not satisfied, so such a service is left alone.
   */
  static boolean allows(String constraint, Map<String, Object> node) {
    boolean equal = !constraint.contains("!=");
    String[] kv = constraint.split(equal ? "==" : "!=", 2);
    if (kv.length != 2) return false;
    String key = kv[0].trim(), want = kv[1].trim();
    String have;
    if (key.equals("node.id")) have = SwarmApi.str(node, "ID");
    else if (key.equals("node.hostname")) have = SwarmApi.str(node, "Description", "Hostname");
    else if (key.equals("node.role")) have = SwarmApi.str(node, "Spec", "Role");
    else if (key.equals("node.platform.os")) have = SwarmApi.str(node, "Description", "Platform", "OS");
    else if (key.equals("node.platform.arch")) have = SwarmApi.str(node, "Description", "Platform", "Architecture");
    else if (key.startsWith("node.labels.")) have = label(SwarmApi.at(node, "Spec", "Labels"), key.substring("node.labels.".length()));
    else if (key.startsWith("engine.labels.")) have = label(SwarmApi.at(node, "Description", "Engine", "Labels"), key.substring("engine.labels.".length()));
    else return false;
    return equal == have.equalsIgnoreCase(want);
  }

  private static String label(Object labels, String key) {
    return labels instanceof Map<?, ?> m && m.get(key) != null ? String.valueOf(m.get(key)) : "";
  }
}
