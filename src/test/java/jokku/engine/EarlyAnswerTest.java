package jokku.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.util.Random;
import jokku.TestEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real engine refuses a build from its query alone: it answers at once, stops reading the context and closes
 * the connection, so sending the rest of a large context fails. The user sees the engine's answer, not "the engine
 * closed the connection while jokku was sending". Nothing is created (the tag is refused before any step).
 */
@Tag("engine")
class EarlyAnswerTest {
  @Test
  void aBuildRefusedBeforeItsContextWasRead_reportsTheEnginesAnswer_notABrokenPipe() {
    byte[] context = new byte[32 << 20]; // far more than the socket buffers and what the engine drains after answering
    new Random(12).nextBytes(context);
    Engine engine = TestEngine.engine();
    try {
      EngineException e = assertThrows(EngineException.class,
          () -> new Images(engine.client()).build(new ByteArrayInputStream(context), "t=" + Engine.enc("Jokku-Test/UPPER::case"), s -> {}));
      assertEquals("invalid reference format: repository name must be lowercase", e.getMessage());
      assertEquals(500, e.status());
    } finally {
      engine.client().close();
    }
  }
}
