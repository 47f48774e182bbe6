package jokku.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EnvFileTest {
  /** Values a user may set, each of which must come back unchanged. */
  static final List<String> HARD_VALUES = List.of(
      "", "plain", "a=b=c", "  leading and trailing  ", "it's", "'", "''", "\"double\"", "back\\slash\\",
      "line1\nline2\n", "\n", "tab\there", "cr\r\nlf", "$HOME `id` $(id) !bang", "#not-a-comment", "export X=1",
      "ünïcødé ✓ 日本語 🚀", "ends with quote'", "\\'", "a'\\''b", "= leading equals", "semi;colon && pipe | x");

  @Test
  void roundTrip_everyValueComesBackByteForByte() {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < HARD_VALUES.size(); i++) env.put("K" + i, HARD_VALUES.get(i));
    Map<String, String> back = EnvFile.parse(EnvFile.format(env));
    assertEquals(env.size(), back.size());
    env.forEach((k, v) -> assertEquals(v, back.get(k), k));
  }

  @Test
  void format_isDokkusExportLines_sorted() {
    assertEquals("export A='1'\nexport B='it'\\''s'\n", EnvFile.format(Map.of("B", "it's", "A", "1")));
  }

  @Test
  void parse_readsDokkuAndDotenvForms() {
    Map<String, String> m = EnvFile.parse("# comment\nexport A='x y'\nB=\"q\\\"uote\\nnl\"\nC=bare\n\n");
    assertEquals(Map.of("A", "x y", "B", "q\"uote\nnl", "C", "bare"), m);
  }

  @Test
  void exportFormats() {
    Map<String, String> env = Map.of("B", "it's", "A", "1", "A0", "x\ny");
    assertEquals("export A='1'\nexport A0='x\ny'\nexport B='it'\\''s'\n", EnvExport.export(env, "exports"));
    assertEquals("A0=\"x\\ny\"\nA=1\nB=\"it's\"\n", EnvExport.export(env, "envfile"));
    assertEquals("--env=A='1' --env=A0='x\ny' --env=B='it'\\''s'\n", EnvExport.export(env, "docker-args"));
    assertEquals("--env=A --env=A0 --env=B\n", EnvExport.export(env, "docker-args-keys"));
    assertEquals("A='1' A0='x\ny' B='it'\\''s' ", EnvExport.export(env, "shell"));
    assertEquals("{\"A\":\"1\",\"A0\":\"x\\ny\",\"B\":\"it's\"}\n", EnvExport.export(env, "json"));
    assertEquals("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"A0\",\"value\":\"x\\ny\"},{\"name\":\"B\",\"value\":\"it's\"}]\n", EnvExport.export(env, "json-list"));
    assertEquals("A:   1\nA0:  x\ny\nB:   it's\n", EnvExport.export(env, "pretty"));
    assertEquals("\n", EnvExport.export(Map.of(), "exports"));
    assertEquals("[]\n", EnvExport.export(Map.of(), "json-list"));
  }

  @Test
  void envfile_keepsNonCanonicalNumbersQuoted() {
    assertEquals("A=\"007\"\nB=42\nC=\"+5\"\nD=-3\n", EnvExport.export(Map.of("A", "007", "B", "42", "C", "+5", "D", "-3"), "envfile"));
  }

  @Test
  void pretty_alignsLikeColumnize() {
    assertEquals("       A:     1\n       LONG:  two", EnvExport.pretty("       ", Map.of("LONG", "two", "A", "1")));
    assertEquals("       K:  ", EnvExport.pretty("       ", Map.of("K", "  ")));
  }
}
