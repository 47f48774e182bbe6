package jokku.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * git's own lock files in an app's repository: {@code refs/heads/<b>.lock}, {@code packed-refs.lock},
 * {@code HEAD.lock}, {@code config.lock}, {@code shallow.lock}. git creates one while it rewrites that file and
 * renames it over the file when done, so one that is left is a git killed in the middle of an update (an interrupted
 * push or {@code git:sync}), and every later push of that ref fails with "Unable to create '…lock': File exists".
 * Unlike jokku's own locks (kernel locks, released when their process ends), these stay until removed
 * ({@code git:unlock}); they are stale when no process works in the repository ({@link #processesIn}).
 */
public final class GitLocks {
  private GitLocks() {}

  /** The lock files in the repository: at its top and under {@code refs/} (sorted). */
  public static List<Path> find(Path repo) {
    List<Path> locks = new ArrayList<>();
    if (!Files.isDirectory(repo)) return locks;
    try (Stream<Path> top = Files.list(repo)) {
      top.filter(p -> isLock(p)).forEach(locks::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path refs = repo.resolve("refs");
    if (Files.isDirectory(refs)) {
      try (Stream<Path> s = Files.walk(refs)) {
        s.filter(p -> isLock(p)).forEach(locks::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    locks.sort(null);
    return locks;
  }

  private static boolean isLock(Path p) {
    return p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The processes working in the repository now: those whose current folder is it or inside it (git's
   * {@code receive-pack}, {@code upload-pack}, {@code fetch} and the hooks run there). Only the processes this user
   * may inspect are seen: all of them for root, the dokku user's own otherwise (which every git of the repository is).
   */
  public static List<Long> processesIn(Path repo) {
    List<Long> pids = new ArrayList<>();
    Path real;
    try {
      real = repo.toRealPath();
    } catch (IOException e) {
      return pids;
    }
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.toList()) {
        String name = proc.getFileName().toString();
        if (!name.matches("\\d+") || Long.parseLong(name) == ProcessHandle.current().pid()) continue;
        try {
          if (Files.readSymbolicLink(proc.resolve("cwd")).startsWith(real)) pids.add(Long.parseLong(name));
        } catch (IOException | SecurityException | UnsupportedOperationException notOurs) {
          // gone meanwhile, or another user's
        }
      }
    } catch (IOException e) {
      return pids; // no /proc: nothing to look at
    }
    pids.sort(null);
    return pids;
  }
}
