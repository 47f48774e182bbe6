package jokku.scheduler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.Jokku;
import jokku.engine.EngineFixture;
import jokku.engine.SwarmApi;
import jokku.proxy.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real multi-host tests on the test bed (three engines in network namespaces, made a swarm by jokku's cluster
 * commands, the bed's registry): an app's tasks spread over the nodes behind this machine's nginx, rolling deploys
 * and a drained node under load with no failed request, a failing health check rolled back with the old version
 * serving, a client's run container reaching {@code api.web} tasks on several nodes over a shared overlay.
 */
@Tag("testbed")
class SwarmAppsTest {
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
  void clusterCommandsShowTheNodes() {
    String list = s.ok("scheduler-swarm:cluster-list").out();
    assertEquals(3, list.lines().filter(l -> l.contains(" ready ") && l.contains(" active ")).count(), list);
    assertEquals("true\n", s.ok("scheduler-swarm:report", "--scheduler-swarm-manager").out());
    assertEquals("3\n", s.ok("scheduler-swarm:report", "--scheduler-swarm-nodes").out());

    String hostname = list.lines().filter(l -> l.contains(" worker ")).map(l -> l.trim().split("\\s+")[1]).sorted().reduce((a, b) -> b).orElseThrow();
    Jokku.Result removed = s.ok("scheduler-swarm:cluster-remove", hostname);
    assertTrue(removed.out().contains("-----> Draining node " + hostname), removed.out());
    assertEquals(2, s.ok("scheduler-swarm:cluster-list").out().lines().filter(l -> l.contains(" ready ")).count());
    Jokku.Result missing = s.j.run("scheduler-swarm:cluster-remove", hostname);
    assertEquals(" !     Node " + hostname + " is not part of the swarm\n", missing.err());
    s.ok("scheduler-swarm:cluster-add", s.bed.sshUrl(Integer.parseInt(hostname.substring(hostname.lastIndexOf("-n") + 2))));
    assertEquals(3, s.ok("scheduler-swarm:cluster-list").out().lines().filter(l -> l.contains(" ready ")).count());
  }

  @Test
  @SuppressWarnings("unchecked")
  void bindAllInterfacesPublishesWebPortsInHostModeOnTheTasksNodes() {
    String app = s.app("bind");
    s.ok("network:set", app, "bind-all-interfaces", "true");
    assertEquals(0, s.deploy(app, "v1", Map.of()).code());
    Map<String, Object> task = EngineFixture.swarmTasks(s.api(), Map.of("service", List.of(app + "-web"), "desired-state", List.of("running"))).get(0);
    Object port = SwarmApi.at((Map<String, Object>) ((List<?>) SwarmApi.at(task, "Status", "PortStatus", "Ports")).get(0), "PublishedPort");
    String addr = s.api().nodeInfo(SwarmApi.str(task, "NodeID")).addr();
    Http.Response r = Http.get(addr, ((Number) port).intValue(), "x", "/");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().startsWith("v1 "), r.body());
  }

  @Test
  void destroyRemovesServicesEdgeAndTheAppNetwork() {
    String app = s.app("gone");
    assertEquals(0, s.deploy(app, "v1", Map.of()).code());
    assertEquals(200, s.get(app).status());
    s.ok("apps:destroy", "--force", app);
    assertEquals(List.of(), s.api().serviceList(Map.of("label", List.of("com.dokku.app-name=" + app))));
    assertEquals(List.of(), EngineFixture.containerDocuments(s.engine(), List.of("com.jokku.swarm-edge=" + app)));
    long deadline = System.currentTimeMillis() + 30_000; // the manager drops its local copy once the last task detached
    while (EngineFixture.networkExists(s.engine(), "jokku-app-" + app)) {
      assertTrue(System.currentTimeMillis() < deadline, "the app's overlay is gone");
      Edge.sleep(200);
    }
  }

  @Test
  void webTasksOnSeveralNodesStayServedThroughRollingDeploysAndADrain() throws Exception {
    String app = s.app("web");
    s.ok("ps:scale", "--skip-deploy", app, "web=3");
    Jokku.Result first = s.deploy(app, "v1", Map.of());
    assertEquals(0, first.code(), first.toString());
    assertTrue(first.out().endsWith("=====> Application deployed:\n       http://" + app + ".jokku.test:" + s.port + "\n"), first.out());
    assertTrue(s.nodesOf(app + "-web").size() >= 2, "tasks on several nodes: " + s.nodesOf(app + "-web"));
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < 40 && answered.size() < 2; i++) answered.add(s.get(app).body().strip());
    assertTrue(answered.size() >= 2, "nginx reaches tasks on several nodes: " + answered);
    String report = s.ok("ps:report", app).out();
    assertTrue(report.contains("Status web 3:") && report.lines().anyMatch(l -> l.matches(" +Running: +true")), report);

    String drained;
    try (Http.Poller poller = new Http.Poller(s.port, app + ".jokku.test", "v")) {
      s.ok("ps:restart", app);
      assertEquals(0, s.deploy(app, "v2", Map.of()).code());
      drained = s.nodesOf(app + "-web").stream().filter(n -> !n.equals(s.api().info().nodeId())).findFirst().orElseThrow();
      new Cluster(s.engine(), new jokku.store.Store(s.j.root, s.j.lib), new jokku.Out(System.out, System.err, true)).drain(drained);
      Thread.sleep(3000); // requests keep flowing after the drained node's tasks are gone
      poller.close();
      assertEquals(0, poller.failed.get(), "failed requests through nginx: " + poller.failures + "\nthe edge's log:\n" + edgeLog(app));
      assertTrue(poller.ok.get() > 20, "the poller got answers: " + poller.ok.get());
    }
    assertTrue(!s.nodesOf(app + "-web").contains(drained), "no task left on the drained node");
    assertTrue(s.get(app).body().startsWith("v2 "), "the new version serves");
  }

  private static String edgeLog(String app) {
    try {
      return s.engine().containers().logs(Edge.name(app));
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  @Test
  void failingHealthCheckRollsBackAndTheOldVersionKeepsServing() throws Exception {
    String app = s.app("rollback");
    s.ok("ps:scale", "--skip-deploy", app, "web=2");
    String good = "{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"path\":\"/\",\"content\":\"v1\",\"attempts\":3,\"timeout\":2}]}}";
    assertEquals(0, s.deploy(app, "v1", Map.of("app.json", good)).code());
    String bad = "{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"path\":\"/missing\",\"attempts\":2,\"timeout\":2}]}}";
    try (Http.Poller poller = new Http.Poller(s.port, app + ".jokku.test", "v1 ")) {
      Jokku.Result r = s.deploy(app, "v2", Map.of("app.json", bad));
      poller.close();
      assertEquals(1, r.code(), r.toString());
      assertTrue(r.err().startsWith(" !     Deploy of " + app + "-web failed, the previous version keeps serving: "), r.err());
      assertEquals(0, poller.failed.get(), "every answer came from v1: " + poller.failures + "\nthe edge's log:\n" + edgeLog(app));
    }
    assertTrue(s.get(app).body().startsWith("v1 "));
  }

  @Test
  void clientRunContainerResolvesApiWebOnTasksOfSeveralNodes() {
    String shared = s.j.name("shared");
    s.ok("network:create", "--driver", "overlay", shared);
    String info = s.ok("network:info", shared).out();
    assertTrue(info.contains("       Scope:          swarm\n") && info.contains("       Attachable:     true\n"), info);
    String api = s.app("api");
    String local = s.j.name("local");
    s.ok("network:create", local);
    Jokku.Result refused = s.j.run("network:set", api, "attach-post-deploy", local);
    assertEquals(1, refused.code());
    assertEquals(" !     Network " + local + " is local-scoped (driver bridge): a swarm app needs an attachable overlay (network:create --driver overlay " + local + ")\n", refused.err());
    assertEquals("", s.ok("network:report", api, "--network-attach-post-deploy").out().strip(), "nothing changed");
    s.ok("network:set", api, "attach-post-deploy", shared);
    s.ok("ps:scale", "--skip-deploy", api, "web=3");
    assertEquals(0, s.deploy(api, "v1", Map.of()).code());
    Map<String, Object> spec = EngineFixture.swarmService(s.api(), api + "-web").orElseThrow();
    assertEquals(List.of(Map.of("Target", "jokku-app-" + api, "Aliases", List.of(api + ".web")), Map.of("Target", shared, "Aliases", List.of(api + ".web"))),
        networks(spec), "the initial network and the post-deploy network, each with the APP.PROC alias");

    String spans = s.ok("network:info", shared).out();
    assertTrue(spans.lines().anyMatch(l -> l.startsWith("       Nodes:") && l.split("\\(").length >= 3), "the overlay spans several nodes: " + spans);

    String client = s.app("client");
    s.ok("network:set", client, "attach-post-create", shared);
    s.ok("ps:scale", "--skip-deploy", client, "web=0");
    assertEquals(0, s.deploy(client, "c1", Map.of()).code());
    Jokku.Result run = s.ok("run", "--no-tty", client, "sh", "-c", "for i in $(seq 1 30); do wget -q -O - http://" + api + ".web:5000/; done");
    Map<String, String> hostToNode = s.hostnames(api + "-web");
    Set<String> nodes = new HashSet<>();
    for (String line : run.out().lines().toList()) if (line.startsWith("v1 ")) nodes.add(hostToNode.get(line.substring(3).strip()));
    assertTrue(nodes.size() >= 2, "answers from tasks on several nodes: " + run.out() + " " + hostToNode);
    Jokku.Result own = s.ok("run", "--no-tty", api, "wget", "-q", "-O", "-", "http://" + api + ".web:5000/");
    assertTrue(own.out().startsWith("v1 "), "a run container of an app with no initial network joins the app's own overlay, beside its tasks: " + own);

    s.ok("network:set", api, "tld", "svc");
    assertEquals(0, s.j.run("network:rebuild", api).code());
    assertEquals(List.of(Map.of("Target", "jokku-app-" + api, "Aliases", List.of(api + ".web.svc")), Map.of("Target", shared, "Aliases", List.of(api + ".web.svc"))),
        networks(EngineFixture.swarmService(s.api(), api + "-web").orElseThrow()), "network:rebuild rolled the service to the new alias");
    Jokku.Result tld = s.ok("run", "--no-tty", client, "wget", "-q", "-O", "-", "http://" + api + ".web.svc:5000/");
    assertTrue(tld.out().startsWith("v1 "), tld.toString());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> networks(Map<String, Object> service) {
    List<Map<String, Object>> l = new java.util.ArrayList<>();
    for (Object o : (List<Object>) SwarmApi.at(service, "Spec", "TaskTemplate", "Networks")) {
      Map<String, Object> m = (Map<String, Object>) o;
      String target = String.valueOf(EngineFixture.networkDocument(s.engine(), String.valueOf(m.get("Target"))).get("Name"));
      l.add(Map.of("Target", target, "Aliases", m.get("Aliases")));
    }
    return l;
  }
}
