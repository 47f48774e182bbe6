package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jokku} as users run it, in a real process: the JDK it picks, the start-up archive keyed to the jar and
 * the JDK, stdout free of JVM messages, exit codes, symlinks, and building the jar when it is missing.
 */
@Tag("engine")
class LauncherIT {
  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Path JAR = PROJECT.resolve("target/jokku.jar");
  static final Path CACHE = PROJECT.resolve("target/it-aot");
  static final String NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    Path dir = Jokku.tempDir("jokku-it-"); // removed at exit even when the launcher hangs
    Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  /** The launcher with a shared archive folder, archives created in the foreground. */
  static Run jokku(String... args) throws IOException, InterruptedException {
    return run(PROJECT.resolve("bin/jokku"), Map.of("JOKKU_CACHE_DIR", CACHE.toString(), "JOKKU_ARCHIVE", "sync"), args);
  }

  static String sha16(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static int major(Path jdk) throws IOException {
    Path release = jdk.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(jdk.resolve("bin/java"))) return 0;
    for (String line : Files.readAllLines(release)) {
      if (line.startsWith("JAVA_VERSION=\"")) return Integer.parseInt(line.substring(14).split("[^0-9]")[0]);
    }
    return 0;
  }

  /** Every JDK 17+ in /usr/lib/jvm, once each (several names may point to one). */
  static List<Path> jdks() throws IOException {
    Set<Path> found = new LinkedHashSet<>();
    try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
      for (Path p : s.sorted().toList()) {
        if (Files.isDirectory(p) && major(p.toRealPath()) >= 17) found.add(p.toRealPath());
      }
    }
    assertFalse(found.isEmpty(), "no JDK 17+ under /usr/lib/jvm");
    return new ArrayList<>(found);
  }

  static void assertCleanList(Run r) {
    assertEquals(0, r.code(), r.toString());
    assertEquals("", r.err(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals("=====> Networks", lines.get(0), r.out());
    for (String l : lines.subList(1, lines.size())) assertTrue(l.matches(NAME), "not a network name on stdout: " + l);
    assertTrue(lines.contains("bridge"), r.out());
  }

  @Test
  void everyJdk_getsAnArchiveKeyedToJarAndJdk_andStdoutStaysClean() throws Exception {
    for (Path jdk : jdks()) {
      Path cache = tmp.resolve("cache-" + jdk.getFileName());
      Map<String, String> env = Map.of("JOKKU_JAVA_HOME", jdk.toString(), "JOKKU_CACHE_DIR", cache.toString(), "JOKKU_ARCHIVE", "sync");
      assertCleanList(run(PROJECT.resolve("bin/jokku"), env, "network:list"));
      String base = "jokku-" + sha16(JAR) + "-" + sha16(jdk.resolve("release"));
      String archive = base + (major(jdk) >= 25 ? ".aot" : ".jsa");
      Path runner = cache.resolve(base + ".java");
      try (Stream<Path> s = Files.list(cache)) {
        List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(Stream.of(archive, base + ".java").sorted().toList(), names.stream().filter(n -> n.startsWith("jokku-")).toList(), jdk.toString());
      }
      // the archive runs on a jlink image of the JDK (or on the JDK itself when it has no jlink)
      Path java = Files.readSymbolicLink(runner);
      assertTrue(java.equals(jdk.resolve("bin/java")) || java.toString().startsWith(cache.resolve("runtime-" + sha16(jdk.resolve("release"))) + "-"), java.toString());
      Map<String, String> debug = new HashMap<>(env);
      debug.put("JOKKU_DEBUG", "1");
      Run used = run(PROJECT.resolve("bin/jokku"), debug, "--quiet", "network:list");
      assertEquals("jokku: " + runner + " -> " + java + " (JDK " + major(jdk) + "), archive " + cache.resolve(archive) + "\n", used.err());
      assertTrue(used.out().lines().toList().contains("bridge"), used.toString());
    }
  }

  @Test
  void concurrentFirstRuns_stayClean_andLeaveOneArchiveMadeInTheBackground() throws Exception {
    Path cache = tmp.resolve("cache-concurrent");
    Map<String, String> env = Map.of("JOKKU_CACHE_DIR", cache.toString());
    List<Thread> threads = new ArrayList<>();
    List<Run> runs = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        try {
          runs.add(run(PROJECT.resolve("bin/jokku"), env, "network:list"));
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();
    assertEquals(4, runs.size());
    for (Run r : runs) assertCleanList(r);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    List<String> names;
    do {
      Thread.sleep(500);
      try (Stream<Path> s = Files.exists(cache) ? Files.list(cache) : Stream.empty()) {
        names = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("jokku-")).sorted().toList();
      }
    } while ((names.size() != 2 || names.stream().anyMatch(n -> n.endsWith(".lock") || n.contains(".tmp"))) && System.nanoTime() < deadline);
    assertEquals(2, names.size(), "one archive and its runner link: " + names);
    Map<String, String> debug = new HashMap<>(env);
    debug.put("JOKKU_DEBUG", "1");
    Run used = run(PROJECT.resolve("bin/jokku"), debug, "network:list");
    assertTrue(used.err().contains(", archive " + cache), used.toString());
  }

  @Test
  void exitCodesAndStreams() throws Exception {
    assertEquals(new Run(0, "-----> Network exists\n", ""), jokku("network:exists", "bridge"));
    assertEquals(new Run(1, "", " !     Network does not exist\n"), jokku("network:exists", "no-such-network-" + tmp.getFileName()));
    assertEquals(new Run(1, "", " !     `network:lst` is not a dokku command. Did you mean `network:list`?\n"
        + " !     See `dokku help` for a list of available commands.\n"), jokku("network:lst"));
    Run flag = jokku("network:list", "--bogus");
    assertEquals(2, flag.code());
    assertEquals("", flag.out());
    assertEquals(" !     unknown flag: --bogus for network:list (valid flags: --format, --dokku-managed)\n", flag.err());
    Run help = jokku("network:help");
    assertEquals(0, help.code());
    assertTrue(help.out().startsWith("Usage: dokku network[:COMMAND]\n"), help.out());
    assertEquals(new Run(0, "", ""), jokku("__aot-train"));
  }

  @Test
  void unreachableEngine_oneLineExit1() throws Exception {
    Map<String, String> env = Map.of("DOCKER_HOST", "unix:///nonexistent", "JOKKU_CACHE_DIR", CACHE.toString(), "JOKKU_ARCHIVE", "sync");
    assertEquals(new Run(1, "", " !     Cannot connect to the Docker engine at unix:///nonexistent: No such file or directory\n"),
        run(PROJECT.resolve("bin/jokku"), env, "network:list"));
  }

  @Test
  void symlinkedLauncher_findsItsProject() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("usr/local/bin"));
    Path dokku = Files.createSymbolicLink(bin.resolve("dokku"), PROJECT.resolve("bin/jokku"));
    Path other = Files.createDirectories(tmp.resolve("other"));
    Path chained = Files.createSymbolicLink(other.resolve("dokku"), Path.of("../usr/local/bin/dokku"));
    Map<String, String> env = Map.of("JOKKU_CACHE_DIR", CACHE.toString(), "JOKKU_ARCHIVE", "sync");
    assertEquals(new Run(0, "-----> Network exists\n", ""), run(dokku, env, "network:exists", "bridge"));
    assertEquals(new Run(0, "-----> Network exists\n", ""), run(chained, env, "network:exists", "bridge"));
  }

  @Test
  void changedJar_getsItsOwnArchive_andTheStaleOneIsDropped() throws Exception {
    Path project = tmp.resolve("project");
    Files.createDirectories(project.resolve("bin"));
    Files.createDirectories(project.resolve("target"));
    Path launcher = Files.copy(PROJECT.resolve("bin/jokku"), project.resolve("bin/jokku"));
    Path jar = Files.copy(JAR, project.resolve("target/jokku.jar"));
    Map<String, String> env = Map.of("JOKKU_ARCHIVE", "sync");
    assertCleanList(run(launcher, env, "network:list"));
    Path cache = project.resolve("target/aot");
    String before;
    try (Stream<Path> s = Files.list(cache)) {
      before = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("jokku-.*\\.(aot|jsa)")).toList().get(0);
    }
    assertTrue(before.startsWith("jokku-" + sha16(jar) + "-"), before);

    // replaced by a copy that keeps the old jar's mtime (cp -p, rsync -a): the launcher's kept hashes must not hide it
    java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(jar);
    rewriteWithMarker(jar);
    Files.setLastModifiedTime(jar, mtime);
    assertCleanList(run(launcher, env, "network:list"));
    try (Stream<Path> s = Files.list(cache)) {
      List<String> after = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("jokku-")).sorted().toList();
      assertEquals(2, after.size(), after.toString()); // the new archive and its runner link
      for (String n : after) assertTrue(n.startsWith("jokku-" + sha16(jar) + "-"), after.toString());
      assertFalse(after.contains(before), after.toString());
    }
  }

  /** The same classes plus one more entry: a different jar to the launcher. */
  static void rewriteWithMarker(Path jar) throws IOException {
    Path copy = jar.resolveSibling("rewritten.jar");
    try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), in.getManifest())) {
      for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
        out.putNextEntry(new JarEntry(e.getName()));
        in.transferTo(out);
      }
      out.putNextEntry(new JarEntry("jokku-it-marker.txt"));
      out.write("changed".getBytes(StandardCharsets.UTF_8));
    }
    Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void missingJar_isBuiltOnFirstUse_withMavensOutputOffStdout() throws Exception {
    Path project = tmp.resolve("fresh");
    Files.createDirectories(project.resolve("bin"));
    Path launcher = Files.copy(PROJECT.resolve("bin/jokku"), project.resolve("bin/jokku"));
    Files.copy(PROJECT.resolve("pom.xml"), project.resolve("pom.xml"));
    copyTree(PROJECT.resolve("src/main"), project.resolve("src/main"));
    Run r = run(launcher, Map.of("JOKKU_ARCHIVE", "off"), "network:exists", "bridge");
    assertEquals(0, r.code(), r.toString());
    assertEquals("-----> Network exists\n", r.out());
    assertTrue(Files.isRegularFile(project.resolve("target/jokku.jar")));
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }

  @Test
  void noUsableJdk_saysSo() throws Exception {
    Run r = run(PROJECT.resolve("bin/jokku"), Map.of("JOKKU_JAVA_HOME", tmp.toString()), "help");
    assertEquals(new Run(1, "", " !     jokku: JOKKU_JAVA_HOME=" + tmp + " is not a JDK 17 or newer\n"), r);
  }
}
