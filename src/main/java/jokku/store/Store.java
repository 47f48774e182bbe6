package jokku.store;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jokku.DokkuException;

/**
 * Dokku's on-disk state, and the only code that touches files: app folders under {@code $DOKKU_ROOT}, properties in
 * {@code $DOKKU_LIB_ROOT/config/<plugin>/<app|--global>/<key>}, atomic writes and per-app locks.
 */
public final class Store {
  public static final String GLOBAL = "--global";

  private final Path root;
  private final Path lib;

  public Store(Path dokkuRoot, Path libRoot) {
    this.root = dokkuRoot;
    this.lib = libRoot;
  }

  public Path root() {
    return root;
  }

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

  /**
   * Holds a lock on a file under {@code $DOKKU_ROOT} (created with its folder's owner and group, so root and the
   * dokku user can both take it later) until closed. Blocks.
   */
  public Lock lockRootFile(String name) {
    Path file = root.resolve(name);
    mkdirs(file.getParent());
    try {
      if (!Files.exists(file)) {
        Files.createFile(file);
        java.nio.file.attribute.PosixFileAttributes dir = Files.readAttributes(file.getParent(), java.nio.file.attribute.PosixFileAttributes.class);
        if (!Files.getOwner(file).equals(dir.owner())) Files.setOwner(file, dir.owner());
        Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(dir.group());
      }
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // another process created it meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return acquire(file, true, name);
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

  // ---- data files ($DOKKU_LIB_ROOT/data/<plugin>/<scope>/<name>; scope "" for the plugin's own folder) ----

  public Path dataPath(String plugin, String scope, String name) {
    return lib.resolve("data").resolve(plugin).resolve(scope).resolve(name);
  }

  /** The data file's content, or "" when it does not exist. */
  public String readData(String plugin, String scope, String name) {
    return read(dataPath(plugin, scope, name));
  }

  /** Writes a data file atomically (mode 0644). */
  public void writeData(String plugin, String scope, String name, String content) {
    writeAtomic(dataPath(plugin, scope, name), content, false);
  }

  public void deleteData(String plugin, String scope, String name) {
    delete(dataPath(plugin, scope, name));
  }

  public boolean dataExists(String plugin, String scope, String name) {
    return Files.isRegularFile(dataPath(plugin, scope, name));
  }

  /** Copies a stream into a data file: readers see the old file or the complete new one. */
  public void writeDataStream(String plugin, String scope, String name, InputStream in) {
    Path file = dataPath(plugin, scope, name);
    mkdirs(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 30));
    try {
      Files.copy(in, tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      delete(tmp);
      throw new UncheckedIOException(e);
    }
  }

  /** Renames a data file within the same folder, replacing the target atomically. */
  public void moveData(String plugin, String scope, String from, String to) {
    try {
      Files.move(dataPath(plugin, scope, from), dataPath(plugin, scope, to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a data file for reading. */
  public InputStream openData(String plugin, String scope, String name) {
    try {
      return Files.newInputStream(dataPath(plugin, scope, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- properties ----

  public Path propertyDir(String plugin, String scope) {
    return lib.resolve("config").resolve(plugin).resolve(scope);
  }

  /** The stored value, verbatim, or "" when unset. */
  public String property(String plugin, String scope, String key) {
    return read(propertyDir(plugin, scope).resolve(key));
  }

  /** Writes a value atomically, with no trailing newline; an empty value deletes the property. */
  public void setProperty(String plugin, String scope, String key, String value) {
    Path f = propertyDir(plugin, scope).resolve(key);
    if (value == null || value.isEmpty()) delete(f);
    else writeAtomic(f, value, true);
  }

  public Map<String, String> properties(String plugin, String scope) {
    Map<String, String> m = new TreeMap<>();
    Path dir = propertyDir(plugin, scope);
    if (!Files.isDirectory(dir)) return m;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (Files.isRegularFile(p) && !n.startsWith(".")) m.put(n, read(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /** Every plugin that has a property folder. */
  public List<String> plugins() {
    return subfolders(lib.resolve("config"));
  }

  // ---- plugin data folders ($DOKKU_LIB_ROOT/data/<plugin>/<app>) ----

  public Path dataDir(String plugin, String app) {
    return lib.resolve("data").resolve(plugin).resolve(app);
  }

  /** Every plugin that has a data folder. */
  public List<String> dataPlugins() {
    return subfolders(lib.resolve("data"));
  }

  /** Copies a folder tree; see {@link Trees#copy}. */
  public void copyTree(Path from, Path to, Predicate<Path> skip) {
    Trees.copy(from, to, skip);
  }

  private static List<String> subfolders(Path dir) {
    List<String> l = new ArrayList<>();
    if (!Files.isDirectory(dir)) return l;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) if (Files.isDirectory(p)) l.add(p.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    l.sort(Comparator.naturalOrder());
    return l;
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

  // ---- locks ----

  /** Holds the lock for one app (or {@code --global}) across threads and processes until closed. Blocks. */
  public Lock lock(String scope) {
    return acquire(lib.resolve("data").resolve("jokku-locks").resolve(scope + ".lock"), true, scope);
  }

  /** The deploy lock (Dokku's {@code data/apps/<app>/.deploy.lock}); fails at once when another deploy holds it. */
  public Lock tryDeployLock(String app) {
    return acquire(lib.resolve("data").resolve("apps").resolve(app).resolve(".deploy.lock"), false, app);
  }

  /**
   * The {@code ps:retire} lock (Dokku's {@code data/ps/retire}): {@code wait} blocks until it is free, otherwise a
   * held lock fails at once with Dokku's exit 137.
   */
  public Lock retireLock(boolean wait) {
    return acquire(lib.resolve("data").resolve("ps").resolve("retire"), wait, () -> new DokkuException(137, "Failed to acquire ps:retire lock"));
  }

  /**
   * The lock of a long-running process over this DOKKU_ROOT ({@code $DOKKU_ROOT/.<name>.lock}, e.g. network:watch);
   * fails at once with {@code busy} when another process or thread holds it. The kernel releases it when the holder dies.
   */
  public Lock tryRootLock(String name, java.util.function.Supplier<DokkuException> busy) {
    return acquire(root.resolve("." + name + ".lock"), false, busy);
  }

  /** True while a deploy holds the app's deploy lock. Only looks: never creates the lock file or its folder. */
  public boolean isDeployLocked(String app) {
    return FileLocks.isHeld(lib.resolve("data").resolve("apps").resolve(app).resolve(".deploy.lock"));
  }

  /** A held lock. */
  public static final class Lock implements AutoCloseable {
    private final ReentrantLock jvm;
    private final FileChannel channel;
    private final FileLock file;

    Lock(ReentrantLock jvm, FileChannel channel, FileLock file) {
      this.jvm = jvm;
      this.channel = channel;
      this.file = file;
    }

    @Override
    public void close() {
      try {
        if (file != null) file.release();
        if (channel != null) channel.close();
      } catch (IOException ignored) {
        // released by close anyway
      } finally {
        jvm.unlock();
      }
    }
  }

  private Lock acquire(Path path, boolean wait, String what) {
    return FileLocks.acquire(path, wait, () -> deployLocked(what));
  }

  private Lock acquire(Path path, boolean wait, java.util.function.Supplier<DokkuException> busy) {
    return FileLocks.acquire(path, wait, busy);
  }

  private static DokkuException deployLocked(String app) {
    return new DokkuException(1, app + " currently has a deploy lock in place. Exiting...");
  }
}
