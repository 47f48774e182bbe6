package jokku.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The filter over real {@code git archive} output: long (pax) paths, folders, kept bytes intact, tar reads it back. */
@Tag("unit")
class TarFilterTest {
  @Test
  void leavesOutRefusedEntriesAndKeepsTheRestReadable() throws Exception {
    Path repo = Jokku.tempDir("jokku-tarfilter-");
    String deep = "d".repeat(60) + "/" + "e".repeat(60) + "/keep.txt"; // > 100 characters: a pax path header
    String deepDrop = "d".repeat(60) + "/" + "e".repeat(60) + "/drop.txt";
    for (String f : List.of("Dockerfile", "keep/a.txt", "drop/b.txt", deep, deepDrop)) {
      Files.createDirectories(repo.resolve(f).getParent());
      Files.writeString(repo.resolve(f), "content of " + f + "\n");
    }
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "tree");
    byte[] archive = git(repo, "archive", "--format=tar", "HEAD");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarFilter.copy(new ByteArrayInputStream(archive), out, p -> !p.startsWith("drop") && !p.endsWith("drop.txt"));
    Path filtered = repo.resolve("filtered.tar");
    Files.write(filtered, out.toByteArray());

    List<String> names = new ArrayList<>(List.of(new String(run(repo, List.of("tar", "-tf", filtered.toString())), StandardCharsets.UTF_8).split("\n")));
    names.removeIf(String::isEmpty);
    assertEquals(List.of("Dockerfile", "d".repeat(60) + "/", "d".repeat(60) + "/" + "e".repeat(60) + "/", deep, "keep/", "keep/a.txt"), names.stream().sorted().toList());
    assertEquals("content of " + deep + "\n", new String(run(repo, List.of("tar", "-xOf", filtered.toString(), deep)), StandardCharsets.UTF_8));
  }

  private static byte[] git(Path repo, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
    cmd.addAll(List.of(args));
    return run(repo, cmd);
  }

  private static byte[] run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(cmd + " failed");
    return out;
  }
}
