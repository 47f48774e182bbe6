package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The AOT training run needs no engine, and every line in it ends the way it says (a canned engine answers). */
@Tag("unit")
class TrainTest {
  @Test
  void run_passesEveryLineWithoutDocker() {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int code = Train.run(new PrintStream(report, true, StandardCharsets.UTF_8));
    assertEquals("", report.toString(StandardCharsets.UTF_8));
    assertEquals(0, code);
  }
}
