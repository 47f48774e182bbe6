package jokku.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of nst/JSONTestSuite's {@code test_parsing} (vendored under src/test/resources/JSONTestSuite, MIT):
 * {@code y_} documents parse, {@code n_} documents are refused with an {@code IllegalArgumentException}, and
 * {@code i_} (implementation-defined) documents either parse or are refused the same clean way, never with another
 * exception or a stack overflow.
 */
@Tag("unit")
class JsonTestSuiteTest {
  static Path dir() throws URISyntaxException {
    return Path.of(JsonTestSuiteTest.class.getResource("/JSONTestSuite/test_parsing").toURI());
  }

  static Stream<String> cases(String prefix) throws IOException, URISyntaxException {
    List<String> names;
    try (Stream<Path> files = Files.list(dir())) {
      names = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
    }
    assertTrue(names.size() > 30, "the vendored suite is missing: " + names.size() + " " + prefix + " files");
    return names.stream();
  }

  static Stream<String> accepted() throws IOException, URISyntaxException {
    return cases("y_");
  }

  static Stream<String> refused() throws IOException, URISyntaxException {
    return cases("n_");
  }

  static Stream<String> either() throws IOException, URISyntaxException {
    return cases("i_");
  }

  static byte[] bytes(String name) throws IOException, URISyntaxException {
    return Files.readAllBytes(dir().resolve(name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void y_parses(String name) throws Exception {
    byte[] b = bytes(name);
    assertDoesNotThrow(() -> Json.parse(b));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void n_isRefusedWithAReason(String name) throws Exception {
    byte[] b = bytes(name);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(b), "accepted " + name);
    assertTrue(e.getMessage().startsWith("invalid JSON"), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("either")
  void i_parsesOrIsRefusedCleanly(String name) throws Exception {
    byte[] b = bytes(name);
    try {
      Json.parse(b);
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("invalid JSON"), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      fail(name + ": " + e);
    }
  }
}
