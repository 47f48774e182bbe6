package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.Out;
import jokku.engine.ContainerSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Pure logic of the run commands: flag parsing before the app, and run:list rendering. */
@Tag("unit")
class RunArgsTest {
  @Test
  void flagsBeforeTheAppAreParsedAndEverythingAfterItIsTheCommand() {
    RunCommands.RunArgs a = RunCommands.parse("run", List.of("-e", "A=1", "--env=B=x=y", "-eC=3", "--env", "D=", "--no-tty", "app", "sh", "-c", "--env x"));
    assertEquals("app", a.app());
    assertEquals(List.of("sh", "-c", "--env x"), a.command());
    assertEquals(Map.of("A", "1", "B", "x=y", "C", "3", "D", ""), a.env());
    assertTrue(a.noTty());
    assertFalse(a.tty());
  }

  @Test
  void doubleDashEndsTheFlagsAndTtlIsParsed() {
    RunCommands.RunArgs a = RunCommands.parse("run", List.of("--ttl-seconds", "60", "--", "-weird-app"));
    assertEquals("-weird-app", a.app());
    assertEquals(List.of(), a.command());
    assertEquals(60, a.ttl());
  }

  @Test
  void badFlagsFailWithPflagStyleExitCodes() {
    assertEquals(2, assertThrows(DokkuException.class, () -> RunCommands.parse("run", List.of("--bogus", "app"))).exitCode());
    assertEquals(2, assertThrows(DokkuException.class, () -> RunCommands.parse("run", List.of("-e", "NOEQUALS", "app"))).exitCode());
    assertEquals(2, assertThrows(DokkuException.class, () -> RunCommands.parse("run", List.of("--env"))).exitCode());
    assertEquals("--ttl-seconds must be a positive integer",
        assertThrows(DokkuException.class, () -> RunCommands.parse("run", List.of("--ttl-seconds", "0", "app"))).getMessage());
    assertEquals("Cannot specify both --tty and --no-tty",
        assertThrows(DokkuException.class, () -> RunCommands.parse("run", List.of("--tty", "--no-tty", "app"))).getMessage());
  }

  @Test
  void humanDurationMatchesDockersCreatedColumn() {
    assertEquals("Less than a second", RunView.humanDuration(0));
    assertEquals("1 second", RunView.humanDuration(1));
    assertEquals("59 seconds", RunView.humanDuration(59));
    assertEquals("About a minute", RunView.humanDuration(60));
    assertEquals("59 minutes", RunView.humanDuration(59 * 60));
    assertEquals("About an hour", RunView.humanDuration(3600));
    assertEquals("47 hours", RunView.humanDuration(47 * 3600));
    assertEquals("13 days", RunView.humanDuration(13 * 86400));
    assertEquals("8 weeks", RunView.humanDuration(59 * 86400));
    assertEquals("23 months", RunView.humanDuration(700 * 86400L));
    assertEquals("3 years", RunView.humanDuration(3 * 366 * 86400L));
  }

  @Test
  void tableIsAlignedLikeDockersTabwriterAndJsonLikeJq() {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    Out out = new Out(new java.io.PrintStream(buf, true), System.err, false);
    List<ContainerSummary> l = List.of(new ContainerSummary("id1", "a-very-long-application.run.12345", "running", "sleep 100", 1000, Map.of()));
    RunView.table(out, l, 1010, false);
    // column width = widest cell + 3 (docker's tabwriter padding), at least 20
    assertEquals("NAMES" + " ".repeat(36 - 5) + "COMMAND" + " ".repeat(20 - 7) + "CREATED\n"
        + "a-very-long-application.run.12345   \"sleep 100\"         10 seconds ago\n", buf.toString());
    buf.reset();
    RunView.table(out, l, 1010, true);
    assertEquals("a-very-long-application.run.12345\t\"sleep 100\"\t10 seconds ago\n", buf.toString(), "--quiet: no header, tabs");
    String json = RunView.json(l);
    assertTrue(json.startsWith("[\n  {\n    \"name\": \"a-very-long-application.run.12345\",\n    \"state\": \"running\",\n    \"command\": \"sleep 100\",\n    \"created_at\": \"1970-01-01 "), json);
    assertTrue(json.endsWith("\"\n  }\n]"), json);
  }
}
