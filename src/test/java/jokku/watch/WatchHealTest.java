package jokku.watch;

import static jokku.watch.WatchFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import jokku.TestEngine;
import jokku.engine.ContainerInfo;
import jokku.proxy.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code network:watch} on the real engine behind jokku's nginx: containers restarted on other addresses (their old
 * ones taken by filler containers), a hand {@code docker network disconnect}, a watcher killed with {@code kill -9}
 * while things change, a second watcher for the same DOKKU_ROOT, and SIGTERM.
 */
@Tag("engine")
class WatchHealTest {
  private WatchFixture f;
  private int port;
  private String net;

  @BeforeEach
  void setUp() {
    f = new WatchFixture();
    port = Http.proxyOnLoopback(f.j);
    f.ok("domains:set-global", "jokku.test");
    net = f.j.name("wnet");
    f.ok("network:create", "--subnet", TestEngine.unusedSubnet24() + ".0/24", net);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** An app with web=2 on the run's network (so fillers can take chosen addresses), deployed, behind nginx. */
  private String deployed(String prefix) {
    String app = f.app(prefix);
    f.ok("network:set", app, "initial-network", net);
    f.ok("ps:scale", "--skip-deploy", app, "web=2");
    f.ok("git:from-image", app, f.image("v1"));
    return app;
  }

  private String ip(String id) {
    return f.inspect(id).networks().get(net).ip();
  }

  /** Stops both web containers, takes their addresses with fillers, starts them again; returns their new addresses. */
  private List<String> moveBothWebContainers(String app) {
    String c1 = f.container(app, "web.1"), c2 = f.container(app, "web.2");
    String ip1 = ip(c1), ip2 = ip(c2);
    f.stop(c1);
    f.stop(c2);
    f.filler(net, ip1);
    f.filler(net, ip2);
    f.start(c1);
    f.start(c2);
    List<String> now = List.of(ip(c1), ip(c2));
    assertNotEquals(ip1, now.get(0), "web.1 moved");
    assertNotEquals(ip2, now.get(1), "web.2 moved");
    return now;
  }

  private boolean listenersAre(String app, List<String> ips) {
    return f.store.readAppFile(app, "IP.web.1").trim().equals(ips.get(0)) && f.store.readAppFile(app, "IP.web.2").trim().equals(ips.get(1));
  }

  /** Ten requests through nginx all answered, by both containers. */
  private boolean nginxServesBoth(String app) {
    Set<String> hosts = new TreeSet<>();
    for (int i = 0; i < 10; i++) {
      Http.Response r = Http.get(port, app + ".jokku.test", "/");
      if (r.status() != 200) return false;
      hosts.add(r.body().strip());
    }
    return hosts.size() == 2;
  }

  @Test
  void containersRestartedOnOtherAddressesAreServedAgain() {
    String app = deployed("move");
    WatchFixture.Watch w = f.watch();
    assertTrue(w.printed("following the engine's events", 60), w.toString());
    List<String> ips = moveBothWebContainers(app);
    assertTrue(eventually(30, () -> listenersAre(app, ips)), "IP files follow the containers: " + f.state(app) + "\n" + w);
    assertTrue(eventually(30, () -> nginxServesBoth(app)), "nginx serves both containers again\n" + w);
    assertTrue(w.out().contains("-----> " + app + ": synced network state, nginx rebuilt for the new listeners"), w.toString());
    assertTrue(w.out().contains("        " + app + " web.1: IP " + ips.get(0)), w.toString());
  }

  /**
   * What the watcher runs for a move, by hand: the rebuild reloads nginx without {@code nginx -t} (only upstream
   * addresses changed) and returns once the new addresses serve, so no waiting is needed before the requests.
   */
  @Test
  void aRebuildAfterAMoveReloadsWithoutNginxTestAndServesWhenItReturns() {
    String app = deployed("rebuild");
    List<String> ips = moveBothWebContainers(app);
    jokku.Jokku.Result r = f.ok("--trace", "network:rebuild", app);
    assertTrue(listenersAre(app, ips), f.state(app).toString());
    assertTrue(r.err().contains(" ?     nginx: only upstream server addresses changed, reloading without nginx -t\n"), r.err());
    assertTrue(!r.err().contains("nginx -t ->"), r.err());
    assertTrue(nginxServesBoth(app), "nginx serves both containers at their new addresses\n" + r);
  }

  /** nginx's error log lines of {@code app} (empty while there are none). */
  private String nginxErrors(String app) {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(f.j.lib)) {
      StringBuilder b = new StringBuilder();
      for (java.nio.file.Path p : files.filter(p -> p.getFileName().toString().equals(app + "-error.log")).toList()) b.append(java.nio.file.Files.readString(p));
      return b.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A container that comes back on another address but listens only a while after it started (a real app booting):
   * nginx gets its new address only once it listens. Had nginx been reloaded at its start, the requests sent meanwhile
   * would have tried it, failed ({@code connect() failed} in nginx's error log) and had it sidelined for fail_timeout
   * (10 s), the other container answering them; instead nginx never tries it before it listens, and serves it as
   * soon as it does.
   */
  @Test
  void aMovedContainerThatListensLateIsGivenToNginxWhenItListens() {
    String app = f.app("late");
    f.ok("network:set", app, "initial-network", net);
    f.ok("ps:scale", "--skip-deploy", app, "web=2");
    // the first start listens at once (the deploy); every later start waits for the test's go (/app/go, then removed)
    f.ok("git:from-image", app, f.image("late", "web: sh -c 'mkdir -p /www && echo \"late $(hostname)\" > /www/index.html"
        + " && if [ -f /app/started ]; then while [ ! -f /app/go ]; do sleep 0.05; done; rm /app/go; fi; touch /app/started;"
        + " exec httpd -f -p $PORT -h /www'\n"));
    String c1 = f.container(app, "web.1"), c2 = f.container(app, "web.2");
    assertTrue(eventually(30, () -> nginxServesBoth(app)), "both served after the deploy");
    WatchFixture.Watch w = f.watch();
    assertTrue(w.printed("following the engine's events", 60), w.toString());
    String old = ip(c1);
    f.stop(c1);
    f.filler(net, old);
    f.start(c1);
    String moved = ip(c1);
    assertNotEquals(old, moved, "web.1 moved");
    // while web.1 does not listen: every request answered (by web.2), nginx not given the new address
    for (int i = 0; i < 10; i++) {
      Http.Response r = Http.get(port, app + ".jokku.test", "/");
      assertEquals(200, r.status(), r + "\n" + nginxErrors(app) + w);
      assertTrue(r.body().startsWith("late " + c2.substring(0, 12)), r.body());
    }
    String tried = "upstream: \"http://" + moved + ":";
    assertTrue(!nginxErrors(app).contains(tried), "nginx did not try web.1 before it listened:\n" + nginxErrors(app) + w);
    assertEquals(old, f.store.readAppFile(app, "IP.web.1").trim(), "not synced before it listens\n" + w);
    assertEquals(0, f.docker("exec", c1, "touch", "/app/go"));
    Set<String> hosts = new TreeSet<>();
    assertTrue(eventually(30, () -> {
      hosts.add(Http.get(port, app + ".jokku.test", "/").body().strip());
      return hosts.contains("late " + c1.substring(0, 12));
    }), "served once it listens\n" + w);
    assertEquals(moved, f.store.readAppFile(app, "IP.web.1").trim());
    assertTrue(!nginxErrors(app).contains(tried), "nginx never failed to reach web.1 at its new address:\n" + nginxErrors(app));
    assertEquals("", w.err(), "not given up on");
  }

  @Test
  void handDisconnectIsReattachedWithItsAlias() {
    String app = f.app("detach");
    String extra = f.j.name("wextra");
    f.ok("network:create", extra);
    f.ok("network:set", app, "attach-post-deploy", extra);
    f.ok("git:from-image", app, f.image("v1"));
    String id = f.container(app, "web.1");
    assertTrue(f.inspect(id).networks().get(extra).aliases().contains(app + ".web"));
    WatchFixture.Watch w = f.watch();
    assertTrue(w.printed("following the engine's events", 60), w.toString());
    assertEquals(0, f.docker("network", "disconnect", extra, id));
    assertTrue(eventually(30, () -> {
      ContainerInfo.Endpoint ep = f.inspect(id).networks().get(extra);
      return ep != null && ep.aliases().contains(app + ".web");
    }), "reattached with its alias\n" + w);
    assertTrue(eventually(10, () -> w.out().contains(app + " web.1: connected to network " + extra + " as " + app + ".web")), w.toString());
  }

  @Test
  void aWatcherKilledHardCatchesUpWhenStartedAgain() throws Exception {
    String app = deployed("kill9");
    WatchFixture.Watch first = f.watch();
    assertTrue(first.printed("following the engine's events", 60), first.toString());
    WatchFixture.Watch second = f.watch();
    assertTrue(second.process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, second.process.exitValue());
    assertEquals(" !     network:watch is already running for DOKKU_ROOT " + f.j.root + "\n", second.err());
    first.kill9();
    List<String> ips = moveBothWebContainers(app);
    Thread.sleep(1000); // nobody watches: the files stay stale
    assertTrue(!listenersAre(app, ips), "stale while no watcher runs: " + f.state(app));
    WatchFixture.Watch again = f.watch();
    assertTrue(again.printed("following the engine's events", 60), again.toString());
    assertTrue(listenersAre(app, ips), "reconciled on start: " + f.state(app) + "\n" + again);
    assertTrue(again.out().contains("-----> " + app + ": reconciled network state, nginx rebuilt for the new listeners"), again.toString());
    assertTrue(eventually(30, () -> nginxServesBoth(app)), "nginx serves both containers again\n" + again);
  }

  @Test
  void anAppThatCannotBeSyncedIsReportedRetriedAndTheOthersCarryOn() {
    String broken = f.app("broken");
    f.ok("git:from-image", broken, f.image("v1"));
    String app = deployed("fine");
    WatchFixture.Watch w = f.watch();
    assertTrue(w.printed("following the engine's events", 60), w.toString());
    String ghost = f.j.name("ghost");
    f.ok("network:set", broken, "attach-post-deploy", ghost); // a network nobody created
    String b = f.container(broken, "web.1");
    String warning = " !     " + broken + ": web.1: unable to attach to network " + ghost + ": Network " + ghost + " does not exist\n";
    f.stop(b);
    f.start(b);
    assertTrue(eventually(30, () -> w.err().contains(warning)), w.toString());
    List<String> ips = moveBothWebContainers(app);
    assertTrue(eventually(30, () -> listenersAre(app, ips)), "the other app is healed: " + f.state(app) + "\n" + w);
    assertTrue(eventually(30, () -> nginxServesBoth(app)), w.toString());
    int before = w.err().split(java.util.regex.Pattern.quote(warning), -1).length - 1;
    f.stop(b);
    f.start(b);
    assertTrue(eventually(30, () -> w.err().split(java.util.regex.Pattern.quote(warning), -1).length - 1 > before), "retried on the next event\n" + w);
    assertTrue(w.process.isAlive());
  }

  @Test
  void sigtermStopsTheWatcherCleanly() throws Exception {
    WatchFixture.Watch w = f.watch();
    assertTrue(w.printed("following the engine's events", 60), w.toString());
    w.process.destroy(); // SIGTERM
    assertTrue(w.process.waitFor(10, TimeUnit.SECONDS), "stopped");
    assertTrue(w.out().endsWith(" -----> network:watch stopped\n"), w.toString());
    assertEquals("", w.err());
    // the lock went with it: a new watcher starts
    WatchFixture.Watch next = f.watch();
    assertTrue(next.printed("following the engine's events", 60), next.toString());
  }
}
