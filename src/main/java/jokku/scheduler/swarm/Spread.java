package jokku.scheduler.swarm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jokku.engine.SwarmNode;
import jokku.engine.SwarmService;
import jokku.engine.SwarmTask;

/**
 * Whether a service's tasks should be spread again onto a node that came back: swarm never moves running tasks, so
 * after a node's engine restart all of them stay on the others. A service is rebalanced when the node may run its
 * tasks (ready, active, its placement constraints and per-node limit allow it) and moving one task there would make
 * the spread more even (the node runs at least two fewer of the service's tasks than the busiest node). Pure: built
 * from the engine's service, tasks and nodes.
 */
final class Spread {
  private Spread() {}

  static boolean uneven(SwarmService service, List<SwarmTask> tasks, List<SwarmNode> nodes, String nodeId) {
    SwarmNode node = null;
    Map<String, Boolean> ready = new HashMap<>();
    for (SwarmNode n : nodes) {
      ready.put(n.id(), n.ready());
      if (n.id().equals(nodeId)) node = n;
    }
    if (node == null || !ready.get(nodeId) || !node.availability().equals("active")) return false;
    if (service.replicas() == null || service.replicas() < 2) return false;
    for (String c : service.constraints()) if (!allows(c, node)) return false;
    Map<String, Integer> counts = new HashMap<>();
    for (SwarmTask t : tasks) {
      String on = t.nodeId();
      if (t.desiredState().equals("running") && ready.getOrDefault(on, false)) counts.merge(on, 1, Integer::sum);
    }
    int here = counts.getOrDefault(nodeId, 0);
    if (service.maxReplicasPerNode() > 0 && here >= service.maxReplicasPerNode()) return false;
    int busiest = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return busiest - here >= 2;
  }

  /**
   * Whether {@code node} satisfies one placement constraint ({@code node.id}, {@code node.hostname}, {@code node.role},
   * {@code node.platform.os}, {@code node.platform.arch}, {@code node.labels.*}, {@code engine.labels.*} with
   * {@code ==} or {@code !=}); a constraint it cannot read counts as not satisfied, so such a service is left alone.
   */
  static boolean allows(String constraint, SwarmNode node) {
    boolean equal = !constraint.contains("!=");
    String[] kv = constraint.split(equal ? "==" : "!=", 2);
    if (kv.length != 2) return false;
    String key = kv[0].trim(), want = kv[1].trim();
    String have;
    if (key.equals("node.id")) have = node.id();
    else if (key.equals("node.hostname")) have = node.hostname();
    else if (key.equals("node.role")) have = node.role();
    else if (key.equals("node.platform.os")) have = node.os();
    else if (key.equals("node.platform.arch")) have = node.arch();
    else if (key.startsWith("node.labels.")) have = node.labels().getOrDefault(key.substring("node.labels.".length()), "");
    else if (key.startsWith("engine.labels.")) have = node.engineLabels().getOrDefault(key.substring("engine.labels.".length()), "");
    else return false;
    return equal == have.equalsIgnoreCase(want);
  }
}
