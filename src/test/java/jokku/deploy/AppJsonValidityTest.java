package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jokku.DokkuException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An app.json that is not valid JSON is refused with one line saying where and why, whatever is wrong with it. */
@Tag("unit")
class AppJsonValidityTest {
  static String refused(String text) {
    return assertThrows(DokkuException.class, () -> AppJson.parse(text)).getMessage();
  }

  @Test
  void invalidJson_isRefusedWithItsReason() {
    assertEquals("Invalid app.json: invalid JSON at line 2, column 22: a number with a leading zero",
        refused("{\"healthchecks\":\n  {\"web\": [{\"port\": 05000}]}}"));
    assertEquals("Invalid app.json: invalid JSON at line 1, column 38: a raw control character U+0009 inside a string",
        refused("{\"scripts\": {\"dokku\": {\"predeploy\": \"\tmake\"}}}"));
    assertEquals("Invalid app.json: invalid JSON at line 1, column 4: more data after the value", refused("{} {}"));
    assertEquals("Invalid app.json: JSON object expected", refused("[]"));
  }

  @Test
  void deepNesting_isRefusedCleanly_notAStackOverflow() {
    String deep = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
    assertEquals("Invalid app.json: invalid JSON: nested deeper than 512 levels", refused(deep));
  }

  @Test
  void validJson_stillParses() {
    AppJson a = AppJson.parse("{\"scripts\":{\"dokku\":{\"predeploy\":\"make db\"}},\"big\":123456789012345678901234567890}");
    assertEquals("make db", a.predeploy());
  }
}
