package jokku.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Property files ({@code $DOKKU_LIB_ROOT/config/<plugin>/<app|--global>/<key>}), one value a file, verbatim. Part of
 * {@link Store}; code outside the store reads and writes declared properties through {@code jokku.property}.
 */
public interface PropertyFiles {
  Path root();

  Path lib();

  default Path propertyDir(String plugin, String scope) {
    return lib().resolve("config").resolve(plugin).resolve(scope);
  }

  /** The stored value, verbatim, or "" when unset. */
  default String property(String plugin, String scope, String key) {
    return FileOps.read(propertyDir(plugin, scope).resolve(key));
  }

  /** Writes a value atomically, with no trailing newline; an empty value deletes the property. */
  default void setProperty(String plugin, String scope, String key, String value) {
    Path f = propertyDir(plugin, scope).resolve(key);
    if (value == null || value.isEmpty()) FileOps.delete(f);
    else FileOps.writeAtomic(f, value, true);
  }

  default Map<String, String> properties(String plugin, String scope) {
    Map<String, String> m = new TreeMap<>();
    Path dir = propertyDir(plugin, scope);
    if (!Files.isDirectory(dir)) return m;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (Files.isRegularFile(p) && !n.startsWith(".")) m.put(n, FileOps.read(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /** Every plugin that has a property folder. */
  default List<String> plugins() {
    return FileOps.subfolders(lib().resolve("config"));
  }

}
