package jokku.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.engine.Engine;
import jokku.network.NetworkPlan;
import jokku.network.NetworkSettings;
import jokku.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("engine")
class OneOffTest {
  final Jokku j = new Jokku();
  final AppImages images = new AppImages(j);
  final Engine engine = TestEngine.engine();

  @AfterEach
  void cleanup() {
    engine.close();
    images.close();
  }

  private OneOff oneOff() {
    Store store = new Store(j.root, j.lib);
    return new OneOff(engine, new NetworkPlan(new NetworkSettings(store)), TestEngine.labels(j.runId));
  }

  @Test
  void attachedRun_pipesStdinAndReturnsExitCode() {
    String app = images.deployed("oneoff");
    OneOff o = oneOff();
    OneOffSpec spec = OneOffSpec.run(app).cmd(List.of("sh", "-c", "cat; echo err >&2; exit 7")).stdin(true);
    OneOff.Created c = o.create(spec);
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int code = o.runAttached(spec, c, new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)), out, err);
    assertEquals(7, code);
    assertEquals("hello\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
    assertTrue(c.name().startsWith(app + ".run."), c.name());
    assertTrue(engine.listContainers(List.of("com.dokku.app-name=" + app), true).isEmpty(), "auto-removed");
  }
}
