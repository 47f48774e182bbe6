package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The test images work: a derived image runs busybox's sh and holds what its Dockerfile wrote. */
@Tag("engine")
class TestImagesSmokeTest {
  private final Jokku j = new Jokku();
  private final String tag = "jokku-test/smoke-" + j.runId + ":latest";

  @AfterEach
  void cleanup() {
    TestEngine.cleanup(j.runId);
    Engine e = TestEngine.engine();
    try {
      EngineFixture.forceRemoveImage(e, tag);
    } finally {
      e.close();
    }
  }

  @Test
  void busyboxImage_buildsAndDerivedImagesRun() {
    TestImages.build(tag, Map.of("Dockerfile", "FROM " + TestImages.busybox() + "\nRUN echo hi > /hi\n"));
    Engine e = TestEngine.engine();
    try {
      Containers c = e.containers();
      String id = EngineFixture.createContainer(e, j.name("smoke"), Map.of("Image", tag, "Cmd", List.of("sh", "-c", "cat /hi; wget --help 2>&1 | head -1 | cut -c1-7"),
          "Labels", TestEngine.labels(j.runId)));
      c.start(id);
      assertEquals(0, c.await(id));
      assertEquals("hi\nBusyBox\n", c.logs(id));
    } finally {
      e.close();
    }
  }
}
