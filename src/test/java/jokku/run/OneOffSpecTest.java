package jokku.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The create body of one-off containers, and the small helpers around them. */
@Tag("unit")
class OneOffSpecTest {
  @Test
  @SuppressWarnings("unchecked")
  void runContainerBody() {
    OneOffSpec s = OneOffSpec.run("api").env(Map.of("A", "1")).env("B", "two words").cmd(List.of("sh")).stdin(true).label("com.dokku.app-name", "spoofed");
    assertEquals("api.run.42", s.name(42));
    Map<String, Object> b = s.createSpec(42, "appnet", Map.of("com.jokku.test", "x", "com.dokku.container-type", "spoofed")).body();
    assertEquals("dokku/api:latest", b.get("Image"));
    assertEquals(List.of("sh"), b.get("Cmd"));
    List<String> env = (List<String>) b.get("Env");
    assertTrue(env.containsAll(List.of("A=1", "B=two words", "DYNO=run.42")), env.toString());
    Map<String, String> labels = (Map<String, String>) b.get("Labels");
    assertEquals("api", labels.get("com.dokku.app-name"));
    assertEquals("run", labels.get("com.dokku.container-type"));
    assertEquals("86400", labels.get("com.dokku.active-deadline-seconds"));
    assertEquals("x", labels.get("com.jokku.test"));
    Map<String, Object> host = (Map<String, Object>) b.get("HostConfig");
    assertEquals("appnet", host.get("NetworkMode"));
    assertEquals(true, host.get("AutoRemove"));
    assertEquals(true, b.get("OpenStdin"));
    assertEquals(true, b.get("StdinOnce"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void taskContainerBody() {
    OneOffSpec s = OneOffSpec.task("api", "release", List.of("/bin/sh", "-c", "migrate"));
    assertNull(s.name(1), "the engine names task containers");
    Map<String, Object> b = s.createSpec(1, "", Map.of()).body();
    Map<String, String> labels = (Map<String, String>) b.get("Labels");
    assertEquals("release", labels.get("dokku_phase_script"));
    assertEquals("release", labels.get("com.dokku.container-type"));
    assertFalse(labels.containsKey("com.dokku.active-deadline-seconds"));
    Map<String, Object> host = (Map<String, Object>) b.get("HostConfig");
    assertFalse(host.containsKey("NetworkMode"), "no initial network: the engine's default");
    assertEquals(false, host.get("AutoRemove"));
    assertFalse(((List<String>) b.get("Env")).stream().anyMatch(e -> e.startsWith("DYNO=")));
  }

  @Test
  void customizeEditsTheBodyLast() {
    Map<String, Object> b = OneOffSpec.run("api").customize(c -> c.networkMode("first")).customize(c -> c.networkMode("second").memory(64))
        .createSpec(1, "appnet", Map.of()).body();
    assertEquals("second", ((Map<?, ?>) b.get("HostConfig")).get("NetworkMode"));
    assertEquals(64L, ((Map<?, ?>) b.get("HostConfig")).get("Memory"));
  }

  @Test
  void procfileCommandsSeePort5000AndTheirKeyAsDokkusRunRendersThem() {
    assertEquals("httpd -p 5000 -h /www/web $PORTABLE ${HOME}", RunService.procfileCommand("httpd -p $PORT -h /www/${PS} $PORTABLE ${HOME}", "web"));
  }

  @Test
  void shellQuoting() {
    assertEquals("", Shell.quoteArgs(List.of()));
    assertEquals(" plain 'two words' 'it'\\''s' ''", Shell.quoteArgs(List.of("plain", "two words", "it's", "")));
  }

  @Test
  void taskLinesAreIndentedAcrossWrites() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    TaskLog.Indented in = new TaskLog.Indented(buf);
    in.write("one\ntw".getBytes(StandardCharsets.UTF_8));
    in.flush();
    in.write("o\n\nthree".getBytes(StandardCharsets.UTF_8));
    in.endLine();
    assertEquals("       one\n       two\n       \n       three\n", buf.toString(StandardCharsets.UTF_8));
  }
}
