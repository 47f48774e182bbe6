package jokku.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.engine.Images;
import jokku.engine.Json;
import jokku.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Image clean-up keeps to the {@code JOKKU_LABELS} scope, as every container listing does: the detached retirement
 * process a deploy starts ({@link RetireLater}, run here as its own JVM with the deploy's environment) and
 * {@code apps:destroy} remove the app's images that carry the run's labels, never a same-named app's image that
 * another jokku (a real Dokku host, another test run) made.
 */
@Tag("engine")
class RetirementScopeTest {
  private Jokku j;
  private Engine engine;
  private final List<String> images = new ArrayList<>();
  private Process retireLater;

  @BeforeEach
  void setUp() {
    j = new Jokku();
    engine = TestEngine.engine();
    TestImages.busybox();
  }

  @AfterEach
  void tearDown() {
    if (retireLater != null) retireLater.destroyForcibly();
    try {
      TestEngine.cleanup(j.runId);
      Images i = engine.images();
      for (String id : images) i.remove(id, true);
    } finally {
      engine.close();
    }
  }

  @Test
  void removesOnlyTheUnusedImagesOfItsOwnScope() throws Exception {
    String app = j.name("app");
    assertEquals(0, j.run("apps:create", app).code());
    String mine = untaggedImage(Map.of("com.dokku.app-name", app, TestEngine.LABEL, j.runId));
    String foreign = untaggedImage(Map.of("com.dokku.app-name", app));
    new Store(j.root, j.lib).writeData(Retirement.PLUGIN, "", Retirement.FILE, app + " " + "0".repeat(64) + " 0\n");

    List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
        RetireLater.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(j.env);
    Process p = retireLater = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "RetireLater finished");
    assertEquals(0, p.exitValue());

    assertEquals("", new Store(j.root, j.lib).readData(Retirement.PLUGIN, "", Retirement.FILE).trim(), "the due entry was retired");
    assertFalse(exists(mine), "the run's own unused image is removed");
    assertTrue(exists(foreign), "a same-named app's image outside the run's scope is left alone");
  }

  @Test
  void appsDestroyRemovesOnlyTheImagesOfItsOwnScope() {
    String app = j.name("app");
    assertEquals(0, j.run("apps:create", app).code());
    String mine = untaggedImage(Map.of("com.dokku.app-name", app, TestEngine.LABEL, j.runId));
    String foreign = untaggedImage(Map.of("com.dokku.app-name", app));
    assertEquals(0, j.run("--force", "apps:destroy", app).code());
    assertFalse(exists(mine), "the run's own image is removed");
    assertTrue(exists(foreign), "a same-named app's image outside the run's scope is left alone");
  }

  /** An untagged (dangling) image with the given labels, built from the busybox test image. */
  private String untaggedImage(Map<String, String> labels) {
    String dockerfile = "FROM " + TestImages.BUSYBOX + "\nLABEL jokku.retire-later-test=\"" + j.runId + " " + labels.size() + "\"\n";
    byte[] tar = TestImages.tar(Map.of("Dockerfile", dockerfile.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String id = engine.images().build(new ByteArrayInputStream(tar), "rm=1&forcerm=1&labels=" + Engine.enc(Json.write(labels)), line -> {});
    images.add(id);
    return id;
  }

  private boolean exists(String image) {
    return EngineFixture.imageDocument(engine, image).isPresent();
  }
}
