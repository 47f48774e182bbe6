package jokku.store;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Dokku's on-disk state, and the only code that touches files: app folders and files under {@code $DOKKU_ROOT} (here),
 * properties in {@code $DOKKU_LIB_ROOT/config/<plugin>/<app|--global>/<key>} ({@link PropertyFiles}), plugin data
 * ({@link DataFiles}), atomic writes and locks ({@link StoreLocks}). One object; the interfaces only split the file.
 */
public final class Store implements PropertyFiles, DataFiles, StoreLocks {
  public static final String GLOBAL = "--global";

  private final Path root;
  private final Path lib;

  public Store(Path dokkuRoot, Path libRoot) {
    this.root = dokkuRoot;
    this.lib = libRoot;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public Path lib() {
    return lib;
  }

  // ---- apps ----

  public Path appDir(String app) {
    return root.resolve(app);
  }

  public boolean appExists(String app) {
    return !app.isEmpty() && Files.isDirectory(appDir(app));
  }

  /** App names in name order, skipping hidden and uppercase-first folders, as Dokku lists them. */
  public List<String> apps() {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(root)) return names;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (Files.isDirectory(p) && !n.startsWith(".") && !Character.isUpperCase(n.charAt(0))) names.add(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  public void createAppDir(String app) {
    mkdirs(appDir(app));
  }

  /** Removes a folder tree, but never a plain file of the same name (a plugin's global file); missing is fine. */
  public void deleteFolder(Path dir) {
    if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) deleteTree(dir);
  }

  /** Removes a folder tree; missing is fine. */
  public void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- files in the app folder (CONTAINER.web.1, IP.web.1, PORT.web.1, ENV, ...) ----

  public String readAppFile(String app, String name) {
    return read(appDir(app).resolve(name));
  }

  public void writeAppFile(String app, String name, String content) {
    writeAtomic(appDir(app).resolve(name), content, false);
  }

  /** {@link #writeAppFile} unless the file already holds exactly this content (no write, no fsync). */
  public void writeAppFileIfChanged(String app, String name, String content) {
    FileOps.writeAtomicIfChanged(appDir(app).resolve(name), content, false);
  }

  public void deleteAppFile(String app, String name) {
    delete(appDir(app).resolve(name));
  }

  public boolean appFileExists(String app, String name) {
    return Files.isRegularFile(appDir(app).resolve(name));
  }

  /** Whether the app's {@code folder} (or a file directly in it) changed since its file {@code name} was written. */
  public boolean appFolderChangedSince(String app, String folder, String name) {
    return FileOps.changedSince(appDir(app).resolve(folder), appDir(app).resolve(name));
  }

  /** Names of the regular files in a folder of the app folder ({@code acl/}), sorted; hidden files skipped. */
  public List<String> appFolderFiles(String app, String folder) {
    List<String> names = new ArrayList<>();
    Path dir = appDir(app).resolve(folder);
    if (!Files.isDirectory(dir)) return names;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.startsWith(".") && Files.isRegularFile(p)) names.add(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /** Removes a folder of the app folder when it is empty (a folder with entries, or none, is left as it is). */
  public void deleteEmptyAppFolder(String app, String folder) {
    try {
      Files.deleteIfExists(appDir(app).resolve(folder));
    } catch (java.nio.file.DirectoryNotEmptyException kept) {
      // still has entries
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- files directly in $DOKKU_ROOT (VHOST, HOSTNAME) and plugin data folders ----

  public String readRootFile(String name) {
    return read(root.resolve(name));
  }

  public boolean rootFileExists(String name) {
    return Files.isRegularFile(root.resolve(name));
  }

  public void writeRootFile(String name, String content) {
    writeAtomic(root.resolve(name), content, false);
  }

  /**
   * Writes a file under {@code $DOKKU_ROOT} atomically with mode 0600, keeping the owner and group of the file it
   * replaces (of its folder, for a new file): root rewriting {@code ~dokku/.ssh/authorized_keys} leaves it dokku's.
   */
  public void writePrivateRootFile(String name, String content) {
    Path file = root.resolve(name);
    Path like = Files.exists(file) ? file : file.getParent();
    try {
      java.nio.file.attribute.PosixFileAttributes before = Files.exists(like)
          ? Files.readAttributes(like, java.nio.file.attribute.PosixFileAttributes.class) : null;
      writeAtomic(file, content, true);
      if (before != null && !Files.getOwner(file).equals(before.owner())) Files.setOwner(file, before.owner());
      if (before != null) Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(before.group());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code $DOKKU_LIB_ROOT/data/<plugin>}, Dokku's per-plugin data folder. */
  public Path dataDir(String plugin) {
    return lib.resolve("data").resolve(plugin);
  }

  /** Names of the files in the app folder that start with a prefix, sorted. */
  public List<String> appFiles(String app, String prefix) {
    List<String> names = new ArrayList<>();
    Path dir = appDir(app);
    if (!Files.isDirectory(dir)) return names;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.startsWith(prefix) && Files.isRegularFile(p)) names.add(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /**
   * The app folder's files whose names start with one of the prefixes, with their contents, sorted by name: one
   * listing and one read per file (a folder with a matching name is skipped), for readers of many state files.
   */
  public Map<String, String> readAppFiles(String app, List<String> prefixes) {
    Map<String, String> m = new TreeMap<>();
    Path dir = appDir(app);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        for (String prefix : prefixes) {
          if (!n.startsWith(prefix)) continue;
          try (FileInputStream in = new FileInputStream(p.toString())) { // a third of Files.readString's work
            m.put(n, new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (FileNotFoundException e) { // removed since the listing, or a folder
            if (Files.isRegularFile(p)) throw new UncheckedIOException(e);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          break;
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /** Copies a folder tree; see {@link Trees#copy}. */
  public void copyTree(Path from, Path to, Predicate<Path> skip) {
    Trees.copy(from, to, skip);
  }

  // ---- primitives (see FileOps) ----

  public static String read(Path f) {
    return FileOps.read(f);
  }

  public static void delete(Path f) {
    FileOps.delete(f);
  }

  public static void mkdirs(Path dir) {
    FileOps.mkdirs(dir);
  }

  /** Temp file in the same folder, fsync, rename: readers see the old or the new content, never a mix. */
  public static void writeAtomic(Path file, String content, boolean secret) {
    FileOps.writeAtomic(file, content, secret);
  }

  /** {@link #writeAtomic} unless the file already holds exactly this content; true when it wrote. */
  public static boolean writeAtomicIfChanged(Path file, String content, boolean secret) {
    return FileOps.writeAtomicIfChanged(file, content, secret);
  }

}
