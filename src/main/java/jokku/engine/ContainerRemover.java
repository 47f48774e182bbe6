package jokku.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Removes many containers at once, as {@code docker rm -f a b c} does: a few removals run side by side, each on its
 * own connection (a forced removal waits for the container to die, so one-by-one would add the waits up).
 */
public final class ContainerRemover {
  private static final int PARALLEL = 4;
  private final DockerClient c;

  public ContainerRemover(DockerClient client) {
    this.c = client;
  }

  /** Removes the containers (with anonymous volumes); missing ones are fine. The first failure is thrown at the end. */
  public void removeAll(List<String> ids, boolean force) {
    if (ids.isEmpty()) return;
    remove(ids.get(0), force); // on this thread first: it also settles the API version the others reuse
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(ids.subList(1, ids.size()));
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < Math.min(PARALLEL, queue.size()); i++) {
      Thread t = new Thread(() -> {
        for (String id; (id = queue.poll()) != null; ) {
          try {
            remove(id, force);
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        }
      }, "jokku-rm-" + i);
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while removing containers", e);
      }
    }
    if (failure.get() != null) throw failure.get();
  }

  private void remove(String id, boolean force) {
    try (DockerClient.Stream s = c.stream("DELETE", "/containers/" + Engine.enc(id) + "?v=1&force=" + (force ? "1" : "0"), null, null)) {
      byte[] body = s.readAll();
      if (s.status >= 400 && s.status != 404) throw new EngineException(s.status, DockerClient.message(new DockerClient.Response(s.status, Map.of(), body)));
    } catch (IOException e) {
      throw new EngineUnreachable(c.address(), e.getMessage());
    }
  }
}
