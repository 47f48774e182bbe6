package jokku.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jokku.DokkuException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** .dockerignore decisions as the docker CLI makes them (moby/patternmatcher's rules). */
@Tag("unit")
class DockerIgnoreTest {
  @Test
  void patternsMatchPathsAndEverythingUnderAMatchedFolder() {
    DockerIgnore d = DockerIgnore.parse("# comment\n\n  node_modules  \n*.log\n/build\ndocs/**/*.md\n**/tmp\n");
    assertTrue(d.excludes("node_modules"));
    assertTrue(d.excludes("node_modules/a/b.js"), "a matched folder takes its contents");
    assertTrue(d.excludes("debug.log"));
    assertFalse(d.excludes("logs/debug.log"), "* stays within one segment");
    assertTrue(d.excludes("build/out.bin"), "a leading / is the context root");
    assertTrue(d.excludes("docs/a/b/c.md"));
    assertTrue(d.excludes("docs/c.md"), "**/ also matches no folder");
    assertFalse(d.excludes("docs/c.txt"));
    assertTrue(d.excludes("a/b/tmp/x"));
    assertFalse(d.excludes("# comment"));
    assertFalse(d.excludes("src/main.c"));
  }

  @Test
  void exclusionsReincludeAndTheLastMatchingRuleWins() {
    DockerIgnore d = DockerIgnore.parse("*.md\n!README.md\nsecret?.txt\n");
    assertTrue(d.excludes("CHANGES.md"));
    assertFalse(d.excludes("README.md"));
    assertTrue(d.excludes("secret1.txt"));
    assertFalse(d.excludes("secret10.txt"), "? is exactly one character");
    DockerIgnore again = DockerIgnore.parse("!README.md\n*.md\n");
    assertTrue(again.excludes("README.md"), "an exclusion before the rule does not win");
  }

  @Test
  void theDockerfileAndDockerignoreAreAlwaysSentAndPatternsAreCleaned() {
    DockerIgnore d = DockerIgnore.parse("*\n");
    assertFalse(d.excludes("Dockerfile"));
    assertFalse(d.excludes(".dockerignore"));
    assertTrue(d.excludes("app.py"));
    assertEquals("a/c", DockerIgnore.clean("./a//b/../c/"));
    assertEquals("a", DockerIgnore.clean("/a"));
    assertTrue(DockerIgnore.parse("./dist/\n").excludes("dist/x.js"));
    assertTrue(DockerIgnore.parse("a\\*b\n").excludes("a*b"), "a backslash escapes");
    assertFalse(DockerIgnore.parse("a\\*b\n").excludes("axb"));
    assertTrue(DockerIgnore.parse("file(1).txt\n").excludes("file(1).txt"), "regex characters are literal");
  }

  @Test
  void anUnusablePatternIsOneClearError() {
    DokkuException e = assertThrows(DokkuException.class, () -> DockerIgnore.parse("[abc\n"));
    assertTrue(e.getMessage().startsWith("Invalid .dockerignore pattern '[abc'"), e.getMessage());
  }
}
