package jokku.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Folder-tree copies for {@link Store} (cloning and renaming apps). */
final class Trees {
  private Trees() {}

  /**
   * Copies a folder tree, keeping file modes and copying symbolic links as links. Entries whose path relative to
   * {@code from} (or one of whose parents) matches {@code skip} are left out. A missing source is fine.
   */
  static void copy(Path from, Path to, Predicate<Path> skip) {
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> s = Files.walk(from)) {
      for (Path src : s.toList()) {
        Path rel = from.relativize(src);
        if (!rel.toString().isEmpty() && skipped(rel, skip)) continue;
        Path dst = rel.toString().isEmpty() ? to : to.resolve(rel.toString());
        if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
          Store.mkdirs(dst);
        } else {
          Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean skipped(Path rel, Predicate<Path> skip) {
    for (Path p = rel; p != null; p = p.getParent()) if (skip.test(p)) return true;
    return false;
  }
}
