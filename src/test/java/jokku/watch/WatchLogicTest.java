package jokku.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jokku.engine.EngineEvents.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The watcher's pure parts: routing events to apps, coalescing, backoff, the crash-loop guard, restart exhaustion. */
@Tag("unit")
class WatchLogicTest {
  private static Event container(String action, String id, Map<String, String> attrs) {
    return new Event("container", action, id, attrs, 1_700_000_000_123_456_789L);
  }

  private static final Map<String, String> DEPLOY = Map.of("com.dokku.app-name", "api", "com.dokku.container-type", "deploy", "com.jokku.test", "r1");

  @Test
  void deployContainerEventsRouteToTheirAppAndTeachItsId() {
    Map<String, String> known = new HashMap<>();
    assertEquals(Optional.of(new EventRoute.Route("api", "c1", false, true)), EventRoute.route(container("start", "c1", DEPLOY), known, Map.of()));
    assertEquals(Map.of("c1", "api"), known);
    assertEquals(Optional.of(new EventRoute.Route("api", "c1", true, false)), EventRoute.route(container("die", "c1", DEPLOY), known, Map.of()));
    assertTrue(EventRoute.route(container("health_status: unhealthy", "c1", DEPLOY), known, Map.of()).isPresent());
    Event connect = new Event("network", "connect", "n1", Map.of("container", "c1", "name", "db"), 1);
    assertEquals(Optional.of(new EventRoute.Route("api", "c1", false, false)), EventRoute.route(connect, known, Map.of()));
    EventRoute.route(container("destroy", "c1", DEPLOY), known, Map.of());
    assertEquals(Map.of(), known);
    assertEquals(Optional.empty(), EventRoute.route(connect, known, Map.of()), "a container jokku does not know");
  }

  @Test
  void aSwarmNodeThatCanTakeTasksAgainIsReported() {
    Map<String, String> known = new HashMap<>();
    Event back = new Event("node", "update", "nodeid1", Map.of("name", "n2", "state.old", "down", "state.new", "ready"), 1);
    assertEquals(Optional.of("nodeid1"), EventRoute.nodeBack(back));
    assertEquals(Optional.empty(), EventRoute.route(back, known, Map.of()), "no app of its own");
    assertEquals(Optional.of("nodeid1"), EventRoute.nodeBack(new Event("node", "update", "nodeid1", Map.of("availability.old", "drain", "availability.new", "active"), 1)));
    assertEquals(Optional.of("nodeid1"), EventRoute.nodeBack(new Event("node", "update", "nodeid1", Map.of("name", "n2"), 1)), "a restarted engine's new description");
    assertEquals(Optional.empty(), EventRoute.nodeBack(new Event("node", "update", "nodeid1", Map.of("state.old", "ready", "state.new", "down"), 1)));
    assertEquals(Optional.empty(), EventRoute.nodeBack(new Event("node", "update", "nodeid1", Map.of("availability.old", "active", "availability.new", "drain"), 1)));
    assertEquals(Optional.empty(), EventRoute.nodeBack(new Event("node", "update", "nodeid1", Map.of("role.old", "worker", "role.new", "manager"), 1)));
    assertEquals(Optional.empty(), EventRoute.nodeBack(new Event("node", "create", "nodeid1", Map.of("name", "n2"), 1)));
    assertEquals(Optional.empty(), EventRoute.nodeBack(container("update", "c1", DEPLOY)));
  }

  @Test
  void aSwarmEdgeEventRoutesToItsAppWithoutBeingKnown() {
    Map<String, String> known = new HashMap<>();
    Map<String, String> edge = Map.of("com.jokku.swarm-edge", "api", "com.jokku.test", "r1");
    assertEquals(Optional.of(new EventRoute.Route("api", "e1", false, false)), EventRoute.route(container("die", "e1", edge), known, Map.of("com.jokku.test", "r1")));
    assertEquals(Map.of(), known);
    assertEquals(Optional.empty(), EventRoute.route(container("die", "e1", edge), known, Map.of("com.jokku.test", "other")), "outside the scope");
  }

  @Test
  void otherContainersAndActionsAreIgnored() {
    Map<String, String> known = new HashMap<>();
    Map<String, String> run = Map.of("com.dokku.app-name", "api", "com.dokku.container-type", "run");
    assertEquals(Optional.empty(), EventRoute.route(container("start", "r", run), known, Map.of()));
    assertEquals(Optional.empty(), EventRoute.route(container("start", "x", Map.of("image", "nginx")), known, Map.of()));
    assertEquals(Optional.empty(), EventRoute.route(container("exec_start: sh", "c1", DEPLOY), known, Map.of()));
    assertEquals(Optional.empty(), EventRoute.route(container("start", "c1", DEPLOY), known, Map.of("com.jokku.test", "other")), "outside the scope");
    assertTrue(EventRoute.route(container("start", "c1", DEPLOY), known, Map.of("com.jokku.test", "r1")).isPresent());
    assertTrue(known.containsKey("c1"));
  }

  @Test
  void aBurstBecomesOneSyncPerApp() {
    Coalescer c = new Coalescer(50, 5);
    c.add("a", 1000);
    c.add("b", 1010);
    c.add("a", 1040);
    assertEquals(List.of(), c.takeDue(1049));
    assertEquals(1, c.waitMillis(1049, 60_000));
    assertEquals(List.of("a"), c.takeDue(1050));
    assertEquals(List.of("b"), c.takeDue(1060));
    assertEquals(60_000, c.waitMillis(1060, 60_000), "idle");
    c.add("a", 2000);
    c.defer("a", 3000);
    assertEquals(List.of(), c.takeDue(2999));
    assertEquals(List.of("a"), c.takeDue(3000));
  }

  @Test
  void aStartedContainerMakesItsAppDueAfterTheShortWindow() {
    Coalescer c = new Coalescer(50, 5);
    c.add("a", 1000); // a network connect before the start
    c.settled("a", 1010);
    assertEquals(5, c.waitMillis(1010, 60_000));
    c.add("a", 1012); // the same burst joins it
    assertEquals(List.of(), c.takeDue(1014));
    assertEquals(List.of("a"), c.takeDue(1015));
    c.add("b", 2000);
    c.settled("b", 2001);
    c.settled("b", 2004); // a later start does not put it off
    assertEquals(List.of("b"), c.takeDue(2006));
    c.defer("c", 3000);
    c.settled("c", 2500);
    assertEquals(List.of("c"), c.takeDue(2505), "a start ends the wait (the loop checks for a deploy again)");
  }

  @Test
  void backoffDoublesToItsCeilingAndResets() {
    Backoff b = new Backoff(250, 1000);
    assertEquals(List.of(250L, 500L, 1000L, 1000L), List.of(b.next(), b.next(), b.next(), b.next()));
    b.reset();
    assertEquals(250, b.next());
  }

  @Test
  void oneRebuildPerWindow() {
    CrashLoopGuard g = new CrashLoopGuard(600_000);
    assertTrue(g.allow("a", 0));
    assertFalse(g.allow("a", 599_999));
    assertTrue(g.allow("b", 10));
    assertTrue(g.allow("a", 600_000));
    assertEquals(600_000, g.lastRebuild("a"));
  }

  @Test
  void onlyAnOnFailurePolicyThatRanOutIsExhausted() {
    assertTrue(new RestartState("on-failure", 10, 10, false, false, 1).exhausted());
    assertFalse(new RestartState("on-failure", 10, 9, false, false, 1).exhausted(), "retries left");
    assertFalse(new RestartState("on-failure", 10, 10, false, true, 1).exhausted(), "still restarting");
    assertFalse(new RestartState("on-failure", 10, 10, false, false, 0).exhausted(), "a clean exit");
    assertFalse(new RestartState("on-failure", 0, 30, false, false, 1).exhausted(), "unlimited");
    assertFalse(new RestartState("no", 0, 0, false, false, 137).exhausted(), "stopped by jokku");
    assertFalse(new RestartState("always", 0, 50, false, false, 1).exhausted());
    assertEquals("on-failure:10", new RestartState("on-failure", 10, 10, false, false, 1).describe());
  }

  @Test
  void eventTimesBecomeSinceValues() {
    assertEquals("1700000000.123456789", container("start", "c", DEPLOY).since());
    assertEquals("12.000000005", jokku.engine.EngineEvents.sinceOf(12_000_000_005L));
  }
}
