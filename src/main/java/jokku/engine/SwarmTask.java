package jokku.engine;

import java.util.Map;

/**
 * A swarm task: its id, service, slot, the node it is on ("" before assignment), desired and current state with the
 * scheduler's error, its container (empty before one exists) and the labels of its container spec.
 */
public record SwarmTask(String id, String serviceId, String slot, String nodeId, String desiredState, String state, String error,
    String containerId, Map<String, String> containerLabels) {

  /** From the engine's task object ({@code GET /tasks}). */
  public static SwarmTask from(Map<String, Object> t) {
    return new SwarmTask(SwarmApi.str(t, "ID"), SwarmApi.str(t, "ServiceID"), SwarmApi.str(t, "Slot"), SwarmApi.str(t, "NodeID"),
        SwarmApi.str(t, "DesiredState"), SwarmApi.str(t, "Status", "State"), SwarmApi.str(t, "Status", "Err"),
        SwarmApi.str(t, "Status", "ContainerStatus", "ContainerID"), SwarmNode.strings(SwarmApi.at(t, "Spec", "ContainerSpec", "Labels")));
  }

  /** A label of the task's container, "" when absent. */
  public String containerLabel(String key) {
    return containerLabels.getOrDefault(key, "");
  }
}
