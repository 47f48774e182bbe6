package jokku.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jokku.DokkuException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ProcfileTest {
  @Test
  void parseStrict_readsCommandsAndStripsComments() {
    Procfile p = Procfile.parseStrict("# comment\n\nweb: httpd -f -p $PORT  # serve\nworker: sh -c 'while true; do sleep 1; done'\n// another\n");
    assertEquals(Optional.of("httpd -f -p $PORT"), p.command("web"));
    assertEquals(Optional.of("sh -c 'while true; do sleep 1; done'"), p.command("worker"));
    assertTrue(p.has("worker"));
    assertFalse(p.has("clock"));
  }

  @Test
  void parseStrict_refusesWhatProcfileUtilRefuses() {
    assertEquals("Invalid Procfile: invalid line in procfile, line 2",
        assertThrows(DokkuException.class, () -> Procfile.parseStrict("web: a\nnot a process line\n")).getMessage());
    assertEquals("Invalid Procfile: process names must be unique, line 2",
        assertThrows(DokkuException.class, () -> Procfile.parseStrict("web: a\nweb: b\n")).getMessage());
    assertEquals("Invalid Procfile: no entries found in Procfile",
        assertThrows(DokkuException.class, () -> Procfile.parseStrict("# nothing\n")).getMessage());
    assertThrows(DokkuException.class, () -> Procfile.parseStrict("x".repeat(64) + ": cmd\n"));
  }

  @Test
  void parse_isLenientForRun() {
    Procfile p = Procfile.parse("web: a\nnot a process line\nweb: b\n");
    assertEquals(Optional.of("a"), p.command("web"));
  }

  @Test
  void argv_expandsPortProcessAndConfigThenSplitsLikeAShell() {
    Procfile p = Procfile.parseStrict("web: httpd -p $PORT -h ${ROOT} --name $PS\nworker: sh -c \"echo $HOME and \\$X\" 'lit $PORT'\n");
    assertEquals(List.of("httpd", "-p", "5000", "-h", "/www", "--name", "web"), p.argv("web", Map.of("ROOT", "/www"), "5000").get());
    assertEquals(List.of("sh", "-c", "echo $HOME and $X", "lit 5000"), p.argv("worker", Map.of(), "").get());
    assertEquals(Optional.empty(), p.argv("clock", Map.of(), "5000"));
  }

  @Test
  void argv_thePortTheContainerGetsWinsOverAConfigPort() {
    Procfile p = Procfile.parseStrict("web: serve $PORT\n");
    assertEquals(List.of("serve", "8080"), p.argv("web", Map.of("PORT", "1234"), "8080").get());
  }
}
