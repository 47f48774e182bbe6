package jokku.scheduler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jokku.Jokku;
import jokku.Testbed;
import jokku.WatchProcess;
import jokku.engine.SwarmNode;
import jokku.engine.SwarmTask;
import jokku.proxy.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Swarm faults on the test bed (one bed for the class, as {@link SwarmAppsTest}): a worker's engine killed in the
 * middle of a rolling deploy (the deploy completes on the other nodes with no failed request through nginx; the
 * worker's engine back, it rejoins and {@code network:watch} spreads the tasks onto it again, still with no failed
 * request; the manager's engine crashed and back, the watcher restarts the app's edge); a deploy swarm cannot place explained
 * (task, nodes, swarm's reason) long before the convergence timeout; https through the host nginx for a swarm app;
 * an overlay destroyed right after the app using it.
 */
@Tag("testbed")
class SwarmFaultsTest {
  private static SwarmBed s;

  @BeforeAll
  static void up() {
    s = new SwarmBed();
  }

  @AfterAll
  static void down() {
    if (s != null) s.close();
  }

  @Test
  void workerLostMidDeployDoesNotFailItAndRejoinsWhenItsEngineIsBack() throws Exception {
    String app = s.app("lost");
    s.ok("ps:scale", "--skip-deploy", app, "web=3");
    assertEquals(0, s.deploy(app, "v1", Map.of()).code());
    String service = app + "-web";
    String manager = s.api().info().nodeId();
    Set<String> before = new HashSet<>();
    for (SwarmTask t : s.api().taskList(Map.of("service", List.of(service)))) before.add(t.id());

    // kill the engine of the first worker swarm gives a task of the new version (the manager runs jokku itself)
    AtomicInteger killed = new AtomicInteger();
    Thread killer = new Thread(() -> {
      long deadline = System.currentTimeMillis() + 120_000;
      while (killed.get() == 0 && System.currentTimeMillis() < deadline) {
        for (SwarmTask t : s.api().taskList(Map.of("service", List.of(service)))) {
          String node = t.nodeId();
          if (before.contains(t.id()) || node.isEmpty() || node.equals(manager)) continue;
          int n = nodeNumber(node);
          Jokku.Result r = Testbed.script(s.bed.name, 180, "stop-engine", Integer.toString(n), "--kill");
          killed.set(r.code() == 0 ? n : -1);
          return;
        }
        Edge.sleep(100);
      }
    }, "killer");
    Jokku.Result deploy;
    try (Http.Poller poller = new Http.Poller(s.port, app + ".jokku.test", "v")) {
      killer.start();
      deploy = s.deploy(app, "v2", Map.of());
      killer.join(TimeUnit.SECONDS.toMillis(150));
      System.out.println("deploy with node " + killed.get() + " killed:\n" + deploy);
      poller.close();
      assertTrue(killed.get() > 1, "a worker's engine was killed during the deploy: " + killed.get() + "\n" + deploy);
      assertEquals(0, deploy.code(), deploy.toString());
      assertEquals(0, poller.failed.get(), "failed requests through nginx: " + poller.failures);
      assertTrue(poller.ok.get() > 20, "the poller got answers: " + poller.ok.get());
    }
    String lostNode = s.bed.netns(killed.get());
    Map<String, String> running = runningTasks(service);
    assertEquals(3, running.size(), "three tasks run: " + running + "\n" + deploy);
    assertFalse(running.containsValue(lostNode), "none on the lost node: " + running);
    for (int i = 0; i < 10; i++) assertTrue(s.get(app).body().startsWith("v2 "), "the new version serves");

    // the resident watcher, not a jokku command, gives the worker tasks again once its engine is back
    WatchProcess watch = new WatchProcess(s.j.env);
    try {
      assertTrue(watch.printed("following the engine's events", 180), watch.toString());
      try (Http.Poller poller = new Http.Poller(s.port, app + ".jokku.test", "v2 ")) {
        s.bed.startEngine(killed.get());
        assertTrue(watch.printed(app + ": tasks spread onto swarm node " + lostNode + " again", 240), watch.toString());
        poller.close();
        assertEquals(0, poller.failed.get(), "failed requests through nginx: " + poller.failures + "\n" + watch);
      }
      assertTrue(runningTasks(service).containsValue(lostNode), "the rejoined worker runs tasks again: " + runningTasks(service));
      assertEquals(3, runningTasks(service).size(), "three tasks run: " + runningTasks(service));
      // task containers started and stopped on the manager meanwhile: none of their events updated a service
      assertFalse(watch.out().contains(app + ": reconciled network state") || watch.out().contains(app + ": synced network state"),
          "the watcher's syncs touched nothing of the app: " + watch);

      // the manager's engine crashes: the engine does not restart the edge (on an attachable overlay), the watcher does
      s.bed.crashAndRestartEngine(1);
      // (the old edge's nginx may serve a few seconds more: the restarted daemon stops it only after a 10 s grace)
      assertTrue(watch.printed(app + ": restarted the swarm edge " + app + ".edge", 240), watch.toString());
      assertFalse(watch.out().contains(app + ": reconciled network state"), "the journal says what the watcher did: " + watch);
      assertTrue(WatchProcess.eventually(60, () -> s.get(app).body().startsWith("v2 ")), "the app serves again: " + watch);
      assertTrue(WatchProcess.eventually(120, () -> s.ok("scheduler-swarm:cluster-list").out().lines().filter(l -> l.contains(" ready ")).count() == 3),
          "every node is ready again: " + s.j.run("scheduler-swarm:cluster-list"));
      System.out.println(watch);
    } finally {
      watch.kill9();
    }
  }

  @Test
  void aDeploySwarmCannotPlaceSaysWhichTaskAndWhyAndTheOldVersionKeepsServing() {
    String app = s.app("stuck");
    assertEquals(0, s.deploy(app, "v1", Map.of()).code());
    String fresh = s.app("never");
    List<String> nodes = new ArrayList<>();
    for (SwarmNode n : s.api().nodeList()) nodes.add(n.id());
    try {
      for (String n : nodes) availability(n, "pause"); // no node takes new tasks; running ones stay
      Jokku.Result update = s.deploy(app, "v2", Map.of());
      assertEquals(1, update.code(), update.toString());
      assertTrue(update.err().startsWith(" !     Deploy of " + app + "-web cannot converge: swarm finds no node for " + app + "-web.1: pending (no suitable node ("), update.err());
      assertTrue(update.err().contains("3 nodes not available for new tasks") && update.err().endsWith("; rolled back to the previous version\n"), update.err());
      assertTrue(s.get(app).body().startsWith("v1 "), "the old version keeps serving");

      Jokku.Result first = s.deploy(fresh, "v1", Map.of());
      assertEquals(1, first.code(), first.toString());
      assertTrue(first.err().startsWith(" !     Deploy of " + fresh + "-web cannot converge: swarm finds no node for " + fresh + "-web.1: pending (no suitable node ("), first.err());
      assertEquals(List.of(), s.api().serviceList(Map.of("label", List.of("com.dokku.app-name=" + fresh))), "the new service was removed");
    } finally {
      for (String n : nodes) availability(n, "active");
    }
  }

  @Test
  void httpsForASwarmAppAndItsOverlayDestroyedRightAfterTheApp() throws Exception {
    String shared = s.j.name("tls-net");
    s.ok("network:create", "--driver", "overlay", shared);
    String app = s.app("tls");
    s.ok("network:set", app, "attach-post-deploy", shared);
    s.ok("ps:scale", "--skip-deploy", app, "web=2");
    int https = Http.freePort();
    s.ok("ports:add", app, "https:" + https + ":5000");
    assertEquals(0, s.deploy(app, "v1", Map.of()).code());
    String domain = app + ".jokku.test";
    Jokku.Result gen = s.ok("certs:generate", app, domain);
    assertTrue(gen.out().contains("-----> Creating https nginx.conf\n"), gen.out());

    String res = curl(domain, https, s.j.root.resolve(app + "/tls/server.crt").toString());
    assertTrue(res.startsWith("exit 0\nHTTP/2 200") || res.startsWith("exit 0\nHTTP/1.1 200"), res);
    assertTrue(res.toLowerCase().contains("\nstrict-transport-security: max-age=15724800; includesubdomains\n"), res);
    assertTrue(res.contains("\n\nv1 "), "a task answers through the edge: " + res);
    String redirect = Http.exchange(s.port, "GET /a?b=1 HTTP/1.1\r\nHost: " + domain + "\r\nConnection: close\r\n\r\n");
    assertTrue(redirect.startsWith("HTTP/1.1 301") && redirect.contains("\r\nLocation: https://" + domain + ":" + https + "/a?b=1\r\n"), redirect);

    s.ok("apps:destroy", "--force", app);
    Jokku.Result destroyed = s.j.run("network:destroy", "--force", shared);
    assertEquals(0, destroyed.code(), destroyed.toString());
    long deadline = System.currentTimeMillis() + 30_000; // the manager drops its local copy once the last task detached
    while (jokku.engine.EngineFixture.networkExists(s.engine(), shared)) {
      assertTrue(System.currentTimeMillis() < deadline, "the overlay is gone");
      Edge.sleep(200);
    }
  }

  private static void availability(String node, String availability) {
    s.api().setNodeAvailability(node, availability);
  }

  /** The bed's node number of a swarm node (its hostname is {@code <bed>-n<N>}). */
  private static int nodeNumber(String nodeId) {
    String host = s.api().nodeInfo(nodeId).hostname();
    return Integer.parseInt(host.substring(host.lastIndexOf("-n") + 2));
  }

  /** Task id → node hostname of the service's tasks running on ready nodes. */
  private static Map<String, String> runningTasks(String service) {
    TaskPicture p = TaskPicture.of(service, s.api().taskList(Map.of("service", List.of(service))), s.api().nodeList());
    Map<String, String> m = new LinkedHashMap<>();
    for (TaskPicture.Task t : p.tasks) if (t.running()) m.put(t.id(), t.node());
    return m;
  }

  private static String curl(String domain, int port, String ca) throws Exception {
    Process p = new ProcessBuilder("curl", "-sS", "-i", "--max-time", "10", "--cacert", ca, "--resolve", domain + ":" + port + ":127.0.0.1",
        "https://" + domain + ":" + port + "/").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return "exit " + p.exitValue() + "\n" + out.replace("\r\n", "\n");
  }
}
