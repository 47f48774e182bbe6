package jokku.watch;

import static jokku.watch.WatchFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import jokku.Jokku;
import jokku.proxy.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ps:restore} after containers were stopped behind jokku's back (what a reboot does), {@code restore} cleared
 * by {@code ps:stop} and set back by {@code ps:start}, {@code ps:set} validation, the restart policy on deploy
 * containers, and {@code ps:report}.
 */
@Tag("engine")
class PsRestoreTest {
  private WatchFixture f;
  private int port;

  @BeforeEach
  void setUp() {
    f = new WatchFixture();
    port = Http.proxyOnLoopback(f.j);
    f.ok("domains:set-global", "jokku.test");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private boolean serves(String app) {
    return Http.get(port, app + ".jokku.test", "/").status() == 200;
  }

  @Test
  void restoreStartsAppsStoppedBehindJokkusBackButNotThoseStoppedOnPurpose() {
    String up = f.app("up");
    String parked = f.app("parked");
    String never = f.app("never");
    String image = f.image("v1");
    f.ok("git:from-image", up, image);
    f.ok("git:from-image", parked, image);
    f.ok("ps:stop", parked);
    assertEquals("false\n", f.ok("ps:report", parked, "--restore").out());
    String upId = f.container(up, "web.1");
    f.stop(upId); // the engine went down with the host
    assertEquals("false\n", f.ok("ps:report", up, "--running").out());

    Jokku.Result r = f.ok("ps:restore");
    assertTrue(r.out().contains("-----> Restoring app " + up + "\n"), r.toString());
    assertTrue(r.out().contains("-----> Skipping " + parked + ": restore is disabled (ps:stop or ps:set " + parked + " restore false)\n"), r.toString());
    assertTrue(!r.out().contains(never) && !r.err().contains(never), "an app never deployed is passed over quietly: " + r);
    assertTrue(eventually(20, () -> serves(up)), "restored app answers through nginx");
    assertEquals("true\n", f.ok("ps:report", up, "--running").out());
    assertEquals("false\n", f.ok("ps:report", parked, "--running").out());

    f.ok("ps:start", parked);
    assertEquals("true\n", f.ok("ps:report", parked, "--restore").out());
    f.ok("ps:stop", parked);
    f.ok("ps:set", parked, "restore", "true");
    Jokku.Result one = f.ok("ps:restore", parked);
    assertTrue(one.out().contains("-----> Restoring app " + parked + "\n"), one.toString());
    assertTrue(eventually(20, () -> serves(parked)));
    Jokku.Result notDeployed = f.ok("ps:restore", never);
    assertEquals(" !     App " + never + " has not been deployed\n", notDeployed.err());
  }

  @Test
  void restartPolicyAndStopTimeoutReachTheDeployContainers() {
    String app = f.app("policy");
    f.ok("ps:set", "--global", "restart-policy", "unless-stopped");
    f.ok("git:from-image", app, f.image("v1"));
    assertEquals("unless-stopped", restartPolicy(f.container(app, "web.1")));
    assertEquals("=====> Setting restart-policy to on-failure:3\n", f.ok("ps:set", app, "restart-policy", "on-failure:3").out());
    f.ok("ps:restart", app);
    assertEquals("on-failure:3", restartPolicy(f.container(app, "web.1")));
    assertEquals("on-failure:3\n", f.ok("ps:report", app, "--ps-restart-policy").out());
    assertEquals("on-failure:3\n", f.ok("ps:report", app, "--ps-computed-restart-policy").out());
    f.ok("ps:set", app, "stop-timeout-seconds", "7");
    assertEquals("7\n", f.ok("ps:report", app, "--computed-stop-timeout-seconds").out());
    assertEquals("=====> Unsetting restart-policy\n", f.ok("ps:set", app, "restart-policy").out());
    assertEquals("\n", f.ok("ps:report", app, "--ps-restart-policy").out(), "unset: empty, as in Dokku");
    assertEquals("unless-stopped\n", f.ok("ps:report", app, "--ps-computed-restart-policy").out());
    f.ok("ps:set", "--global", "restart-policy", "");
    assertEquals("on-failure:10\n", f.ok("ps:report", app, "--ps-computed-restart-policy").out());
  }

  private String restartPolicy(String id) {
    Map<?, ?> m = jokku.engine.EngineFixture.containerDocument(f.engine, id);
    Map<?, ?> p = (Map<?, ?>) ((Map<?, ?>) m.get("HostConfig")).get("RestartPolicy");
    int max = ((Number) p.get("MaximumRetryCount")).intValue();
    return p.get("Name") + (max > 0 ? ":" + max : "");
  }

  @Test
  void psSetRefusesBadInputAndWritesNothing() {
    String app = f.app("bad");
    String valid = "valid properties include: procfile-path, restart-policy, restore, stop-timeout-seconds";
    assertRefused(" !     Invalid property specified, " + valid + "\n", "ps:set", app, "restart", "always");
    assertRefused(" !     No property specified, " + valid + "\n", "ps:set", app);
    assertRefused(" !     Invalid restart-policy 'sometimes', valid values include: no, always, unless-stopped, on-failure, on-failure:<max-retries>\n",
        "ps:set", app, "restart-policy", "sometimes");
    assertRefused(" !     Invalid restore value 'yes', valid values include: true, false\n", "ps:set", app, "restore", "yes");
    assertRefused(" !     Property cannot be specified globally\n", "ps:set", "--global", "restore", "false");
    assertRefused(" !     Invalid stop-timeout-seconds '1.5': expected a whole number of seconds\n", "ps:set", app, "stop-timeout-seconds", "1.5");
    assertRefused(" !     App nope-" + f.j.runId + " does not exist\n", "ps:set", "nope-" + f.j.runId, "restore", "false");
    assertEquals(Map.of(), f.store.properties("ps", app).entrySet().stream().filter(e -> !e.getKey().equals("scale"))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "nothing written");
    assertEquals("on-failure:10\n", f.ok("ps:report", app, "--ps-computed-restart-policy").out());
    assertEquals("true\n", f.ok("ps:report", app, "--restore").out());
  }

  private void assertRefused(String err, String... args) {
    Jokku.Result r = f.j.run(args);
    assertEquals(new Jokku.Result(r.code() == 0 ? 0 : r.code(), "", err), r);
    assertTrue(r.code() != 0, r.toString());
  }
}
