package jokku.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A swarm service as the manager reports it: id, name, version, the labels of its spec, its replica count (null when
 * not a replicated service), its placement (constraints, per-node limit), its task template's force-update counter,
 * its whole spec (null when the engine sent none) and its update status (state, start time, message; "" when none).
 */
public record SwarmService(String id, String name, long version, Map<String, String> labels, Integer replicas,
    List<String> constraints, int maxReplicasPerNode, long forceUpdate, ServiceSpec spec, String updateState, String updateStartedAt,
    String updateMessage) {

  /** From the engine's service object ({@code GET /services}, {@code GET /services/{id}}). */
  public static SwarmService from(Map<String, Object> s) {
    Object r = SwarmApi.at(s, "Spec", "Mode", "Replicated", "Replicas");
    List<String> constraints = new ArrayList<>();
    if (SwarmApi.at(s, "Spec", "TaskTemplate", "Placement", "Constraints") instanceof List<?> l) for (Object c : l) constraints.add(String.valueOf(c));
    Object max = SwarmApi.at(s, "Spec", "TaskTemplate", "Placement", "MaxReplicas");
    Object force = SwarmApi.at(s, "Spec", "TaskTemplate", "ForceUpdate");
    return new SwarmService(SwarmApi.str(s, "ID"), SwarmApi.str(s, "Spec", "Name"), SwarmApi.version(s),
        SwarmNode.strings(SwarmApi.at(s, "Spec", "Labels")), r instanceof Number n ? n.intValue() : null, List.copyOf(constraints),
        max instanceof Number n ? n.intValue() : 0, force instanceof Number n ? n.longValue() : 0, spec(s.get("Spec")),
        SwarmApi.str(s, "UpdateStatus", "State"), SwarmApi.str(s, "UpdateStatus", "StartedAt"), SwarmApi.str(s, "UpdateStatus", "Message"));
  }

  @SuppressWarnings("unchecked")
  private static ServiceSpec spec(Object spec) {
    return spec instanceof Map<?, ?> m ? ServiceSpec.read((Map<String, Object>) m) : null;
  }

  /** A label of the service's spec, "" when absent. */
  public String label(String key) {
    return labels.getOrDefault(key, "");
  }

  /** The replica count, 0 when not a replicated service. */
  public int replicaCount() {
    return replicas == null ? 0 : replicas;
  }
}
