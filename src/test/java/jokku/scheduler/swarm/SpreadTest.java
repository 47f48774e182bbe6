package jokku.scheduler.swarm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.engine.SwarmNode;
import jokku.engine.SwarmService;
import jokku.engine.SwarmTask;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** When a node that is back gets a service's tasks again: pure logic over the engine's service, tasks and nodes
 * (read from the engine's objects). */
@Tag("unit")
class SpreadTest {
  private static SwarmNode node(String id, String state, String availability, Map<String, String> labels) {
    return SwarmNode.from(Map.of("ID", id, "Description", Map.of("Hostname", "host-" + id, "Platform", Map.of("OS", "linux")),
        "Status", Map.of("State", state), "Spec", Map.of("Availability", availability, "Role", "worker", "Labels", labels)));
  }

  private static final List<SwarmNode> NODES = List.of(node("n1", "ready", "active", Map.of()), node("n2", "ready", "active", Map.of()),
      node("n3", "ready", "active", Map.of("zone", "b")));

  private static SwarmService service(int replicas, List<String> constraints, int maxPerNode) {
    Map<String, Object> placement = new LinkedHashMap<>();
    placement.put("Constraints", constraints);
    if (maxPerNode > 0) placement.put("MaxReplicas", maxPerNode);
    return SwarmService.from(Map.of("Spec", Map.of("Mode", Map.of("Replicated", Map.of("Replicas", replicas)), "TaskTemplate", Map.of("Placement", placement))));
  }

  /** One running task per entry, on that node. */
  private static List<SwarmTask> tasks(String... nodes) {
    List<SwarmTask> l = new ArrayList<>();
    for (String n : nodes) l.add(SwarmTask.from(Map.of("NodeID", n, "DesiredState", "running", "Status", Map.of("State", "running"))));
    return l;
  }

  @Test
  void aNodeLeftEmptyWhileAnotherRunsTwoMoreGetsTasksAgain() {
    assertTrue(Spread.uneven(service(3, List.of(), 0), tasks("n1", "n1", "n2"), NODES, "n3"));
    assertTrue(Spread.uneven(service(2, List.of(), 0), tasks("n1", "n1"), NODES, "n3"));
    assertFalse(Spread.uneven(service(2, List.of(), 0), tasks("n1", "n2"), NODES, "n3"), "one each, the third node has nothing to take");
    assertFalse(Spread.uneven(service(3, List.of(), 0), tasks("n1", "n2", "n3"), NODES, "n3"), "already even");
    assertFalse(Spread.uneven(service(1, List.of(), 0), tasks("n1"), NODES, "n3"), "one replica: nothing to spread");
  }

  @Test
  void placementAndTheNodesStateDecide() {
    assertTrue(Spread.uneven(service(3, List.of("node.labels.zone==b", "node.role!=manager"), 0), tasks("n1", "n1", "n2"), NODES, "n3"));
    assertFalse(Spread.uneven(service(3, List.of("node.labels.zone==a"), 0), tasks("n1", "n1", "n2"), NODES, "n3"), "its constraint excludes the node");
    assertFalse(Spread.uneven(service(3, List.of("node.unknown==x"), 0), tasks("n1", "n1", "n2"), NODES, "n3"), "a constraint jokku cannot read");
    assertFalse(Spread.uneven(service(4, List.of(), 1), tasks("n1", "n1", "n2", "n3"), NODES, "n3"), "at its per-node limit");
    List<SwarmNode> drained = List.of(NODES.get(0), NODES.get(1), node("n3", "ready", "drain", Map.of()));
    assertFalse(Spread.uneven(service(3, List.of(), 0), tasks("n1", "n1", "n2"), drained, "n3"), "drained");
    List<SwarmNode> down = List.of(NODES.get(0), NODES.get(1), node("n3", "down", "active", Map.of()));
    assertFalse(Spread.uneven(service(3, List.of(), 0), tasks("n1", "n1", "n2"), down, "n3"), "down");
    assertFalse(Spread.uneven(service(3, List.of(), 0), tasks("n1", "n1", "n2"), NODES, "n9"), "a node the swarm does not know");
  }
}
