package jokku.watch;

import static jokku.watch.WatchFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jokku.proxy.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A deploy container that exhausts its restart policy: reported loudly and its app rebuilt once; when the rebuilt
 * app crashes the same way inside the crash-loop window it is reported and left alone.
 */
@Tag("engine")
class WatchRestartPolicyTest {
  @Test
  void exhaustedRestartPolicyRebuildsOnceThenStopsAtTheCrashLoop() {
    try (WatchFixture f = new WatchFixture()) {
      int port = Http.proxyOnLoopback(f.j);
      f.ok("domains:set-global", "jokku.test");
      String app = f.app("crash");
      f.ok("ps:set", app, "restart-policy", "on-failure:2");
      f.ok("git:from-image", app, f.image("v1"));
      String first = f.container(app, "web.1");
      WatchFixture.Watch w = f.watch();
      assertTrue(w.printed("following the engine's events", 60), w.toString());

      assertEquals(0, f.docker("exec", first, "touch", "/app/crash"));
      String loud = " !     " + app + ": web.1 (container " + first.substring(0, 12) + ") has exhausted its restart policy on-failure:2 after 2 restarts (last exit code 3)";
      assertTrue(eventually(60, () -> w.err().contains(loud)), w.toString());
      assertTrue(eventually(120, () -> w.out().contains("-----> " + app + ": rebuilt\n")), w.toString());
      assertTrue(w.out().contains("-----> " + app + ": rebuilding once (restart policy exhausted)\n"), w.toString());
      String second = f.container(app, "web.1");
      assertNotEquals(first, second, "a new container");
      assertTrue(eventually(30, () -> Http.get(port, app + ".jokku.test", "/").status() == 200), "the rebuilt app answers\n" + w);

      assertEquals(0, f.docker("exec", second, "touch", "/app/crash"));
      assertTrue(eventually(60, () -> w.err().contains("not rebuilding again")), w.toString());
      assertTrue(w.err().contains(" !     " + app + ": not rebuilding again: it was rebuilt "), w.toString());
      assertTrue(w.err().contains("s ago and crashed again (crash loop); fix it, then run ps:rebuild " + app + "\n"), w.toString());
      assertEquals(second, f.container(app, "web.1"), "no second rebuild");
      assertEquals(1, w.out().split("rebuilding once", -1).length - 1, w.toString());
    }
  }
}
