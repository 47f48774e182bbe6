package jokku.scheduler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.engine.SwarmNode;
import jokku.engine.SwarmTask;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How a deploy reads a service's tasks when nodes are lost: pure logic over the engine's tasks and nodes
 * (read from the engine's objects). */
@Tag("unit")
class TaskPictureTest {
  private static SwarmNode node(String id, String host, String state) {
    return SwarmNode.from(Map.of("ID", id, "Description", Map.of("Hostname", host), "Status", Map.of("State", state)));
  }

  private static SwarmTask task(String id, int slot, String node, String desired, String state, String err) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("ID", id);
    t.put("Slot", slot);
    if (!node.isEmpty()) t.put("NodeID", node);
    t.put("DesiredState", desired);
    t.put("Status", err.isEmpty() ? Map.of("State", state) : Map.of("State", state, "Err", err));
    return SwarmTask.from(t);
  }

  private static final List<SwarmNode> NODES = List.of(node("n1", "host1", "ready"), node("n2", "host2", "ready"), node("n3", "host3", "down"));

  @Test
  void tasksOnALostNodeAreGoneAndATaskSwarmReplacedThereIsStranded() {
    TaskPicture p = TaskPicture.of("web-web", List.of(
        task("a", 1, "n1", "running", "running", ""),
        task("b", 2, "n2", "running", "running", ""),
        task("c", 3, "n3", "running", "running", ""), // last report before its node went down
        task("d", 1, "n3", "shutdown", "assigned", ""), // the updater's new task, replaced by swarm
        task("e", 3, "n1", "running", "starting", "")), NODES);
    assertEquals(2, p.running());
    assertEquals(3, p.wanted());
    assertEquals(List.of("d"), p.stranded().stream().map(TaskPicture.Task::id).toList());
    assertEquals("web-web.3 on host3 (down): running; web-web.1 on host3 (down): assigned; web-web.3 on host1: starting", p.why());
  }

  @Test
  void aTaskTheSchedulerCannotPlaceIsUnplaceableWithSwarmsReason() {
    TaskPicture p = TaskPicture.of("web-web", List.of(task("a", 1, "", "running", "pending", "no suitable node (3 nodes not available for new tasks)"),
        task("b", 2, "", "running", "pending", "")), NODES);
    assertEquals(List.of("web-web.1: pending (no suitable node (3 nodes not available for new tasks))"),
        p.unplaceable().stream().map(TaskPicture.Task::describe).toList());
    assertEquals(2, p.wanted());
  }
}
