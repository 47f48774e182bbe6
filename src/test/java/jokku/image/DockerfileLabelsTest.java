package jokku.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The LABEL line appended to a build context's Dockerfile: where it goes, and when it cannot. */
@Tag("unit")
class DockerfileLabelsTest {
  private static final String LINE = DockerfileLabels.instruction(Map.of("com.dokku.app-name", "a$b"));

  private static String appended(String dockerfile) {
    return DockerfileLabels.append(dockerfile.getBytes(StandardCharsets.UTF_8), LINE).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
  }

  @Test
  void instruction_quotesKeysAndValuesInOneLine() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("a", "x y");
    labels.put("b", "[\"img:1\"]");
    assertEquals("LABEL \"a\"=\"x y\" \"b\"=\"[\\\"img:1\\\"]\"", DockerfileLabels.instruction(labels));
    assertEquals("LABEL \"com.dokku.app-name\"=\"a\\$b\"", LINE);
  }

  @Test
  void append_endsTheFileWithTheLineWhateverItsLastLine() {
    assertEquals("FROM x\n" + LINE + "\n", appended("FROM x\n"));
    assertEquals("FROM x\n" + LINE + "\n", appended("FROM x"), "a last line without newline gets one");
    assertEquals("FROM x\r\nRUN a\r\n" + LINE + "\n", appended("FROM x\r\nRUN a\r\n"));
    assertEquals("FROM a AS b\nRUN x\nFROM b\nCMD y\n" + LINE + "\n", appended("FROM a AS b\nRUN x\nFROM b\nCMD y\n"), "multi-stage: the final stage");
    assertEquals("FROM x\nRUN a \\\n  b\n# done\n\n" + LINE + "\n", appended("FROM x\nRUN a \\\n  b\n# done\n\n"));
  }

  @Test
  void append_refusesAFileEndingInAContinuation() {
    assertEquals(null, appended("FROM x\nRUN a \\\n"));
    assertEquals(null, appended("FROM x\nRUN a \\  \n# comment\n\n"), "comments and blank lines do not end it");
    assertEquals(null, appended("# escape=`\nFROM x\nRUN a `\n"));
    assertEquals("# escape=`\nFROM x\nRUN a \\\n" + LINE + "\n", appended("# escape=`\nFROM x\nRUN a \\\n"), "with ` as escape a backslash is a character");
  }

  @Test
  void append_keepsTheFilesBytes() {
    byte[] latin = {'F', 'R', 'O', 'M', ' ', 'x', '\n', '#', ' ', (byte) 0xe9, '\n'};
    byte[] out = DockerfileLabels.append(latin, LINE).orElseThrow();
    byte[] head = new byte[latin.length];
    System.arraycopy(out, 0, head, 0, latin.length);
    assertArrayEquals(latin, head);
  }

  private static Map<String, String> untar(byte[] tar) {
    Map<String, String> files = new LinkedHashMap<>();
    int off = 0;
    while (off + 512 <= tar.length) {
      byte[] h = new byte[512];
      System.arraycopy(tar, off, h, 0, 512);
      if (TarHeaders.zero(h)) break;
      assertTrue(TarHeaders.checksumValid(h));
      int size = (int) TarHeaders.octal(h, 124, 12);
      files.put(TarHeaders.ustarName(h), new String(tar, off + 512, size, StandardCharsets.UTF_8));
      off += 512 + (size + 511) / 512 * 512;
    }
    return files;
  }

  private static byte[] through(LabeledContext c) throws IOException {
    try (c) {
      return c.readAllBytes();
    }
  }

  @Test
  void context_appendsToTheRootDockerfileOnlyAndKeepsTheRest() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("sub/Dockerfile", "FROM y\n".getBytes(StandardCharsets.UTF_8));
    files.put("./Dockerfile", "FROM x\nCMD run".getBytes(StandardCharsets.UTF_8));
    files.put("index.html", "x".repeat(1500).getBytes(StandardCharsets.UTF_8));
    LabeledContext c = LabeledContext.of(new ByteArrayInputStream(Tar.of(files, 0644)), LINE, Set.of());
    Map<String, String> out = untar(through(c));
    assertTrue(c.labeled());
    assertEquals("FROM x\nCMD run\n" + LINE + "\n", out.get("./Dockerfile"));
    assertEquals("FROM y\n", out.get("sub/Dockerfile"));
    assertEquals("x".repeat(1500), out.get("index.html"));
  }

  @Test
  void context_gzipIsReadAndSentUncompressed() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(Tar.single("Dockerfile", "FROM x\n".getBytes(StandardCharsets.UTF_8)));
    }
    LabeledContext c = LabeledContext.of(new ByteArrayInputStream(gz.toByteArray()), LINE, Set.of());
    assertEquals("FROM x\n" + LINE + "\n", untar(through(c)).get("Dockerfile"));
    assertTrue(c.labeled());
  }

  @Test
  void context_passedThroughUnlabeledWhenTheDockerfileCannotTakeTheLine() throws IOException {
    byte[] continued = Tar.single("Dockerfile", "FROM x\nRUN a \\\n".getBytes(StandardCharsets.UTF_8));
    LabeledContext c = LabeledContext.of(new ByteArrayInputStream(continued), LINE, Set.of());
    assertArrayEquals(continued, through(c));
    assertFalse(c.labeled());

    byte[] none = Tar.single("Procfile", "web: x\n".getBytes(StandardCharsets.UTF_8));
    c = LabeledContext.of(new ByteArrayInputStream(none), LINE, Set.of());
    assertArrayEquals(none, through(c));
    assertFalse(c.labeled());

    byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3};
    c = LabeledContext.of(new ByteArrayInputStream(xz), LINE, Set.of());
    assertArrayEquals(xz, through(c));
    assertFalse(c.labeled());

    byte[] garbage = "not a tar at all".repeat(100).getBytes(StandardCharsets.UTF_8);
    c = LabeledContext.of(new ByteArrayInputStream(garbage), LINE, Set.of());
    assertArrayEquals(garbage, through(c));
    assertFalse(c.labeled());
  }

  @Test
  void context_aSecondRootDockerfileLeavesItUnlabeled() throws IOException {
    Map<String, byte[]> a = new LinkedHashMap<>();
    a.put("Dockerfile", "FROM x\n".getBytes(StandardCharsets.UTF_8));
    a.put("./Dockerfile", "FROM y\n".getBytes(StandardCharsets.UTF_8));
    LabeledContext c = LabeledContext.of(new ByteArrayInputStream(Tar.of(a, 0644)), LINE, Set.of());
    through(c);
    assertFalse(c.labeled(), "the engine builds the last one, which does not carry the line");
  }

  @Test
  void context_readsTheWantedFilesOnTheWay() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("./Dockerfile", "FROM x\n".getBytes(StandardCharsets.UTF_8));
    files.put("./deploy/Procfile", "web: run\n".getBytes(StandardCharsets.UTF_8));
    files.put("Procfile", "web: other\n".getBytes(StandardCharsets.UTF_8));
    byte[] tar = Tar.of(files, 0644);
    LabeledContext c = LabeledContext.of(new ByteArrayInputStream(tar), null, Set.of("deploy/Procfile", "app.json"));
    assertArrayEquals(tar, through(c), "without an instruction nothing changes");
    assertFalse(c.labeled());
    Map<String, Optional<String>> read = c.files().orElseThrow();
    assertEquals(Optional.of("web: run\n"), read.get("deploy/Procfile"));
    assertEquals(Optional.empty(), read.get("app.json"));

    c = LabeledContext.of(new ByteArrayInputStream(tar), LINE, Set.of("Procfile"));
    assertEquals(Optional.empty(), c.files(), "known only once the archive is read");
    through(c);
    assertEquals(Optional.of("web: other\n"), c.files().orElseThrow().get("Procfile"));
    assertTrue(c.labeled());

    byte[] truncated = java.util.Arrays.copyOf(tar, 512 + 512);
    c = LabeledContext.of(new ByteArrayInputStream(truncated), LINE, Set.of("Procfile"));
    through(c);
    assertEquals(Optional.empty(), c.files(), "an archive not read to its end tells nothing about what is absent");
    byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3};
    c = LabeledContext.of(new ByteArrayInputStream(xz), LINE, Set.of("Procfile"));
    through(c);
    assertEquals(Optional.empty(), c.files());
  }
}
