package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Snapshot;
import jokku.engine.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConfigCommandsTest {
  private final Jokku j = new Jokku();

  /** Values that must survive config:set → ENV file → config:get / config:export unchanged. */
  private static final List<String> VALUES = List.of(
      "plain", "a=b=c", "  spaced  out  ", "it's", "'", "\"double\"", "back\\slash\\", "line1\nline2\n", "tab\there",
      "$HOME `id` $(id) !bang", "#hash", "ünïcødé ✓ 日本語 🚀", "ends'", "", "= starts with equals");

  @BeforeEach
  void app() {
    assertEquals(0, j.run("apps:create", "app").code());
  }

  @Test
  void set_printsDokkusLines_writesEnvAtomically() throws Exception {
    Jokku.Result r = j.run("config:set", "--no-restart", "app", "SHORT=1", "A_LONGER_KEY=x y");
    assertEquals(0, r.code(), r.toString());
    assertEquals("-----> Setting config vars\n       A_LONGER_KEY:  x y\n       SHORT:         1\n", r.out());
    Path env = j.root.resolve("app/ENV");
    assertEquals("export A_LONGER_KEY='x y'\nexport SHORT='1'\n", Files.readString(env));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
    r = j.run("--quiet", "config:set", "app", "SHORT=2");
    assertEquals("", r.out(), "Dokku's config:set respects --quiet");
    assertEquals("2\n", j.run("config:get", "app", "SHORT").out());
  }

  @Test
  void roundTrip_valuesComeBackByteForByte() throws Exception {
    List<String> args = new ArrayList<>(List.of("config:set", "app"));
    for (int i = 0; i < VALUES.size(); i++) args.add("K" + i + "=" + VALUES.get(i));
    assertEquals(0, j.run(args.toArray(new String[0])).code());
    Map<String, Object> json = Json.parseObject(j.run("config:export", "app", "--format", "json").out());
    for (int i = 0; i < VALUES.size(); i++) {
      assertEquals(VALUES.get(i) + "\n", j.run("config:get", "app", "K" + i).out(), "K" + i);
      assertEquals(VALUES.get(i), json.get("K" + i), "K" + i);
    }
    // the ENV file and the exports format are real shell: sourcing them gives the same bytes
    for (String script : List.of(". \"$0\"", "eval \"$(cat \"$1\")\"")) {
      Path exports = Files.writeString(j.lib.resolve("exports.sh"), j.run("config:export", "app").out());
      StringBuilder printer = new StringBuilder(script + "\n");
      for (int i = 0; i < VALUES.size(); i++) printer.append("printf '%s\\0' \"$K").append(i).append("\"\n");
      Process p = new ProcessBuilder("sh", "-c", printer.toString(), j.root.resolve("app/ENV").toString(), exports.toString()).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      p.getInputStream().transferTo(out);
      assertEquals(0, p.waitFor());
      String[] got = out.toString(StandardCharsets.UTF_8).split("\0", -1);
      for (int i = 0; i < VALUES.size(); i++) assertEquals(VALUES.get(i), got[i], script + " K" + i);
    }
  }

  @Test
  void encoded_decodesBase64() {
    String v = "multi\nline ü";
    assertEquals(0, j.run("config:set", "--encoded", "app", "E=" + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))).code());
    assertEquals(v + "\n", j.run("config:get", "app", "E").out());
  }

  @Test
  void get_quotedAndMissing() {
    assertEquals(0, j.run("config:set", "app", "Q=it's").code());
    assertEquals("'it'\\''s'\n", j.run("config:get", "--quoted", "app", "Q").out());
    Jokku.Result r = j.run("config:get", "app", "NOPE");
    assertEquals(1, r.code());
    assertEquals("", r.out() + r.err());
    assertEquals(" !     Expected: key\n", j.run("config:get", "app").err());
    assertEquals(" !     Unexpected argument(s): [B C]\n", j.run("config:get", "app", "A", "B", "C").err());
  }

  @Test
  void unset_printsEachKey() throws Exception {
    assertEquals(0, j.run("config:set", "app", "A=1", "B=2", "C=3").code());
    Jokku.Result r = j.run("config:unset", "app", "A", "C", "MISSING");
    assertEquals(0, r.code(), r.toString());
    assertEquals("-----> Unsetting A\n-----> Unsetting C\n-----> Skipping MISSING, it is not set in the environment\n", r.out());
    assertEquals("export B='2'\n", Files.readString(j.root.resolve("app/ENV")));
    assertEquals(1, j.run("config:unset", "app", "B", "bad-key").code(), "keys are checked before anything changes");
    assertEquals("export B='2'\n", Files.readString(j.root.resolve("app/ENV")));
  }

  @Test
  void show_deprecatedShellAndExportForms() {
    j.ok("config:set", "app", "A=1", "B=two words");
    Jokku.Result r = j.run("config:show", "app", "--export");
    assertEquals(new Jokku.Result(0, j.ok("config:export", "app").out(), " !     Deprecated: Use 'config:export --format exports' instead\n"), r);
    r = j.run("config:show", "--shell", "app");
    assertEquals(new Jokku.Result(0, j.ok("config:export", "app", "--format", "shell").out(), " !     Deprecated: Use 'config:export --format shell' instead\n"), r);
    assertRefused(1, "Only one of --shell and --export can be given", "config:show", "app", "--shell", "--export");
  }

  @Test
  void clear_unsetsEverything_appAndGlobal() throws Exception {
    j.ok("config:set", "--global", "G=1");
    j.ok("config:set", "app", "A=1", "B=2");
    assertEquals("-----> Unsetting A\n-----> Unsetting B\n", j.ok("config:clear", "app").out());
    assertEquals("", Files.readString(j.root.resolve("app/ENV")));
    assertEquals("", j.ok("config:keys", "app").out());
    assertEquals("", j.ok("config:clear", "app").out(), "nothing set: nothing to say");
    assertEquals("G\n", j.ok("config:keys", "--global").out(), "the app's clear leaves the global environment");
    assertEquals("", j.ok("--quiet", "config:clear", "--global").out());
    assertEquals("", j.ok("config:keys", "--global").out());
    assertRefused(20, "App ghost does not exist", "config:clear", "ghost");
    assertRefused(1, "Please specify an app or --global", "config:clear");
  }

  @Test
  void showExportKeys_appGlobalAndMerged() {
    assertEquals(0, j.run("config:set", "--global", "G=global", "SHARED=from-global").code());
    assertEquals(0, j.run("config:set", "app", "SHARED=from-app", "LONG_NAME=v").code());
    assertEquals("=====> app env vars\nLONG_NAME:  v\nSHARED:     from-app\n", j.run("config:show", "app").out());
    assertEquals("=====> global env vars\nG:       global\nSHARED:  from-global\n", j.run("config:show", "--global").out());
    assertEquals("G\nLONG_NAME\nSHARED\n", j.run("config:keys", "app", "--merged").out());
    assertEquals("export G='global'\nexport LONG_NAME='v'\nexport SHARED='from-app'\n", j.run("config:export", "--merged", "app").out());
    assertEquals("global\n", j.run("config:get", "--global", "G").out());
    assertEquals("export G='global'\nexport SHARED='from-global'\n", j.run("config:export", "--global").out());
  }

  @Test
  void emptyEnvironment() {
    assertEquals("=====> app env vars\n\n", j.run("config:show", "app").out());
    assertEquals("\n", j.run("config:export", "app").out());
    assertEquals("", j.run("config:keys", "app").out());
  }

  private void assertRefused(int code, String message, String... args) {
    Map<String, String> before = Snapshot.of(j);
    Jokku.Result r = j.run(args);
    assertEquals(code, r.code(), r.toString());
    if (message != null) assertEquals(" !     " + message + "\n", r.err());
    assertEquals("", r.out());
    assertEquals(before, Snapshot.of(j), "nothing changed for " + List.of(args));
  }

  @Test
  void badInput_refusedAndNothingChanges() {
    assertEquals(0, j.run("config:set", "app", "KEEP=1").code());
    assertRefused(1, "Please specify an app or --global", "config:set");
    assertRefused(20, "App ghost does not exist", "config:set", "ghost", "A=1");
    assertRefused(1, "At least one env pair must be given", "config:set", "app");
    assertRefused(1, "Invalid env pair: NOEQUALS", "config:set", "app", "A=1", "NOEQUALS");
    assertRefused(1, "Invalid env key '1BAD': names must match [A-Za-z_][A-Za-z0-9_]*", "config:set", "app", "1BAD=x");
    assertRefused(1, "Invalid env key 'A B': names must match [A-Za-z_][A-Za-z0-9_]*", "config:set", "app", "A B=x");
    assertRefused(1, "Invalid env key '': names must match [A-Za-z_][A-Za-z0-9_]*", "config:set", "app", "=x");
    assertRefused(1, null, "config:set", "--encoded", "app", "A=***");
    assertRefused(1, "At least one key must be given", "config:unset", "app");
    assertRefused(20, "App ghost does not exist", "config:unset", "ghost", "KEEP");
    assertRefused(1, "Unknown export format: yaml", "config:export", "app", "--format", "yaml");
    assertRefused(1, "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
        "config:set", "../app", "A=1");
    assertRefused(2, null, "config:set", "app", "A=1", "--restart-please");
    assertEquals("1\n", j.run("config:get", "app", "KEEP").out());
    assertTrue(j.run("config:get", "app", "A").code() != 0);
  }
}
