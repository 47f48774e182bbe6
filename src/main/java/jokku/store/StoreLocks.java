package jokku.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import jokku.DokkuException;

/**
 * The store's locks: per app (or {@code --global}), the deploy lock, the {@code ps:retire} lock and the locks of
 * long-running processes, held across threads and processes. Part of {@link Store}.
 */
public interface StoreLocks {
  Path root();

  Path lib();

  /** Holds the lock for one app (or {@code --global}) across threads and processes until closed. Blocks. */
  default Lock lock(String scope) {
    return acquire(lib().resolve("data").resolve("jokku-locks").resolve(scope + ".lock"), true, scope);
  }

  /** The global scope's lock (plugins' global properties, the global domains, the swarm's nodes); see {@link #lock}. */
  default Lock globalLock() {
    return lock(Store.GLOBAL);
  }

  /**
   * The lock over what apps share with one another (networks named by network properties, host ports mapped): a key
   * that is not an admin may only take one nobody else uses, so the check and the write that follows hold it, or two
   * keys could each see a network or port free and both take it. Taken before any app's lock. Its file name starts
   * with a dot, which no app name does. Blocks.
   */
  default Lock claimsLock() {
    return acquire(lib().resolve("data").resolve("jokku-locks").resolve(".claims.lock"), true, ".claims");
  }

  /** The deploy lock (Dokku's {@code data/apps/<app>/.deploy.lock}); fails at once when another deploy holds it. */
  default Lock tryDeployLock(String app) {
    return acquire(lib().resolve("data").resolve("apps").resolve(app).resolve(".deploy.lock"), false, app);
  }

  /**
   * The {@code ps:retire} lock (Dokku's {@code data/ps/retire}): {@code wait} blocks until it is free, otherwise a
   * held lock fails at once with Dokku's exit 137.
   */
  default Lock retireLock(boolean wait) {
    return acquire(lib().resolve("data").resolve("ps").resolve("retire"), wait, () -> new DokkuException(137, "Failed to acquire ps:retire lock"));
  }

  /**
   * The lock of a long-running process over this DOKKU_ROOT ({@code $DOKKU_ROOT/.<name>.lock}, e.g. network:watch);
   * fails at once with {@code busy} when another process or thread holds it. The kernel releases it when the holder dies.
   */
  default Lock tryRootLock(String name, java.util.function.Supplier<DokkuException> busy) {
    return acquire(root().resolve("." + name + ".lock"), false, busy);
  }

  /** True while a deploy holds the app's deploy lock. Only looks: never creates the lock file or its folder. */
  default boolean isDeployLocked(String app) {
    return FileLocks.isHeld(lib().resolve("data").resolve("apps").resolve(app).resolve(".deploy.lock"));
  }

  /**
   * Holds a lock on a file under {@code $DOKKU_ROOT} (created with its folder's owner and group, so root and the
   * dokku user can both take it later) until closed. Blocks.
   */
  default Lock lockRootFile(String name) {
    Path file = root().resolve(name);
    FileOps.mkdirs(file.getParent());
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

  /** A held lock. */
  final class Lock implements AutoCloseable {
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
