package jokku.watch;

import static jokku.watch.WatchFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jokku.Testbed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine restarts under a running watcher: a standalone dockerd in its own network namespace (one node of
 * {@code script/swarm-testbed}; the host's engine is never restarted) is stopped and started again. The watcher
 * says so once, keeps retrying, reconnects, reconciles, and heals containers that come back on other addresses. The
 * bed (namespace, daemon, files) is removed even when the test fails.
 */
@Tag("testbed")
class WatchEngineRestartTest {
  @Test
  void theWatcherOutlivesAnEngineRestartAndHealsWhatChanged() throws Exception {
    try (Testbed bed = Testbed.up("--nodes", "1", "--no-swarm", "--no-host-link");
        WatchFixture f = new WatchFixture(bed.dockerHost())) {
      f.ok("proxy:set", "--global", "listen", "127.0.0.1:" + jokku.proxy.Http.freePort());
      String net = f.j.name("penet");
      f.ok("network:create", "--subnet", "10.233.7.0/24", net);
      String app = f.app("restart");
      f.ok("network:set", app, "initial-network", net);
      f.ok("ps:scale", "--skip-deploy", app, "web=2");
      f.ok("git:from-image", app, f.image("v1"));
      WatchFixture.Watch w = f.watch();
      assertTrue(w.printed("following the engine's events", 60), w.toString());

      bed.stopEngine(1);
      assertTrue(eventually(30, () -> w.err().contains("Docker engine unreachable")), w.toString());
      f.store.writeAppFile(app, "IP.web.1", "10.233.7.250"); // stale while the engine is away
      Thread.sleep(2000); // several retries meanwhile
      assertTrue(w.process.isAlive(), "the watcher waits for the engine\n" + w);
      bed.startEngine(1);
      assertTrue(w.printed("Docker engine is back: every app reconciled, following events again", 60), w.toString());
      assertEquals(1, w.err().split("Docker engine unreachable", -1).length - 1, "one line while the engine was away\n" + w);

      for (String dyno : new String[] {"web.1", "web.2"}) {
        String id = f.container(app, dyno);
        String before = f.inspect(id).running() ? f.inspect(id).networks().get(net).ip() : "";
        if (!before.isEmpty()) {
          f.stop(id);
          f.filler(net, before);
        }
        f.start(id);
        String now = f.inspect(id).networks().get(net).ip();
        assertNotEquals(before, now);
        assertTrue(eventually(30, () -> f.store.readAppFile(app, "IP." + dyno).trim().equals(now)), dyno + " " + now + " " + f.state(app) + "\n" + w);
      }
      assertTrue(w.process.isAlive(), w.toString());
    }
  }
}
