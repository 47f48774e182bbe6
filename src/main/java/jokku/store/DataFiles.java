package jokku.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plugin data files ({@code $DOKKU_LIB_ROOT/data/<plugin>/<scope>/<name>}, scope "" for the plugin's own folder):
 * atomic writes and streams. Part of {@link Store}.
 */
public interface DataFiles {
  Path root();

  Path lib();

  default Path dataPath(String plugin, String scope, String name) {
    return lib().resolve("data").resolve(plugin).resolve(scope).resolve(name);
  }

  /** The data file's content, or "" when it does not exist. */
  default String readData(String plugin, String scope, String name) {
    return FileOps.read(dataPath(plugin, scope, name));
  }

  /** Writes a data file atomically (mode 0644). */
  default void writeData(String plugin, String scope, String name, String content) {
    FileOps.writeAtomic(dataPath(plugin, scope, name), content, false);
  }

  /** {@link #writeData} unless the file already holds exactly this content (no write, no fsync). */
  default void writeDataIfChanged(String plugin, String scope, String name, String content) {
    FileOps.writeAtomicIfChanged(dataPath(plugin, scope, name), content, false);
  }

  default void deleteData(String plugin, String scope, String name) {
    FileOps.delete(dataPath(plugin, scope, name));
  }

  default boolean dataExists(String plugin, String scope, String name) {
    return Files.isRegularFile(dataPath(plugin, scope, name));
  }

  /** Copies a stream into a data file: readers see the old file or the complete new one. */
  default void writeDataStream(String plugin, String scope, String name, InputStream in) {
    Path file = dataPath(plugin, scope, name);
    FileOps.mkdirs(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 30));
    try {
      Files.copy(in, tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      FileOps.delete(tmp);
      throw new UncheckedIOException(e);
    }
  }

  /** Renames a data file within the same folder, replacing the target atomically. */
  default void moveData(String plugin, String scope, String from, String to) {
    try {
      Files.move(dataPath(plugin, scope, from), dataPath(plugin, scope, to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a data file for reading. */
  default InputStream openData(String plugin, String scope, String name) {
    try {
      return Files.newInputStream(dataPath(plugin, scope, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  default Path dataDir(String plugin, String app) {
    return lib().resolve("data").resolve(plugin).resolve(app);
  }

  /** Every plugin that has a data folder. */
  default List<String> dataPlugins() {
    return FileOps.subfolders(lib().resolve("data"));
  }

}
