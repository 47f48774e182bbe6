package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code run:help} tells the flags jokku takes, and the {@code run} usage lines of docs/commands/run.md say the same. */
@Tag("unit")
class RunHelpTest {
  @Test
  void docsRunLinesAreWhatRunHelpPrints() throws IOException {
    Jokku.Result r = new Jokku().run("run:help");
    assertEquals(0, r.code(), r.toString());
    List<String> help = new ArrayList<>();
    boolean commands = false;
    for (String line : r.out().split("\n")) {
      if (line.equals("Additional commands:")) commands = true;
      else if (commands && !line.isBlank()) help.add(columns(line));
    }

    List<String> docs = new ArrayList<>();
    String text = Files.readString(Path.of("docs/commands/run.md"));
    int block = text.indexOf("```", text.indexOf("## Usage"));
    for (String line : text.substring(block + 3, text.indexOf("```", block + 3)).split("\n")) {
      if (line.strip().startsWith("run")) docs.add(columns(line));
    }
    assertFalse(help.isEmpty());
    assertEquals(help, docs);
  }

  @Test
  void runHelpNamesTheFlagsJokkuTakes() {
    String help = new Jokku().run("run:help").out();
    assertTrue(help.contains("    run [-e|--env KEY=VALUE] [--no-tty|--tty] [--ttl-seconds N] <app> <cmd>  "), help);
    assertTrue(help.contains("    run:detached [-e|--env KEY=VALUE] [--ttl-seconds N] <app> <cmd>  "), help);
    assertFalse(help.contains("|-env "), "Dokku's -env typo is fixed: " + help);
  }

  /** A help line as {@code usage | description}: columns are separated by two spaces or more. */
  private static String columns(String line) {
    return String.join(" | ", line.strip().split("\\s{2,}"));
  }
}
