package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/jokku} in real processes: a command that reloads nginx, and a deploy (whose old container leaves through
 * the detached retirement), end as soon as they are done, like a command that starts no helper. Measured here: the
 * gap between the last byte a command writes and its exit. The hold this guards against comes from a helper process
 * still running when the JVM exits (HotSpot then waits about 300 ms for threads in native code), which is longer than
 * a whole plain command; a command that ends its helpers exits a few ms after its last byte. So: the reloading
 * commands' gaps, beyond the plain command's, must stay below the plain command's whole run time (the fastest of the
 * rounds each, so a load spike on the machine does not decide). {@code --trace} makes the reload's own line the last
 * output, so the gap holds nothing but the exit.
 */
@Tag("engine")
class ExitTimingIT {
  private static final Path LAUNCHER = Path.of("bin/jokku").toAbsolutePath();
  private static final Path CACHE = Path.of("target/it-aot").toAbsolutePath();
  private static final int ROUNDS = 3;

  /** One process: its output (stdout and stderr), when it started, wrote its last byte and exited (nanoTime). */
  record Timed(int code, String output, long start, long lastByte, long exit) {
    double gapMs() {
      return (exit - lastByte) / 1e6;
    }

    double runMs() {
      return (exit - start) / 1e6;
    }
  }

  @Test
  void reloadingCommandsAndDeploysExitRightAfterTheirLastOutput() throws Exception {
    try (DeployFixture f = new DeployFixture()) {
      String app = f.app("exit");
      f.ok("checks:set", app, "wait-to-retire", "1"); // the old container leaves through the detached process
      f.ok("git:from-image", app, f.webImage("v1"));
      run(f, "--trace", "proxy:build-config", app); // the start-up archive, made now if missing

      List<Double> plainGap = new ArrayList<>(), plainRun = new ArrayList<>(), setGap = new ArrayList<>(), deployGap = new ArrayList<>();
      for (int i = 1; i <= ROUNDS; i++) {
        Timed plain = run(f, "--trace", "proxy:build-config", app);
        assertTrue(plain.output().contains("nginx.conf unchanged, nginx not reloaded"), plain.output());
        plainGap.add(plain.gapMs());
        plainRun.add(plain.runMs());

        Timed set = run(f, "--trace", "nginx:set", app, "client-max-body-size", (i + 1) + "m");
        assertTrue(set.output().contains(" ?     nginx: reloaded, new configuration serving ("), set.output());
        setGap.add(set.gapMs());

        Timed deploy = run(f, "--trace", "ps:restart", app);
        assertTrue(deploy.output().contains("=====> Application deployed:"), deploy.output());
        assertTrue(deploy.output().contains("-----> Shutting down old containers in 1 seconds"), deploy.output());
        deployGap.add(deploy.gapMs());
      }

      String seen = String.format(Locale.ROOT, "exit gaps (ms): plain %s (runs %s), nginx:set %s, ps:restart %s", plainGap, plainRun, setGap, deployGap);
      System.out.println(seen);
      double budget = min(plainRun) + max(plainGap);
      assertTrue(min(setGap) < budget, "nginx:set holds its exit: " + seen);
      assertTrue(min(deployGap) < budget, "a deploy holds its exit: " + seen);
    }
  }

  /** Runs bin/jokku with the fixture's environment, reading its output as it comes. */
  private static Timed run(DeployFixture f, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(f.j.env);
    pb.environment().put("JOKKU_CACHE_DIR", CACHE.toString());
    pb.environment().put("JOKKU_ARCHIVE", "sync");
    long start = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    long last = start;
    byte[] buf = new byte[8192];
    try (InputStream in = p.getInputStream()) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        last = System.nanoTime();
        out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    long exit = System.nanoTime();
    assertEquals(0, p.exitValue(), String.join(" ", args) + "\n" + out);
    return new Timed(p.exitValue(), out.toString(), start, last, exit);
  }

  private static double min(List<Double> l) {
    return l.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  private static double max(List<Double> l) {
    return l.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }
}
