package jokku.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jokku.Jokku;
import jokku.deploy.DeployFixture;
import jokku.engine.EngineFixture;
import jokku.engine.Json;
import jokku.network.NetworkProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The network properties at their moments of a deploy, observed on the real engine (state and events). */
@Tag("engine")
class NetworkPhasesTest {
  final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  private String network(String prefix) {
    String n = f.j.name(prefix);
    f.ok("network:create", n);
    return n;
  }

  private void set(String app, NetworkProperty p, String value) {
    if (value.isEmpty()) f.ok("network:set", app, p.key);
    else f.ok("network:set", app, p.key, value);
  }

  private String web1(String app) {
    return f.store.readAppFile(app, "CONTAINER.web.1").trim();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> networks(Map<String, Object> inspect) {
    return (Map<String, Object>) DeployFixture.map(inspect, "NetworkSettings").get("Networks");
  }

  @SuppressWarnings("unchecked")
  private static List<String> aliases(Map<String, Object> inspect, String network) {
    Object a = ((Map<String, Object>) networks(inspect).get(network)).get("Aliases");
    return a == null ? List.of() : (List<String>) a;
  }

  /** Engine events since {@code since} (unix seconds): type, action, actor id, attributes, timeNano. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> events(long since) {
    long until = System.currentTimeMillis() / 1000 + 1;
    String body = EngineFixture.events(f.engine, since, until, List.of("network", "container"));
    List<Map<String, Object>> l = new ArrayList<>();
    for (String line : body.split("\n")) if (!line.isBlank()) l.add((Map<String, Object>) Json.parse(line.trim()));
    return l;
  }

  @SuppressWarnings("unchecked")
  private static long time(List<Map<String, Object>> events, String type, String action, String container, String network) {
    for (Map<String, Object> e : events) {
      Map<String, Object> actor = (Map<String, Object>) e.get("Actor");
      Map<String, Object> attrs = (Map<String, Object>) actor.get("Attributes");
      if (!type.equals(e.get("Type")) || !action.equals(e.get("Action"))) continue;
      boolean match = type.equals("container") ? container.equals(actor.get("ID"))
          : container.equals(attrs.get("container")) && network.equals(attrs.get("name"));
      if (match) return ((Number) e.get("timeNano")).longValue();
    }
    throw new AssertionError("no " + type + " " + action + " event for " + container + " " + network + " in " + events);
  }

  @Test
  void initialAndEveryPostCreateNetwork_joinedWithAliasesBeforeStart() throws IOException {
    String app = f.app("phases");
    String initial = network("init");
    String pc1 = network("pc1");
    String pc2 = network("pc2");
    set(app, NetworkProperty.INITIAL_NETWORK, initial);
    set(app, NetworkProperty.ATTACH_POST_CREATE, pc1 + "," + pc2);
    set(app, NetworkProperty.TLD, "svc.test");
    long since = System.currentTimeMillis() / 1000 - 1;
    f.ok("git:from-image", app, f.webImage("v1"));
    String id = web1(app);
    Map<String, Object> c = f.inspect(id);
    assertEquals(initial, DeployFixture.map(c, "HostConfig").get("NetworkMode"));
    assertEquals(new TreeSet<>(List.of(initial, pc1, pc2)), new TreeSet<>(networks(c).keySet()));
    String hostname = (String) DeployFixture.map(c, "Config").get("Hostname");
    assertEquals(id.substring(0, 12), hostname);
    for (String n : List.of(initial, pc1, pc2)) {
      List<String> a = aliases(c, n);
      assertTrue(a.contains(app + ".web.svc.test") && a.contains(hostname + "." + app + ".web.svc.test"), n + ": " + a);
    }
    @SuppressWarnings("unchecked")
    String initialIp = (String) ((Map<String, Object>) networks(c).get(initial)).get("IPAddress");
    assertEquals(initialIp, f.store.readAppFile(app, "IP.web.1"), "the listener is the IP on the initial network");
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));

    List<Map<String, Object>> ev = events(since);
    long start = time(ev, "container", "start", id, "");
    for (String n : List.of(initial, pc1, pc2)) assertTrue(time(ev, "network", "connect", id, n) < start, n + " connected while created-not-running");
  }

  @Test
  void postDeploy_connectsRunningContainersAfterTheChecks_andScaleSkipsAttachedOnes() throws IOException {
    String app = f.app("postdeploy");
    String pd = network("pd");
    set(app, NetworkProperty.ATTACH_POST_DEPLOY, pd);
    long since = System.currentTimeMillis() / 1000 - 1;
    Jokku.Result r = f.ok("git:from-image", app, f.webImage("v1"));
    assertTrue(r.out().contains("-----> Associating app with network " + pd + "\n"), r.out());
    assertTrue(r.out().indexOf("Associating app") < r.out().indexOf("Renaming containers"), r.out());
    String id = web1(app);
    Map<String, Object> c = f.inspect(id);
    assertTrue(networks(c).containsKey("bridge") && networks(c).containsKey(pd));
    assertTrue(aliases(c, pd).contains(app + ".web"), aliases(c, pd).toString());
    assertEquals(DeployFixture.map(c, "NetworkSettings", "Networks", "bridge").get("IPAddress"), f.store.readAppFile(app, "IP.web.1"));
    List<Map<String, Object>> ev = events(since);
    assertTrue(time(ev, "network", "connect", id, pd) > time(ev, "container", "start", id, ""), "connected once running");

    Jokku.Result scaled = f.ok("ps:scale", app, "web=2");
    assertFalse(scaled.err().contains("already exists"), scaled.err());
    assertTrue(networks(f.inspect(f.store.readAppFile(app, "CONTAINER.web.2").trim())).containsKey(pd));
  }

  @Test
  void missingPostCreateOrPostDeployNetwork_failsAndTheOldVersionKeepsServing() throws IOException {
    String app = f.app("missing");
    f.ok("git:from-image", app, f.webImage("v1"));
    Map<String, String> before = f.state(app);
    String id = web1(app);
    String absent = f.j.name("absent");
    for (NetworkProperty p : List.of(NetworkProperty.ATTACH_POST_CREATE, NetworkProperty.ATTACH_POST_DEPLOY)) {
      set(app, p, absent);
      Jokku.Result r = f.j.run("ps:restart", app);
      assertEquals(1, r.code(), r.toString());
      assertTrue(r.err().contains(" !     Network " + absent + " does not exist"), r.err());
      assertEquals(before, f.state(app));
      assertEquals(List.of(app + ".web.1"), f.containers(app).stream().map(x -> x.name()).toList(), "no new container survives");
      assertEquals(id, web1(app));
      assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
      set(app, p, "");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void bindAllInterfaces_publishesEveryMappedPortOrNothing() {
    String app = f.app("bind");
    // host ports nobody else holds: the proxy listens on the http map's host port
    f.store.setProperty("ports", app, "map", "http:" + jokku.proxy.Http.freePort() + ":5000\nudp:" + jokku.proxy.Http.freePort() + ":5353");
    set(app, NetworkProperty.BIND_ALL_INTERFACES, "true");
    f.ok("git:from-image", app, f.webImage("v1"));
    Map<String, Object> ports = DeployFixture.map(f.inspect(web1(app)), "NetworkSettings", "Ports");
    for (String p : List.of("5000/tcp", "5353/udp")) {
      List<Map<String, Object>> b = (List<Map<String, Object>>) ports.get(p);
      assertNotNull(b, p + " published: " + ports);
      assertFalse(String.valueOf(b.get(0).get("HostPort")).isEmpty());
    }
    assertFalse(ports.containsKey("5353/tcp"), "udp stays udp: " + ports);
    set(app, NetworkProperty.BIND_ALL_INTERFACES, "false");
    f.ok("ps:restart", app);
    Map<String, Object> after = DeployFixture.map(f.inspect(web1(app)), "HostConfig");
    assertTrue(after.get("PortBindings") == null || ((Map<String, Object>) after.get("PortBindings")).isEmpty(), after.toString());
  }

  @Test
  void staticWebListener_isTheWebIp() {
    String app = f.app("static");
    set(app, NetworkProperty.STATIC_WEB_LISTENER, "127.0.0.1:8099");
    f.ok("git:from-image", app, f.webImage("v1"));
    assertEquals("127.0.0.1", f.store.readAppFile(app, "IP.web.1"));
  }

  @Test
  void aliases_reachTheAppFromAnotherAppsContainers() {
    String shared = network("shared");
    String api = f.app("api");
    set(api, NetworkProperty.ATTACH_POST_DEPLOY, shared);
    f.ok("git:from-image", api, f.webImage("v1"));
    f.ok("ps:scale", api, "web=2");
    String client = f.app("client");
    set(client, NetworkProperty.ATTACH_POST_CREATE, shared);
    f.ok("ps:scale", "--skip-deploy", client, "web=0");
    f.ok("git:from-image", client, f.webImage("c1"));

    Jokku.Result one = f.ok("run", client, "wget", "-qO-", "http://" + api + ".web:5000/");
    assertTrue(one.out().startsWith("v1 "), one.out());
    String hostname = web1(api).substring(0, 12);
    Jokku.Result byHost = f.ok("run", client, "wget", "-qO-", "http://" + hostname + "." + api + ".web:5000/");
    assertEquals("v1 " + hostname, byHost.out().trim());
    Jokku.Result many = f.ok("run", client, "sh", "-c",
        "for i in $(seq 1 40); do wget -qO- http://" + api + ".web:5000/; done");
    Set<String> answers = new TreeSet<>(List.of(many.out().trim().split("\n")));
    assertEquals(2, answers.size(), "both web containers answer behind the alias: " + answers);

    set(api, NetworkProperty.TLD, "svc.test");
    f.ok("ps:restart", api);
    Jokku.Result tld = f.ok("run", client, "wget", "-qO-", "http://" + api + ".web.svc.test:5000/");
    assertTrue(tld.out().startsWith("v1 "), tld.out());
  }

  @Test
  void hostNetworkFromDockerOptions_listensOnLoopback() throws IOException {
    String app = f.app("hostnet");
    int port = jokku.proxy.Http.freePort(); // the container shares the host's network: its port must be free here
    f.store.setProperty("ports", app, "map", "http:" + jokku.proxy.Http.freePort() + ":" + port);
    f.ok("docker-options:add", app, "deploy", "--network=host");
    // on the host's network httpd binds the host itself: loopback only, never every interface
    String procfile = "web: sh -c 'mkdir -p /www && echo \"v1 $(hostname)\" > /www/index.html && exec httpd -f -p 127.0.0.1:$PORT -h /www'\n";
    f.ok("git:from-image", app, f.webImage("v1", Map.of("Procfile", procfile), ""));
    assertEquals("127.0.0.1", f.store.readAppFile(app, "IP.web.1"));
    assertEquals(String.valueOf(port), f.store.readAppFile(app, "PORT.web.1"));
    assertTrue(f.http("127.0.0.1:" + port).startsWith("v1"));
  }
}
