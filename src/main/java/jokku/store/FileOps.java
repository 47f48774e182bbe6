package jokku.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/** The file primitives behind {@link Store}: reads where missing means "", folder creation, atomic writes. */
final class FileOps {
  private FileOps() {}

  /** The file's text ("" when it is missing); a plain stream read, which costs a third less than Files.readString uncompiled. */
  static String read(Path f) {
    try (java.io.FileInputStream in = new java.io.FileInputStream(f.toFile())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.FileNotFoundException e) {
      if (Files.exists(f)) throw new UncheckedIOException(e); // present but unreadable (a folder, no permission)
      return "";
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void mkdirs(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Temp file in the same folder, fsync, rename: readers see the old or the new content, never a mix. */
  static void writeAtomic(Path file, String content, boolean secret) {
    Path dir = file.getParent();
    mkdirs(dir);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 30));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) ch.write(b);
        ch.force(true);
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      delete(tmp);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #writeAtomic} unless the file already holds exactly {@code content}: then nothing is written and nothing
   * synced (the file in place is already durable; its time and mode stay as they are). True when it wrote.
   */
  static boolean writeAtomicIfChanged(Path file, String content, boolean secret) {
    if (read(file).equals(content) && (!content.isEmpty() || Files.exists(file))) return false;
    writeAtomic(file, content, secret);
    return true;
  }

  /**
   * Whether {@code dir} (or an entry directly in it) was modified at or after {@code ref} was: a file added, changed
   * or removed since. False when {@code dir} is missing; true when {@code ref} is.
   */
  static boolean changedSince(Path dir, Path ref) {
    try {
      if (!Files.isDirectory(dir)) return false;
      if (!Files.exists(ref)) return true;
      java.nio.file.attribute.FileTime since = Files.getLastModifiedTime(ref);
      if (Files.getLastModifiedTime(dir).compareTo(since) >= 0) return true;
      try (java.util.stream.Stream<Path> s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          if (Files.getLastModifiedTime(p).compareTo(since) >= 0) return true;
        }
      }
      return false;
    } catch (NoSuchFileException e) {
      return true; // something changed while we looked
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of a folder's subfolders, sorted (none when it does not exist). */
  static java.util.List<String> subfolders(Path dir) {
    java.util.List<String> l = new java.util.ArrayList<>();
    if (!Files.isDirectory(dir)) return l;
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) if (Files.isDirectory(p)) l.add(p.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    l.sort(java.util.Comparator.naturalOrder());
    return l;
  }
}
