package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code network:rebuild} and {@code network:rebuildall} on containers laid out exactly as a deploy leaves them. A
 * rebuild that changes listeners rebuilds the proxy, which starts jokku's nginx: it listens on a free loopback port
 * and is stopped after each test.
 */
@Tag("engine")
class NetworkRebuildTest {
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

  private static String header(String app) {
    return "-----> Ensuring network configuration is in sync for " + app + "\n";
  }

  @Test
  void rebuild_reconnectsANetworkDisconnectedByHandWithDeployAliases() {
    String app = d.app("api");
    String net = d.network("pd");
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, net);
    d.set(app, NetworkProperty.TLD, "svc.local");
    String id = d.deploy(app, "web", 1);
    engine.disconnect(net, id, false);
    assertFalse(d.inspect(id).networks().containsKey(net));

    Jokku.Result r = j.run("network:rebuild", app);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith(header(app)), r.out());
    assertTrue(r.out().contains("       web.1: connected to network " + net + " as " + app + ".web.svc.local\n"), r.out());
    List<String> aliases = d.inspect(id).networks().get(net).aliases();
    assertTrue(aliases.containsAll(List.of(app + ".web.svc.local", id.substring(0, 12) + "." + app + ".web.svc.local")), aliases.toString());

    Jokku.Result again = j.run("network:rebuild", app);
    assertEquals(0, again.code());
    assertEquals(header(app), again.out(), "nothing left to do");
  }

  @Test
  void rebuild_rewritesAliasesOnTheInitialAndAttachedNetworksAfterATldIsSet() {
    String app = d.app("api");
    String initial = d.network("init"), pd = d.network("pd");
    d.set(app, NetworkProperty.INITIAL_NETWORK, initial);
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, pd);
    String id = d.deploy(app, "web", 1);
    assertEquals(0, d.probe(pd, "nslookup", app + ".web").code(), "deployed without a tld");
    assertEquals(0, j.run("network:set", app, "tld", "svc.local").code());

    Jokku.Result r = j.run("network:rebuild", app);
    assertEquals(0, r.code(), r.toString());
    for (String net : List.of(initial, pd)) {
      assertTrue(r.out().contains("       web.1: reconnected to network " + net + " as " + app + ".web.svc.local\n"), r.out());
      String ip = d.inspect(id).networks().get(net).ip();
      for (String name : List.of(app + ".web.svc.local", id.substring(0, 12) + "." + app + ".web.svc.local")) {
        FakeDeploy.Probe found = d.probe(net, "nslookup", name);
        assertEquals(0, found.code(), net + " " + name + ":\n" + found.output());
        assertTrue(found.output().contains(ip), found.output());
      }
      FakeDeploy.Probe gone = d.probe(net, "nslookup", app + ".web");
      assertTrue(gone.code() != 0 && gone.output().contains("NXDOMAIN"), "the old alias is gone from " + net + ":\n" + gone.output());
    }
    assertEquals(d.inspect(id).networks().get(initial).ip(), d.file(app, "IP.web.1"), "the listener follows the rejoined endpoint");
    assertEquals(header(app), j.run("network:rebuild", app).out(), "nothing left to do");
  }

  @Test
  void rebuild_givesTheDeployAliasesToAConfiguredNetworkJoinedWithoutThem() {
    String app = d.app("api");
    String pd = d.network("pd");
    String id = d.deploy(app, "web", 1);
    engine.connect(pd, id, List.of(app + ".web")); // the hostname alias is missing
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, pd);

    Jokku.Result r = j.run("network:rebuild", app);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("       web.1: reconnected to network " + pd + " as " + app + ".web\n"), r.out());
    FakeDeploy.Probe p = d.probe(pd, "nslookup", id.substring(0, 12) + "." + app + ".web");
    assertEquals(0, p.code(), p.output());
  }

  @Test
  void rebuild_detachesNetworksRemovedFromThePropertiesButNotOnesAttachedByHand() {
    String app = d.app("api");
    String keep = d.network("keep"), drop = d.network("drop"), manual = d.network("manual"), initial = d.network("init");
    d.set(app, NetworkProperty.INITIAL_NETWORK, initial);
    d.set(app, NetworkProperty.ATTACH_POST_CREATE, keep + "," + drop);
    String id = d.deploy(app, "web", 1);
    engine.connect(manual, id, List.of());
    d.set(app, NetworkProperty.ATTACH_POST_CREATE, keep);

    Jokku.Result r = j.run("network:rebuild", app);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("       web.1: disconnected from network " + drop + "\n"), r.out());
    assertEquals(Set.of(initial, keep, manual), d.inspect(id).networks().keySet());
  }

  @Test
  void rebuild_refreshesListenerFilesAndRemovesStaleOnes() {
    String app = d.app("api");
    String initial = d.network("init");
    d.set(app, NetworkProperty.INITIAL_NETWORK, initial);
    String web = d.deploy(app, "web", 1);
    String worker = d.deploy(app, "worker", 1);
    String gone = d.deploy(app, "web", 3);
    engine.removeContainer(gone, true);
    d.write(app, "IP.web.1", "10.9.9.9");
    d.write(app, "PORT.web.1", "1234");
    d.write(app, "IP.worker.1", "10.9.9.8");
    d.write(app, "IP.web.2", "10.0.0.2");
    d.write(app, "PORT.web.2", "5000");

    Jokku.Result r = j.run("network:rebuild", app);
    assertEquals(0, r.code(), r.toString());
    assertEquals(d.inspect(web).networks().get(initial).ip(), d.file(app, "IP.web.1"));
    assertEquals("5000", d.file(app, "PORT.web.1"));
    assertEquals(d.inspect(worker).networks().get(initial).ip(), d.file(app, "IP.worker.1"));
    assertFalse(d.exists(app, "PORT.worker.1"), "no PORT file for non-web processes");
    for (String stale : List.of("IP.web.2", "PORT.web.2", "IP.web.3", "PORT.web.3")) assertFalse(d.exists(app, stale), stale);
    assertTrue(d.exists(app, "CONTAINER.web.3"), "the deploy's own record is left for the next deploy");
    assertTrue(r.out().contains("web.3: removed IP.web.3 and PORT.web.3 (container " + gone.substring(0, 12) + " is gone)"), r.out());
    assertTrue(r.out().contains("-----> Creating http nginx.conf\n"), "listeners changed: the proxy was rebuilt\n" + r.out());
  }

  @Test
  void rebuild_exitCodeCountsContainersThatCouldNotBeSynced() {
    String app = d.app("api");
    String net = d.network("ok");
    d.deploy(app, "web", 1);
    d.deploy(app, "web", 2);
    d.deploy(app, "worker", 1);
    String missing = j.name("missing");
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, net + "," + missing);

    Jokku.Result r = j.run("network:rebuild", app);
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().contains(" !     web.2: unable to attach to network " + missing + ": Network " + missing + " does not exist\n"), r.err());
    List<ContainerInfo> all = engine.listContainers(List.of("com.dokku.app-name=" + app), true);
    assertEquals(3, all.size(), all.toString());
    for (ContainerInfo c : all) assertTrue(c.networks().containsKey(net), c.name() + ": the networks that exist are still attached");
    d.set(app, NetworkProperty.ATTACH_POST_DEPLOY, net);
    assertEquals(0, j.run("network:rebuild", app).code());
  }

  @Test
  void rebuild_leavesNginxAloneWhenNoWebListenerChanged() {
    String app = d.app("api");
    d.deploy(app, "web", 1);
    String worker = d.deploy(app, "worker", 1);
    Jokku.Result built = j.run("proxy:build-config", app);
    assertEquals(0, built.code(), built.toString());
    java.nio.file.Path conf = j.root.resolve(app).resolve("nginx.conf");
    String config = d.file(app, "nginx.conf");
    Set<Long> workers = nginxWorkers();
    assertFalse(workers.isEmpty(), "nginx runs");
    d.write(app, "IP.worker.1", "10.9.9.8"); // a non-web listener drifted: nothing the proxy reads

    Jokku.Result r = j.run("network:rebuild", app);
    assertEquals(0, r.code(), r.toString());
    assertEquals(d.inspect(worker).networks().get("bridge").ip(), d.file(app, "IP.worker.1"));
    assertFalse(r.out().contains("nginx"), r.out());
    assertEquals(config, d.file(app, "nginx.conf"));
    assertTrue(java.nio.file.Files.exists(conf));
    assertEquals(workers, nginxWorkers(), "no reload: the same nginx workers serve");
  }

  private Set<Long> nginxWorkers() {
    return jokku.proxy.Http.nginxWorkers(j, Set.of());
  }


  @Test
  void rebuild_validatesTheAppAndIsSilentForAnAppNeverDeployed() {
    Jokku.Result r = j.run("network:rebuild", j.name("ghost"));
    assertEquals(20, r.code());
    assertEquals(" !     App " + j.name("ghost") + " does not exist\n", r.err());
    String app = d.app("fresh");
    r = j.run("network:rebuild", app);
    assertEquals(0, r.code());
    assertEquals("", r.out());
  }

  @Test
  void rebuild_leavesWebListenerFilesAloneWithAStaticWebListener() {
    String app = d.app("api");
    d.deploy(app, "web", 1);
    d.write(app, "IP.web.1", "127.0.0.1");
    d.set(app, NetworkProperty.STATIC_WEB_LISTENER, "127.0.0.1:8080");
    assertEquals(0, j.run("network:rebuild", app).code());
    assertEquals("127.0.0.1", d.file(app, "IP.web.1"));
  }

  @Test
  void rebuildall_syncsEveryAppAndSumsTheirExitCodes() {
    String a = d.app("a"), b = d.app("b"), c = d.app("c");
    String net = d.network("shared");
    String missing = j.name("missing");
    d.set(b, NetworkProperty.ATTACH_POST_DEPLOY, net);
    d.deploy(a, "web", 1);
    d.deploy(a, "web", 2);
    String bWeb = d.deploy(b, "web", 1);
    engine.disconnect(net, bWeb, false);
    d.set(a, NetworkProperty.ATTACH_POST_DEPLOY, net + "," + missing);

    Jokku.Result r = j.run("network:rebuildall");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.out().contains(header(a)) && r.out().contains(header(b)), r.out());
    assertFalse(r.out().contains(header(c)), "an app never deployed is skipped");
    assertTrue(d.inspect(bWeb).networks().containsKey(net));

    d.set(a, NetworkProperty.ATTACH_POST_DEPLOY, net);
    assertEquals(0, j.run("network:rebuildall").code());
  }

  @Test
  void rebuildall_withNoAppsWarnsAndSucceeds() {
    Jokku.Result r = j.run("network:rebuildall");
    assertEquals(0, r.code());
    assertEquals(" !     You haven't deployed any applications yet\n", r.err());
  }
}
