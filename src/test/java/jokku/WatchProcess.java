package jokku;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One {@code network:watch} in its own JVM (so a test can SIGTERM or {@code kill -9} it) with a run's environment;
 * its stdout and stderr in files. Whoever starts it kills it ({@link #kill9}) at the end, even on failure.
 */
public class WatchProcess {
  static final Path CLASSES = Path.of("target/classes").toAbsolutePath();
  public final Process process;
  public final Path out;
  public final Path err;

  public WatchProcess(Map<String, String> env) {
    Path dir = Jokku.tempDir("jokku-watch-");
    out = dir.resolve("out");
    err = dir.resolve("err");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", CLASSES.toString(), "jokku.Main", "network:watch")
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().putAll(env);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String out() {
    return read(out);
  }

  public String err() {
    return read(err);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  /** Waits until stdout has a line containing {@code text}. */
  public boolean printed(String text, int seconds) {
    return eventually(seconds, () -> out().contains(text));
  }

  @Override
  public String toString() {
    return "--- watcher stdout\n" + out() + "--- watcher stderr\n" + err();
  }

  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Polls {@code condition} every 100 ms up to {@code seconds}; true when it held. */
  public static boolean eventually(int seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        if (condition.getAsBoolean()) return true;
      } catch (RuntimeException notYet) {
        // polled again
      }
      if (System.nanoTime() > deadline) return false;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
