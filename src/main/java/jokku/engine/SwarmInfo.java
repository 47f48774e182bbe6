package jokku.engine;

import java.util.Map;

/**
 * This engine's view of its swarm ({@code GET /info}'s {@code Swarm}): its local state ("" when the engine reports
 * none), whether it is a manager that can take control calls, its node id and address, the cluster id, and how many
 * nodes and managers the swarm has (0 when not reported).
 */
public record SwarmInfo(String localNodeState, boolean controlAvailable, String nodeId, String nodeAddr, String clusterId, int nodes,
    int managers) {

  static SwarmInfo from(Map<String, Object> s) {
    return new SwarmInfo(SwarmApi.str(s, "LocalNodeState"), Boolean.TRUE.equals(s.get("ControlAvailable")), SwarmApi.str(s, "NodeID"),
        SwarmApi.str(s, "NodeAddr"), SwarmApi.str(s, "Cluster", "ID"), count(s.get("Nodes")), count(s.get("Managers")));
  }

  private static int count(Object o) {
    return o == null ? 0 : ((Number) o).intValue();
  }
}
