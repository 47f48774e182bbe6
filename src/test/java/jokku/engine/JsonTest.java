package jokku.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class JsonTest {
  @Test
  void roundTrip_keepsStructureOrderAndTypes() {
    String text = "{\"b\":[1,2.5,-3,true,false,null,\"s\"],\"a\":{\"nested\":{}},\"empty\":[],\"big\":12345678901}";
    Object v = Json.parse(text);
    assertEquals(text, Json.write(v));
    Map<String, Object> m = Json.parseObject(text);
    assertEquals(List.of("b", "a", "empty", "big"), new ArrayList<>(m.keySet()));
    assertEquals(Arrays.asList(1L, 2.5, -3L, true, false, null, "s"), m.get("b"));
    assertEquals(12345678901L, m.get("big"));
  }

  @Test
  void parse_acceptsWhitespaceAndEscapes() {
    Map<String, Object> m = Json.parseObject(" {\n \"k\" : \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u003c\" ,\"e\":1e3 } ");
    assertEquals("a\"b\\c/d\n\té<", m.get("k"));
    assertEquals(1000.0, m.get("e"));
  }

  @Test
  void parse_rejectsMalformedInput() {
    for (String bad : new String[] {"", "{", "[1,]x", "{\"a\" 1}", "tru", "\"open", "[1 2]", "{} {}"}) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[]"));
  }

  @Test
  void write_escapesLikeGo() {
    assertEquals("\"\\u003cb\\u003e \\u0026 \\\"q\\\" \\\\ \\n\\r\\t \\u0001 \\u2028 é\"", Json.write("<b> & \"q\" \\ \n\r\t \u0001 \u2028 é"));
  }

  @Test
  void write_numbersNullsAndOtherValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("i", 3);
    m.put("whole", 2.0);
    m.put("frac", 0.25);
    m.put("none", null);
    m.put("other", new StringBuilder("sb"));
    assertEquals("{\"i\":3,\"whole\":2,\"frac\":0.25,\"none\":null,\"other\":\"sb\"}", Json.write(m));
    assertNull(Json.parse("null"));
  }

  @Test
  void bigIntegersStayExact() {
    Map<String, Object> m = Json.parseObject("{\"n\":18446744073709551617,\"neg\":-9223372036854775809,\"max\":9223372036854775807}");
    assertEquals(new BigInteger("18446744073709551617"), m.get("n"));
    assertEquals(new BigInteger("-9223372036854775809"), m.get("neg"));
    assertEquals(Long.MAX_VALUE, m.get("max"));
    assertEquals("{\"n\":18446744073709551617,\"neg\":-9223372036854775809,\"max\":9223372036854775807}", Json.write(m));
  }

  @Test
  void write_refusesNonFiniteNumbers() {
    for (Object bad : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(bad)));
      assertEquals("JSON has no " + ((Number) bad).doubleValue() + ": a number must be finite", e.getMessage());
    }
  }

  @Test
  void nesting_upTo512LevelsIsFine_deeperIsRefusedCleanly() {
    assertEquals(List.of(List.of()), Json.parse("[[]]"));
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertEquals(ok, Json.write(Json.parse(ok)));
    for (int depth : new int[] {Json.MAX_DEPTH + 1, 100_000}) {
      String deep = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
      assertEquals("invalid JSON: nested deeper than 512 levels", e.getMessage());
    }
  }

  @Test
  void parse_reasonsSayWhereAndWhat() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n  \"a\": 01\n}"));
    assertEquals("invalid JSON at line 2, column 9: a number with a leading zero", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] [2]"));
    assertEquals("invalid JSON at line 1, column 5: more data after the value", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":\"tab\there\"}"));
    assertEquals("invalid JSON at line 1, column 10: a raw control character U+0009 inside a string", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[\"\\x\"]"));
    assertEquals("invalid JSON at line 1, column 3: a bad escape \\x inside a string", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
    assertEquals("invalid JSON at line 1, column 4: unexpected ']', a value expected", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.parse(new byte[] {'[', '"', (byte) 0xff, '"', ']'}));
    assertEquals("invalid JSON: not UTF-8 text", e.getMessage());
  }

  @Test
  void duplicateNames_lastWinsLikeGo() {
    assertEquals(Map.of("a", 2L), Json.parse("{\"a\":1,\"a\":2}"));
  }
}
