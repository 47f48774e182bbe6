package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.ContainerInfo;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** apps:destroy and apps:rename against the real engine: the app's containers go, in every state; networks stay. */
@Tag("engine")
class AppContainersTest {
  private final Jokku j = new Jokku();
  private final Engine engine = TestEngine.engine();
  private final Containers containers = engine.containers();

  @AfterEach
  void cleanup() {
    engine.close();
    TestEngine.cleanup(j.runId);
  }

  /** A busybox container labelled as the app's; started (running) or only created. */
  private String container(String app, String name, boolean start) {
    Map<String, Object> body = Map.of(
        "Image", TestImages.busybox(),
        "Cmd", List.of("sleep", "300"),
        "Labels", Map.of("com.dokku.app-name", app, TestEngine.LABEL, j.runId));
    String id = EngineFixture.createContainer(engine, name, body);
    if (start) containers.start(id);
    return id;
  }

  private List<ContainerInfo> of(String app) {
    return engine.listContainers(List.of("com.dokku.app-name=" + app), true);
  }

  @Test
  void destroy_removesTheAppsContainers_runningAndNot_leavesNetworks() {
    String app = j.name("gone"), other = j.name("stays");
    assertEquals(0, j.run("apps:create", app).code());
    assertEquals(0, j.run("apps:create", other).code());
    String net = j.name("net");
    assertEquals(0, j.run("network:create", net).code());
    assertEquals(0, j.run("network:set", app, "attach-post-deploy", net).code());
    container(app, app + ".web.1", true);
    for (int i = 1; i <= 4; i++) container(app, app + ".worker." + i, i % 2 == 0);
    String survivor = container(other, other + ".web.1", true);
    assertEquals(5, of(app).size());

    Jokku.Result r = j.run("apps:destroy", app, "--force");
    assertEquals(0, r.code(), r.toString());
    assertEquals(List.of(), of(app));
    assertEquals(survivor, of(other).get(0).id());
    assertTrue(engine.inspectContainer(survivor).running());
    assertEquals(0, j.run("network:exists", net).code(), "Docker networks are not touched");
    assertEquals(20, j.run("apps:exists", app).code());
  }

  @Test
  void rename_removesTheOldAppsContainers() {
    String old = j.name("before"), renamed = j.name("after");
    assertEquals(0, j.run("apps:create", old).code());
    assertEquals(0, j.run("config:set", old, "KEY=value").code());
    container(old, old + ".web.1", true);
    Jokku.Result r = j.run("apps:rename", old, renamed);
    assertEquals(0, r.code(), r.toString());
    assertEquals(List.of(), of(old));
    assertEquals("value\n", j.run("config:get", renamed, "KEY").out());
    assertEquals(20, j.run("apps:exists", old).code());
  }

  /**
   * Two jokku instances on one engine (separate state folders, their own {@code JOKKU_LABELS}, e.g. a test run and
   * the demo) with an app of the same name: destroying it in one leaves the other's containers alone.
   */
  @Test
  void destroy_withJokkuLabels_onlyTouchesContainersCarryingThem() {
    Jokku other = new Jokku();
    try {
      String app = j.name("shared");
      assertEquals(0, j.run("apps:create", app).code());
      assertEquals(0, other.run("apps:create", app).code());
      String mine = container(app, app + ".web.1", true);
      Jokku.Result r = other.run("--force", "apps:destroy", app);
      assertEquals(0, r.code(), r.toString());
      assertTrue(engine.inspectContainer(mine).running(), "the other instance's container survives");
      assertEquals(List.of(), other.run("run:list", "--format", "json", app).out().lines().filter(l -> l.contains(mine)).toList());
    } finally {
      TestEngine.cleanup(other.runId);
    }
  }

  @Test
  void destroy_ofAnAppWithoutContainers_isQuick() {
    String app = j.name("empty");
    assertEquals(0, j.run("apps:create", app).code());
    assertEquals(0, j.run("apps:destroy", "--force", app).code());
    assertEquals(20, j.run("apps:exists", app).code());
  }
}
