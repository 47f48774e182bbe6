package jokku.certs;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jokku.DokkuException;

/** The {@code openssl} command (Debian's package), run with its output captured; nothing else in jokku runs it. */
final class OpenSsl {
  private OpenSsl() {}

  record Result(int exit, String out) {
    boolean ok() {
      return exit == 0;
    }

    /** The first line of openssl's complaint, e.g. {@code unable to load certificate}. */
    String firstLine() {
      String t = out.strip();
      int nl = t.indexOf('\n');
      return nl < 0 ? t : t.substring(0, nl);
    }
  }

  static Result run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary());
    cmd.addAll(List.of(args));
    Path out = null;
    try {
      out = Files.createTempFile("jokku-openssl-", ".out");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DokkuException("openssl " + args[0] + " did not finish within 120 seconds");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DokkuException("Cannot run openssl: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DokkuException("Interrupted while running openssl");
    } finally {
      if (out != null) out.toFile().delete();
    }
  }

  private static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "openssl"))) return Path.of(dir, "openssl").toString();
    }
    if (Files.isExecutable(Path.of("/usr/bin/openssl"))) return "/usr/bin/openssl";
    throw new DokkuException("openssl is not installed (on Debian: apt-get install -y openssl)");
  }
}
