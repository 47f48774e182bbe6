package jokku;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every folder and file (content and mode) under some roots, to assert that a command changed nothing on disk. */
public final class Snapshot {
  private Snapshot() {}

  public static Map<String, String> of(Path... roots) {
    Map<String, String> m = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.exists(root)) continue;
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.toList()) {
          String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
          String what = Files.isDirectory(p) ? "dir" : "file " + new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8);
          m.put(p.toString(), mode + " " + what);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return m;
  }

  /** Both state folders of a harness. */
  public static Map<String, String> of(Jokku j) {
    return of(j.root, j.lib);
  }
}
