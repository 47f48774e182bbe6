package jokku.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jokku.DokkuException;

/** Runs Graphviz's {@code dot} (Debian's {@code graphviz} package) to turn dot text into SVG or PNG. */
final class Graphviz {
  static final String INSTALL = "Graphviz is not installed: apt-get install graphviz (or use --format dot, mermaid or json, which need no Graphviz)";

  private Graphviz() {}

  /** The {@code dot} executable on the invocation's PATH, or null. */
  static String find(Map<String, String> env) {
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir.isEmpty() ? "." : dir, "dot");
      if (f.isFile() && f.canExecute()) return f.getPath();
    }
    return null;
  }

  /** Renders {@code dotText} as {@code svg} or {@code png}. */
  static byte[] render(String dot, String format, String dotText) {
    try {
      Process p = new ProcessBuilder(dot, "-T" + format).start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
      errReader.start();
      Thread writer = new Thread(() -> {
        try (OutputStream in = p.getOutputStream()) {
          in.write(dotText.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // dot exited early: its exit code and stderr say why
        }
      });
      writer.start();
      byte[] image = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DokkuException("Graphviz (" + dot + ") did not finish within 60 s");
      }
      writer.join();
      errReader.join();
      if (p.exitValue() != 0 || image.length == 0) {
        String why = err.toString(StandardCharsets.UTF_8).strip().lines().findFirst().orElse("exit " + p.exitValue());
        throw new DokkuException("Graphviz (" + dot + " -T" + format + ") failed: " + why);
      }
      return image;
    } catch (IOException e) {
      throw new DokkuException("Unable to run Graphviz (" + dot + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DokkuException("Interrupted while running Graphviz");
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process is gone; what was read is kept
    }
  }
}
