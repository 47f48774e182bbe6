package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.engine.Engine;
import jokku.engine.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code network:check} on containers laid out as a deploy leaves them, with drift made by hand: it names every
 * difference, its exit code counts the containers out of line, it changes nothing, and after {@code network:rebuild}
 * it finds nothing left.
 */
@Tag("engine")
class NetworkCheckTest {
  final Jokku j = new Jokku();
  final Engine engine = TestEngine.engine();
  final FakeDeploy d = new FakeDeploy(j, engine);

  @BeforeEach
  void proxyOnLoopback() {
    d.proxyOnLoopback();
  }

  @AfterEach
  void cleanup() {
    d.cleanup();
  }

  @Test
  void check_namesDriftMadeByHandAndChangesNothing() {
    String app = d.app("api");
    String initial = d.network("init"), pd = d.network("pd"), doomed = d.network("doomed");
    d.set(app, NetworkProperty.INITIAL_NETWORK, initial);
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, pd + "," + doomed);
    String web1 = d.deploy(app, "web", 1);
    String web2 = d.deploy(app, "web", 2);
    String worker = d.deploy(app, "worker", 1);
    assertEquals(0, j.run("network:check", app).code(), "in line right after the deploy");

    engine.disconnect(pd, web1, false); // disconnected by hand
    d.write(app, "IP.worker.1", "10.9.9.9"); // a stale IP file
    for (String id : List.of(web1, web2, worker)) engine.disconnect(doomed, id, false);
    engine.removeNetwork(doomed); // a configured network destroyed
    assertEquals(0, j.run("network:set", app, "tld", "svc.local").code()); // the tld changed since the deploy
    Map<String, String> before = EngineFiles.of(j, engine);

    Jokku.Result r = j.run("network:check", app);
    assertEquals(3, r.code(), r.toString());
    String want1 = app + ".web.svc.local," + web1.substring(0, 12) + "." + app + ".web.svc.local";
    assertTrue(r.out().contains(app + " web.1 network-missing " + pd + ": not joined; rebuild connects it (have nothing, want " + want1 + ")\n"), r.out());
    for (String dyno : List.of("web.1", "web.2", "worker.1")) {
      assertTrue(r.out().contains(app + " " + dyno + " network-gone " + doomed + ": configured but does not exist\n"), r.out());
      assertTrue(r.out().contains(app + " " + dyno + " aliases-wrong " + initial + ": aliases differ; rebuild reconnects it (have " + app + "."), r.out());
    }
    assertTrue(r.out().contains(app + " web.2 aliases-wrong " + pd + ": "), r.out());
    String workerIp = d.inspect(worker).networks().get(initial).ip();
    assertTrue(r.out().contains(app + " worker.1 ip-stale IP.worker.1: differs from the engine; rebuild rewrites it (have 10.9.9.9, want " + workerIp + ")\n"), r.out());
    assertTrue(r.out().endsWith("-----> 3 out of line (3 running container(s) of 1 app(s) checked); "
        + "network:rebuild fixes all but network-gone, inspect-failed and alias-visible on networks no longer configured\n"), r.out());
    assertEquals("", r.err());
    assertEquals(before, EngineFiles.of(j, engine), "network:check changed nothing");

    assertEquals(3, j.run("network:rebuild", app).code(), "rebuild fixes the rest; the destroyed network stays missing");
    Jokku.Result after = j.run("network:check", app);
    assertEquals(3, after.code(), after.toString());
    assertEquals(3, after.out().lines().filter(l -> l.contains(" network-gone " + doomed + ":")).count(), after.out());
    assertEquals(3 + 1, after.out().lines().count(), "only the destroyed network is left:\n" + after.out());
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, pd);
    Jokku.Result clean = j.run("network:check", app);
    assertEquals(0, clean.code(), clean.toString());
    assertEquals("-----> In line: 3 running container(s) of 1 app(s) match their network configuration\n", clean.out());
  }

  @Test
  void afterARebuild_readingNeedsOnlyTheListRequest_butAnEndpointRemadeByHandIsInspected() {
    String app = d.app("api");
    String pd = d.network("pd");
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, pd);
    String web1 = d.deploy(app, "web", 1);
    d.deploy(app, "web", 2);
    Jokku.Result first = j.run("--trace", "network:check", app);
    assertEquals(0, first.code(), first.toString());
    assertEquals(2, inspects(first.err()), "never rebuilt: both containers on a user network are inspected\n" + first.err());
    assertEquals(0, j.run("network:rebuild", app).code());

    Jokku.Result warm = j.run("--trace", "network:check", app);
    assertEquals(0, warm.code(), warm.toString());
    assertEquals(1, warm.err().lines().filter(l -> l.matches(" \\?     engine: GET /v[0-9.]+/containers/json\\?.*")).count(), warm.err());
    assertEquals(0, inspects(warm.err()), "hostnames and aliases known by endpoint id\n" + warm.err());

    engine.disconnect(pd, web1, false); // the same network joined again by hand, with other aliases:
    engine.connect(pd, web1, List.of("intruder")); // only the endpoint id tells
    Jokku.Result r = j.run("--trace", "network:check", app);
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().contains(app + " web.1 aliases-wrong " + pd + ": aliases differ; rebuild reconnects it (have intruder, want " + app + ".web,"), r.out());
    assertEquals(1, inspects(r.err()), r.err());
    assertEquals(0, j.run("network:rebuild", app).code());
    assertEquals(0, j.run("network:check", app).code());
  }

  private static long inspects(String trace) {
    return trace.lines().filter(l -> l.matches(" \\?     engine: GET /v[0-9.]+/containers/[0-9a-f]{64}/json .*")).count();
  }

  @Test
  void check_seesNginxUpstreamsThatDifferFromTheListeners() {
    String app = d.app("api");
    String id = d.deploy(app, "web", 1);
    d.write(app, "IP.web.1", "10.9.9.9");
    Jokku.Result built = j.run("proxy:build-config", app);
    assertEquals(0, built.code(), built.toString());
    String ip = d.inspect(id).networks().get("bridge").ip();

    Jokku.Result r = j.run("network:check", app);
    assertEquals(2, r.code(), "the container and the app's nginx:\n" + r);
    assertTrue(r.out().contains(app + " web.1 ip-stale IP.web.1: differs from the engine; rebuild rewrites it (have 10.9.9.9, want " + ip + ")\n"), r.out());
    assertTrue(r.out().contains(app + " - nginx-upstream " + app + "-5000: nginx.conf differs from the web listeners; rebuild rebuilds it (have 10.9.9.9:5000, want " + ip + ":5000)\n"), r.out());

    Jokku.Result rebuilt = j.run("network:rebuild", app);
    assertEquals(0, rebuilt.code(), rebuilt.toString());
    assertTrue(d.file(app, "nginx.conf").contains("server " + ip + ":5000;"), d.file(app, "nginx.conf"));
    assertEquals(0, j.run("network:check", app).code());
  }

  @Test
  void checkAll_countsContainersAcrossAppsAndSpeaksJson() {
    String a = d.app("a"), b = d.app("b"), fresh = d.app("fresh");
    String net = d.network("shared");
    d.set(a, NetworkProperty.ATTACH_POST_CREATE, net);
    d.set(b, NetworkProperty.ATTACH_POST_CREATE, net);
    String a1 = d.deploy(a, "web", 1);
    String a2 = d.deploy(a, "web", 2);
    d.deploy(b, "worker", 1);
    engine.disconnect(net, a1, false);
    engine.disconnect(net, a2, false);
    d.write(a, "IP.web.7", "10.1.2.3"); // no CONTAINER.web.7 behind it

    Jokku.Result r = j.run("network:check", "--all", "--format", "json");
    assertEquals(3, r.code(), r.toString());
    Map<String, Object> m = Json.parseObject(r.out());
    assertEquals(List.of(a, b), m.get("apps"), "the app never deployed has nothing to check");
    assertEquals(3L, ((Number) m.get("containers_checked")).longValue());
    assertEquals(3L, ((Number) m.get("out_of_line")).longValue());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> findings = (List<Map<String, Object>>) m.get("findings");
    assertEquals(3, findings.size(), findings.toString());
    assertEquals(Map.of("app", a, "dyno", "web.1", "container", a1.substring(0, 12), "kind", "network-missing", "subject", net,
        "have", "", "want", a + ".web," + a1.substring(0, 12) + "." + a + ".web", "meaning", "not joined; rebuild connects it"), findings.get(0));
    assertEquals("network-missing", findings.get(1).get("kind"));
    assertEquals(Map.of("app", a, "dyno", "web.7", "container", "", "kind", "file-orphaned", "subject", "IP.web.7", "have", "10.1.2.3", "want", "",
        "meaning", "no running container behind it; rebuild removes it"), findings.get(2));
    assertFalse(r.out().contains(fresh));
  }

  @Test
  void check_badInputAndAppsNeverDeployed() {
    Jokku.Result ghost = j.run("network:check", j.name("ghost"));
    assertEquals(20, ghost.code());
    assertEquals(" !     App " + j.name("ghost") + " does not exist\n", ghost.err());
    String app = d.app("fresh");
    Jokku.Result fresh = j.run("network:check", app);
    assertEquals(0, fresh.code(), fresh.toString());
    assertEquals("-----> Nothing to check: " + app + " has not been deployed\n", fresh.out());
    Jokku.Result none = j.run("network:check");
    assertEquals(1, none.code());
    assertEquals(" !     Please specify an app or --all (usage: network:check [<app>|--all] [--format stdout|json] [--probe])\n", none.err());
    Jokku.Result format = j.run("network:check", app, "--format", "yaml");
    assertEquals(1, format.code());
    assertEquals(" !     Invalid --format value specified: yaml (stdout or json)\n", format.err());
    Jokku.Result json = j.run("network:check", "--all", "--format=json");
    assertEquals(0, json.code(), json.toString());
    assertEquals("{\"apps\":[],\"containers_checked\":0,\"out_of_line\":0,\"findings\":[]}\n", json.out());
  }

  @Test
  void probe_findsAMissingAliasAndOneVisibleWhereItShouldNotBe() {
    String app = d.app("api");
    String old = d.network("old"), now = d.network("new");
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, old);
    String id = d.deploy(app, "web", 1);
    Jokku.Result inLine = j.run("network:check", app, "--probe");
    assertEquals(0, inLine.code(), "every alias resolves where it should:\n" + inLine);
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, now); // moved to another network, not rebuilt yet
    Map<String, String> before = EngineFiles.of(j, engine);

    Jokku.Result r = j.run("network:check", app, "--probe");
    assertEquals(2, r.code(), "web.1, and the app's DNS (unresolved and visible aliases):\n" + r);
    String sid = id.substring(0, 12);
    assertTrue(r.out().contains(app + " - alias-unresolved " + app + ".web on " + now + ": should resolve on the network but does not\n"), r.out());
    assertTrue(r.out().contains(app + " - alias-unresolved " + sid + "." + app + ".web on " + now + ": should resolve on the network but does not\n"), r.out());
    assertTrue(r.out().contains(app + " - alias-visible " + app + ".web on " + old + ": resolves on a network where it should not\n"), r.out());
    assertTrue(r.out().contains(app + " web.1 network-extra " + old + ": "), r.out());
    assertEquals(before, EngineFiles.of(j, engine), "the probes are gone and nothing changed");

    assertEquals(0, j.run("network:rebuild", app).code());
    Jokku.Result fixed = j.run("network:check", app, "--probe");
    assertEquals(0, fixed.code(), fixed.toString());
  }
}
