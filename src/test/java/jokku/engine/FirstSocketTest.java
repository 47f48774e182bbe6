package jokku.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first unix socket, opened without the JDK's security-provider start-up ({@link FirstSocket}). */
@Tag("engine")
class FirstSocketTest {
  private static final String EXPORT = "--add-exports=java.base/sun.security.jca=ALL-UNNAMED";

  @Test
  void theThreadHasItsUsualProvidersAgainAfterwards() throws Exception {
    FirstSocket.openOne();
    assertEquals("SUN", SecureRandom.getInstance("NativePRNGNonBlocking").getProvider().getName());
    assertNotNull(MessageDigest.getInstance("SHA-256"));
  }

  @Test
  void theStandInRandomReadsTheKernelsBytes() {
    SecureRandom r = new SecureRandom(new FirstSocket.Spi(), new FirstSocket.Urandom()) {};
    byte[] a = new byte[32], b = new byte[32];
    r.nextBytes(a);
    r.nextBytes(b);
    assertFalse(Arrays.equals(a, new byte[32]), "all zero");
    assertFalse(Arrays.equals(a, b), "the same bytes twice");
  }

  /**
   * A real command in a fresh JVM, against the real engine: with the export bin/jokku passes, the SUN provider is
   * never loaded; without it (the control run), the JDK's own set-up loads it, so the first assertion can fail.
   */
  @Test
  void networkListLoadsNoSecurityProviderWhenTheLauncherExportIsGiven(@TempDir Path dir) throws Exception {
    String fast = classesLoaded(dir, "fast", true);
    assertTrue(fast.contains("sun.nio.ch.UnixDomainSockets "), "the command opened no unix socket:\n" + tail(fast));
    assertFalse(fast.contains("sun.security.provider.Sun "), "the SUN provider was loaded");

    String usual = classesLoaded(dir, "usual", false);
    assertTrue(usual.contains("sun.security.provider.Sun "), "the control run did not load the SUN provider");
  }

  private static String classesLoaded(Path dir, String name, boolean export) throws Exception {
    Path log = dir.resolve(name + ".log");
    Path home = Files.createDirectories(dir.resolve(name + "-home"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (export) cmd.add(EXPORT);
    cmd.addAll(List.of("-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), "jokku.Main", "network:list"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile());
    pb.environment().put("DOKKU_ROOT", home.toString());
    pb.environment().put("DOKKU_LIB_ROOT", home.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "network:list did not end");
    String out = Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "network:list failed:\n" + out);
    assertTrue(out.contains("=====> Networks"), out);
    assertNotEquals(0, new File(log.toString()).length(), "no class-loading log");
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static String tail(String s) {
    return s.length() < 2000 ? s : s.substring(s.length() - 2000);
  }
}
