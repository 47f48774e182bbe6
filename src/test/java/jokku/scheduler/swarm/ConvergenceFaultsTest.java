package jokku.scheduler.swarm;

import static jokku.engine.FakeEngine.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.Out;
import jokku.engine.FakeEngine;
import jokku.engine.Json;
import jokku.engine.ServiceSpec;
import jokku.engine.SwarmApi;
import jokku.engine.SwarmService;
import jokku.engine.WithFakeEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node lost while swarm's updater (or its rollback) has a task assigned there: the test bed cannot lose a node at
 * that exact moment reliably, so a scripted engine answers what a manager answers then, poll by poll. The script is
 * the bound: a poll more than scripted finds the service gone (404) and fails the deploy with another message, so a
 * deploy that waited for its timeout instead could not pass.
 */
@Tag("unit")
class ConvergenceFaultsTest extends WithFakeEngine {
  private static final String NAME = "web-web";
  private static final String UPDATE = "POST /services/s1/update";
  private static final String RESUMED = Convergence.RESUMED_LABEL;
  private static final Map<String, Object> OLD = spec("app:v1", Map.of());
  private static final Map<String, Object> NEW = spec("app:v2", Map.of());
  private static final String NODES = Json.write(List.of(node("n1", "host1", "ready"), node("n2", "host2", "ready"), node("n3", "host3", "down")));

  private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

  @Test
  void aRollbackStalledOnALostNodesTaskIsResumedTowardsTheReplacedSpecAndTheDeployFailsNamingNodeAndTaskState() {
    String failedTask = task("b1", 1, "n2", "shutdown", "failed", "task: non-zero exit (1)");
    String oldRunning = task("a1", 1, "n1", "running", "running", "");
    fake.on(UPDATE, json("{}"), json("{}"));
    fake.on("GET /services/" + NAME,
        json(service(11, NEW, "updating", "t1", "update in progress")),
        // swarm's rollback gave slot 2 to host3, lost before it ran: moby's rollback waits for that task forever
        json(service(12, OLD, "rollback_started", "t2", "update rolled back due to failure or early termination of task b1")),
        json(service(13, withLabel(OLD, RESUMED, "r2"), "updating", "t3", "update in progress")),
        json(service(14, withLabel(OLD, RESUMED, "r2"), "completed", "t3", "update completed")));
    String during = tasks(oldRunning, task("a2", 2, "n1", "running", "running", ""), task("b1", 1, "n2", "running", "starting", ""));
    String rollingBack = tasks(oldRunning, failedTask, task("r2", 2, "n3", "shutdown", "assigned", ""), task("r3", 2, "n1", "running", "running", ""));
    // polls 1..4: one picture each, poll 2 a second one for swarm's message (the failed task's node and error)
    fake.on("GET /tasks", json(during), json(rollingBack), json(rollingBack), json(rollingBack), json(rollingBack));
    fake.on("GET /nodes", json(NODES), json(NODES), json(NODES), json(NODES), json(NODES));

    DokkuException e = assertThrows(DokkuException.class, () -> converge(2));

    assertEquals("Deploy of web-web failed, the previous version keeps serving: update rolled back due to failure or early termination"
        + " of task b1 (web-web.1 on host2: failed (task: non-zero exit (1))); node host3 was lost during the rollback"
        + " (web-web.2 on host3 (down): assigned), which went on without it", e.getMessage());
    assertEquals(List.of("/services/s1/update?version=10", "/services/s1/update?version=12"), updatePaths());
    assertEquals(List.of(NEW, withLabel(OLD, RESUMED, "r2")), updateBodies(), "the rollback is re-issued towards the spec the deploy replaced");
    assertEquals(4, fake.count("GET /services/" + NAME));
    assertEquals(5, fake.count("GET /tasks"));
    assertTrue(shown().contains("Node host3 was lost during the rollback (web-web.2 on host3 (down): assigned); swarm runs web-web.2 on another node"), shown());
  }

  @Test
  void aRollbackThatLosesSeveralNodesNamesEachOfThemWithItsTaskOrderedByNode() {
    String failedTask = task("b1", 1, "n2", "shutdown", "failed", "task: non-zero exit (1)");
    String oldRunning = task("a1", 1, "n1", "running", "running", "");
    fake.on(UPDATE, json("{}"), json("{}"), json("{}"));
    fake.on("GET /services/" + NAME,
        json(service(11, NEW, "updating", "t1", "update in progress")),
        // swarm's rollback gave slot 2 to host4, lost before it ran; the resumed rollback gave it to host3, lost too
        json(service(12, OLD, "rollback_started", "t2", "update rolled back due to failure or early termination of task b1")),
        json(service(13, withLabel(OLD, RESUMED, "r2"), "updating", "t3", "update in progress")),
        json(service(14, withLabel(OLD, RESUMED, "r2,r3"), "updating", "t4", "update in progress")),
        json(service(15, withLabel(OLD, RESUMED, "r2,r3"), "completed", "t4", "update completed")));
    String during = tasks(oldRunning, task("a2", 2, "n1", "running", "running", ""), task("b1", 1, "n2", "running", "starting", ""));
    String onHost4 = task("r2", 2, "n4", "shutdown", "assigned", "");
    String rollingBack = tasks(oldRunning, failedTask, onHost4, task("a2", 2, "n1", "running", "running", ""));
    String resumed = tasks(oldRunning, failedTask, onHost4, task("r3", 2, "n3", "shutdown", "assigned", ""), task("r4", 2, "n1", "running", "running", ""));
    // polls 1..5: one picture each, poll 2 a second one for swarm's message
    fake.on("GET /tasks", json(during), json(rollingBack), json(rollingBack), json(resumed), json(resumed), json(resumed));
    String nodes = Json.write(List.of(node("n1", "host1", "ready"), node("n2", "host2", "ready"), node("n3", "host3", "down"), node("n4", "host4", "down")));
    for (int i = 0; i < 6; i++) fake.on("GET /nodes", json(nodes));

    DokkuException e = assertThrows(DokkuException.class, () -> converge(2));

    assertEquals("Deploy of web-web failed, the previous version keeps serving: update rolled back due to failure or early termination"
        + " of task b1 (web-web.1 on host2: failed (task: non-zero exit (1))); nodes host3 and host4 were lost during the rollback"
        + " (web-web.2 on host3 (down): assigned; web-web.2 on host4 (down): assigned), which went on without them", e.getMessage());
    assertEquals(List.of(NEW, withLabel(OLD, RESUMED, "r2"), withLabel(OLD, RESUMED, "r2,r3")), updateBodies(),
        "the rollback is resumed towards the replaced spec each time, marked with every lost task");
    assertEquals(5, fake.count("GET /services/" + NAME));
    assertEquals(6, fake.count("GET /tasks"));
    assertTrue(shown().contains("Node host4 was lost during the rollback (web-web.2 on host4 (down): assigned); swarm runs web-web.2 on another node\n"), shown());
    assertTrue(shown().contains("Node host3 was lost during the rollback (web-web.2 on host3 (down): assigned); swarm runs web-web.2 on another node\n"), shown());
  }

  @Test
  void aTaskNoNodeCanTakeFailsTheDeployWithSwarmsReasonAfterTwentySecondsOfItsClockAndSwarmRollsBack() {
    String pending = task("b2", 2, "", "running", "pending", "no suitable node (3 nodes not available for new tasks)");
    String stuck = tasks(task("b1", 1, "n1", "running", "running", ""), pending, task("a2", 2, "n2", "running", "running", ""));
    int polls = 81; // the first sighting, then one poll per quarter second of the clock until 20 s later
    for (int i = 0; i < polls; i++) {
      fake.on("GET /services/" + NAME, json(service(11, NEW, "updating", "t1", "update in progress")));
      fake.on("GET /tasks", json(stuck));
      fake.on("GET /nodes", json(NODES));
    }
    fake.on(UPDATE, json("{}"), json("{}"));
    FakeClock clock = new FakeClock();

    DokkuException e = assertThrows(DokkuException.class, () -> converge(2, clock));

    assertEquals("Deploy of web-web cannot converge: swarm finds no node for web-web.2: pending (no suitable node (3 nodes not available"
        + " for new tasks)); rolled back to the previous version", e.getMessage());
    assertEquals(polls, fake.count("GET /services/" + NAME), "no poll after the 20 s (one more would find the service gone)");
    assertEquals(polls, fake.count("GET /tasks"));
    assertEquals(Convergence.STALL_MS, clock.elapsed(), "the deploy waited the 20 s on its clock, no more");
    assertEquals(List.of("/services/s1/update?version=10", "/services/s1/update?version=11&rollback=previous"), updatePaths(),
        "swarm's rollback asked for");
  }

  @Test
  void anUpdateStalledOnALostNodesTaskIsReissuedMarkedWithThatTaskAndTheDeploySucceeds() {
    String newOnHost1 = task("b1", 1, "n1", "running", "running", "");
    fake.on(UPDATE, json("{}"), json("{}"));
    fake.on("GET /services/" + NAME,
        // the updater gave slot 2 to host3, lost before it ran; swarm runs slot 2 on host2 meanwhile
        json(service(11, NEW, "updating", "t1", "update in progress")),
        json(service(12, withLabel(NEW, RESUMED, "b2"), "updating", "t2", "update in progress")),
        json(service(13, withLabel(NEW, RESUMED, "b2"), "completed", "t2", "update completed")));
    String stranded = tasks(newOnHost1, task("b2", 2, "n3", "shutdown", "assigned", ""), task("a2", 2, "n2", "running", "running", ""));
    String done = tasks(newOnHost1, task("b3", 2, "n2", "running", "running", ""));
    fake.on("GET /tasks", json(stranded), json(stranded), json(done));
    fake.on("GET /nodes", json(NODES), json(NODES), json(NODES));

    converge(2);

    assertEquals(List.of("/services/s1/update?version=10", "/services/s1/update?version=11"), updatePaths());
    assertEquals(List.of(NEW, withLabel(NEW, RESUMED, "b2")), updateBodies(), "the update is re-issued to the new spec, marked with the lost task");
    assertEquals(3, fake.count("GET /services/" + NAME));
    assertEquals(3, fake.count("GET /tasks"));
    assertTrue(shown().contains("Node host3 was lost during the deploy (web-web.2 on host3 (down): assigned); swarm runs web-web.2 on another node"), shown());
  }

  private void converge(int replicas) {
    converge(replicas, new FakeClock());
  }

  /** The update from OLD to NEW, its polls paced by {@code clock} (a pause advances it: no real time is waited). */
  private void converge(int replicas, FakeClock clock) {
    SwarmService existing = SwarmService.from(Json.parseObject(service(10, OLD, "completed", "t0", "update completed")));
    Out out = new Out(new PrintStream(shown, true, StandardCharsets.UTF_8), new PrintStream(shown, true, StandardCharsets.UTF_8), false);
    new Convergence(engine().swarm(), out, clock, clock::advance).apply(NAME, existing, ServiceSpec.read(NEW), replicas, 0);
  }

  /** A clock that moves only when the convergence pauses. */
  private static final class FakeClock extends Clock {
    private static final Instant START = Instant.parse("2026-12-08T03:00:00Z");
    private long elapsed;

    void advance(long millis) {
      elapsed += millis;
    }

    long elapsed() {
      return elapsed;
    }

    @Override
    public Instant instant() {
      return START.plusMillis(elapsed);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private String shown() {
    return shown.toString(StandardCharsets.UTF_8);
  }

  /** The service update calls the engine received, their paths without the API version prefix. */
  private List<String> updatePaths() {
    List<String> l = new ArrayList<>();
    for (FakeEngine.Request r : fake.received) if (r.method().equals("POST")) l.add(r.path().replaceFirst("^/v[0-9.]+", ""));
    return l;
  }

  private List<Object> updateBodies() {
    List<Object> l = new ArrayList<>();
    for (FakeEngine.Request r : fake.received) if (r.method().equals("POST")) l.add(Json.parse(r.body()));
    return l;
  }

  /** A spec as the engine sends it back (JSON numbers and maps), so it compares equal to what the fake receives. */
  private static Map<String, Object> spec(String image, Map<String, String> extraLabels) {
    Map<String, Object> labels = new LinkedHashMap<>(Map.of("com.dokku.process-type", "web"));
    labels.putAll(extraLabels);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("Name", NAME);
    spec.put("Labels", labels);
    spec.put("TaskTemplate", Map.of("ContainerSpec", Map.of("Image", image)));
    spec.put("Mode", Map.of("Replicated", Map.of("Replicas", 2)));
    return Json.parseObject(Json.write(spec));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withLabel(Map<String, Object> spec, String key, String value) {
    Map<String, String> labels = new LinkedHashMap<>();
    ((Map<String, Object>) spec.get("Labels")).forEach((k, v) -> labels.put(k, (String) v));
    labels.put(key, value);
    return spec(SwarmApi.str(spec, "TaskTemplate", "ContainerSpec", "Image"), labels);
  }

  private static String service(long version, Map<String, Object> spec, String state, String startedAt, String message) {
    return Json.write(Map.of("ID", "s1", "Version", Map.of("Index", version), "Spec", spec,
        "UpdateStatus", Map.of("State", state, "StartedAt", startedAt, "Message", message)));
  }

  private static Map<String, Object> node(String id, String host, String state) {
    return Map.of("ID", id, "Description", Map.of("Hostname", host), "Status", Map.of("State", state));
  }

  private static String task(String id, int slot, String node, String desired, String state, String err) {
    Map<String, Object> status = new LinkedHashMap<>(Map.of("State", state));
    if (!err.isEmpty()) status.put("Err", err);
    return Json.write(Map.of("ID", id, "Slot", slot, "NodeID", node, "DesiredState", desired, "Status", status));
  }

  private static String tasks(String... tasks) {
    return "[" + String.join(",", tasks) + "]";
  }
}
