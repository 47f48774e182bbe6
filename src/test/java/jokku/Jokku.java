package jokku;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs jokku commands in-process against temporary {@code DOKKU_ROOT} / {@code DOKKU_LIB_ROOT} folders and the real
 * engine. Everything a test creates carries the label {@code com.jokku.test=<runId>} (through {@code JOKKU_LABELS}),
 * so {@link TestEngine#cleanup} can remove it.
 */
public final class Jokku {
  public final String runId = UUID.randomUUID().toString().substring(0, 8);
  public final Path root;
  public final Path lib;
  public final Map<String, String> env = new HashMap<>();

  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Every temp folder the harness made; removed when the test JVM exits, whatever the tests' outcome. */
  private static final java.util.Set<Path> TEMP = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMP.forEach(Jokku::deleteQuietly), "jokku-test-temp-cleanup"));
  }

  /**
   * A fresh temp folder that is deleted when the test JVM exits (also after failures), for tests that need one of
   * their own beside DOKKU_ROOT.
   */
  public static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      TEMP.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException | UncheckedIOException ignored) {
      // best effort at exit: a file that vanished or cannot be removed does not matter any more
    }
  }

  public Jokku() {
    try {
      Path base = tempDir("jokku-test-");
      // 0755 like /var/lib/dokku: nginx's unprivileged workers read error pages and temp files under DOKKU_LIB_ROOT
      Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      root = Files.createDirectories(base.resolve("home"));
      lib = Files.createDirectories(base.resolve("lib"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String host = System.getenv("DOCKER_HOST");
    if (host != null) env.put("DOCKER_HOST", host);
    env.put("DOKKU_ROOT", root.toString());
    env.put("DOKKU_LIB_ROOT", lib.toString());
    env.put("JOKKU_LABELS", TestEngine.LABEL + "=" + runId);
    env.put("PATH", System.getenv("PATH"));
  }

  /** A name unique to this run, e.g. {@code name("net")} → {@code net-1a2b3c4d}. */
  public String name(String prefix) {
    return prefix + "-" + runId;
  }

  public Result run(String... args) {
    return runWithInput("", args);
  }

  /** Runs a command that must succeed (exit 0); the failure message shows the command and what it printed. */
  public Result ok(String... args) {
    Result r = run(args);
    org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), String.join(" ", args) + "\n" + r);
    return r;
  }

  public Result runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int code = Main.run(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
