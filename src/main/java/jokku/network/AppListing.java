package jokku.network;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import jokku.engine.ContainerInfo;

/**
 * The list request of every app's deploy containers, made (and its answer parsed) on a thread of its own while the
 * caller reads the store: on a 2-core machine the engine's answer and the file reading overlap.
 */
final class AppListing {
  private final FutureTask<Map<String, List<ContainerInfo>>> task;

  private AppListing(Supplier<Map<String, List<ContainerInfo>>> list) {
    task = new FutureTask<>(list::get);
    Thread t = new Thread(task, "jokku-list");
    t.setDaemon(true);
    t.start();
  }

  /** Starts the request now. */
  static AppListing start(Supplier<Map<String, List<ContainerInfo>>> list) {
    return new AppListing(list);
  }

  /** Waits for an answer that is not wanted (the engine connection it uses is then free again). */
  void settle() {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException ignored) {
      // not wanted
    }
  }

  /** The containers by app; what the request threw is thrown here. */
  Map<String, List<ContainerInfo>> join() {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the apps' state", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }
}
