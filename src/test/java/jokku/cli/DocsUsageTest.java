package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every usage block of docs/commands/*.md is exactly what {@code <plugin>:help} prints, and every plugin has one. */
@Tag("unit")
class DocsUsageTest {
  private static final Path PAGES = Path.of("docs/commands");
  private static final Pattern USAGE = Pattern.compile("```\n(Usage: dokku (\\S+)\\[:COMMAND\\]\n.*?)\n```", Pattern.DOTALL);

  @Test
  void usageBlocksAreWhatHelpPrints() throws IOException {
    Jokku jokku = new Jokku();
    Set<String> documented = new TreeSet<>();
    List<Path> pages;
    try (Stream<Path> s = Files.list(PAGES)) {
      pages = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    for (Path page : pages) {
      Matcher m = USAGE.matcher(Files.readString(page));
      while (m.find()) {
        String plugin = m.group(2);
        Jokku.Result help = jokku.run(plugin + ":help");
        assertEquals(0, help.code(), help.toString());
        assertEquals(help.out().stripTrailing(), m.group(1), page + ": the usage block of " + plugin + " differs from " + plugin + ":help");
        assertTrue(documented.add(plugin), plugin + " has two usage blocks");
      }
    }
    assertEquals(plugins(jokku), documented, "every plugin of `help` has its usage block in " + PAGES);
  }

  /** The plugin names {@code help} lists under "Commands:". */
  private static Set<String> plugins(Jokku jokku) {
    Jokku.Result r = jokku.run("help");
    assertEquals(0, r.code(), r.toString());
    Set<String> names = new TreeSet<>();
    boolean commands = false;
    for (String line : r.out().split("\n")) {
      if (line.equals("Commands:")) commands = true;
      else if (commands && line.startsWith("    ")) names.add(line.strip().split("\\s+")[0]);
    }
    assertFalse(names.isEmpty(), r.out());
    return names;
  }
}
