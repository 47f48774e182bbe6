package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestImagesSmokeTest {
  @Test
  void busyboxImage_buildsAndDerivedImagesBuild() {
    assertEquals(TestImages.BUSYBOX, TestImages.busybox());
    String tag = TestImages.build("jokku-test/smoke:latest", Map.of("Dockerfile", "FROM " + TestImages.BUSYBOX + "\nRUN echo hi > /hi\n"));
    assertEquals("jokku-test/smoke:latest", tag);
  }
}
