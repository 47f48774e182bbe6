package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every relative link of the README and docs/ names a file that exists, and a heading of it when it has an anchor. */
@Tag("unit")
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE = Pattern.compile("```.*?```", Pattern.DOTALL);

  @Test
  void relativeLinksResolve() throws IOException {
    List<String> broken = new ArrayList<>();
    int links = brokenLinks(Path.of(""), broken);
    assertTrue(links > 50, "links found: " + links);
    assertEquals(List.of(), broken);
  }

  /**
   * Adds to {@code broken} every relative link of {@code base}'s README.md and docs/ pages that names no file (or no
   * heading of it) under {@code base}: the checkout, or an installed copy (InstallIT). Returns how many links it read.
   */
  static int brokenLinks(Path base, List<String> broken) throws IOException {
    List<Path> pages = new ArrayList<>(List.of(base.resolve("README.md")));
    try (Stream<Path> s = Files.walk(base.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    int links = 0;
    for (Path page : pages) {
      Matcher m = LINK.matcher(CODE.matcher(Files.readString(page)).replaceAll(""));
      while (m.find()) {
        String link = m.group(1);
        if (link.matches("[a-z]+:.*")) continue;
        links++;
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
        if (!Files.exists(target)) broken.add(page + ": " + link + " (no such file)");
        else if (hash >= 0 && file.endsWith(".md") || hash == 0) {
          if (!anchors(target).contains(link.substring(hash + 1))) broken.add(page + ": " + link + " (no such heading)");
        }
      }
    }
    return links;
  }

  /** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> out = new HashSet<>();
    for (String line : CODE.matcher(Files.readString(page)).replaceAll("").split("\n")) {
      if (line.startsWith("#")) {
        out.add(line.replaceFirst("^#+", "").strip().toLowerCase(Locale.ROOT).replaceAll("[^\\w\\- ]", "").replace(' ', '-'));
      }
    }
    return out;
  }
}
