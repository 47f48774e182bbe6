package jokku.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import jokku.DokkuException;

/**
 * Locks that hold across threads (a JVM-wide lock per file, since the JVM refuses overlapping file locks) and across
 * processes ({@code flock}-style file locks), as behind {@link Store#lock}.
 */
final class FileLocks {
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private FileLocks() {}

  /** True while some thread or process holds the lock file. Only looks: never creates it. */
  static boolean isHeld(Path path) {
    if (!Files.isRegularFile(path)) return false;
    ReentrantLock jvm = JVM_LOCKS.get(path.toAbsolutePath());
    if (jvm != null && jvm.isLocked()) return true;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
      FileLock fl = ch.tryLock();
      if (fl == null) return true;
      fl.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Store.Lock acquire(Path path, boolean wait, Supplier<DokkuException> busy) {
    FileOps.mkdirs(path.getParent());
    ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(path.toAbsolutePath(), k -> new ReentrantLock());
    if (wait) jvm.lock();
    else if (!jvm.tryLock()) throw busy.get();
    if (jvm.getHoldCount() > 1) {
      // re-entrant use in the same thread: the file lock is already held by the outer holder
      return new Store.Lock(jvm, null, null);
    }
    try {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fl = wait ? ch.lock() : ch.tryLock();
      if (fl == null) {
        ch.close();
        throw busy.get();
      }
      return new Store.Lock(jvm, ch, fl);
    } catch (IOException e) {
      jvm.unlock();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      jvm.unlock();
      throw e;
    }
  }
}
