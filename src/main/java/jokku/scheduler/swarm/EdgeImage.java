package jokku.scheduler.swarm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.engine.Engine;
import jokku.image.Tar;

/**
 * The edge's image, built once per nginx binary on the manager's engine from this machine's own nginx and the
 * shared libraries it links (no registry needed): {@code jokku/swarm-edge:<size>-<mtime>}.
 */
final class EdgeImage {
  private static final Pattern LIB = Pattern.compile("(/\\S+) \\(0x[0-9a-f]+\\)|=> (/\\S+) \\(0x[0-9a-f]+\\)");

  private EdgeImage() {}

  static String ensure(Engine engine, Map<String, String> labels) {
    Path nginx = binary();
    String tag;
    try {
      tag = "jokku/swarm-edge:" + Files.size(nginx) + "-" + Files.getLastModifiedTime(nginx).toMillis() / 1000;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (engine.image(tag).isPresent()) return tag;
    Map<String, byte[]> files = new LinkedHashMap<>();
    StringBuilder df = new StringBuilder("FROM scratch\nCOPY rootfs/ /\n");
    labels.forEach((k, v) -> df.append("LABEL ").append(quote(k)).append('=').append(quote(v)).append('\n'));
    files.put("Dockerfile", df.toString().getBytes(StandardCharsets.UTF_8));
    try {
      files.put("rootfs/usr/sbin/nginx", Files.readAllBytes(nginx));
      for (String lib : libraries(nginx)) files.put("rootfs" + lib, Files.readAllBytes(Path.of(lib)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.put("rootfs/etc/passwd", "root:x:0:0::/:/none\nnobody:x:65534:65534::/:/none\n".getBytes(StandardCharsets.UTF_8));
    files.put("rootfs/etc/group", "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8));
    files.put("rootfs/tmp/.keep", new byte[0]);
    files.put("rootfs/edge/.keep", new byte[0]);
    engine.images().buildTagged(new ByteArrayInputStream(Tar.of(files, 0755)), tag, s -> {});
    return tag;
  }

  private static Path binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin").split(":")) {
      Path p = Path.of(dir, "nginx");
      if (Files.isExecutable(p)) return p;
    }
    Path p = Path.of("/usr/sbin/nginx");
    if (Files.isExecutable(p)) return p;
    throw new DokkuException("nginx is not installed: the swarm edge is built from this machine's nginx (apt-get install nginx)");
  }

  /** The absolute library paths {@code ldd} prints for the binary. */
  static java.util.List<String> libraries(Path binary) {
    try {
      Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) throw new DokkuException("ldd " + binary + " failed: " + out.trim());
      return parseLdd(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DokkuException("interrupted");
    }
  }

  static java.util.List<String> parseLdd(String out) {
    java.util.List<String> l = new java.util.ArrayList<>();
    Matcher m = LIB.matcher(out);
    while (m.find()) l.add(m.group(1) != null ? m.group(1) : m.group(2));
    return l;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
