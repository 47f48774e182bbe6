package jokku.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Removes many containers at once, as {@code docker rm -f a b c} does: a few removals run side by side, each on its
 * own connection (a forced removal waits for the container to die, so one-by-one would add the waits up).
 */
public final class ContainerRemover {
  private static final int PARALLEL = 4;
  private final DockerClient c;

  ContainerRemover(DockerClient client) {
    this.c = client;
  }

  /** Removes the containers (with anonymous volumes); missing ones are fine. The first failure is thrown at the end. */
  public void removeAll(List<String> ids, boolean force) {
    Map<String, RuntimeException> failures = eachSideBySide(ids, id -> remove(id, force));
    if (!failures.isEmpty()) throw failures.values().iterator().next();
  }

  /** A container to stop (when {@code running}) with its own stop timeout, then remove. */
  public record Retiree(String id, int stopTimeoutSeconds, boolean running) {}

  /**
   * Stops each running container with its timeout (the engine sends SIGTERM, then SIGKILL) and removes it, a few
   * side by side, so one container ignoring SIGTERM does not hold up the others. Returns the failures by id, in
   * the given order; a container already gone is not a failure.
   */
  public Map<String, RuntimeException> stopAndRemoveAll(List<Retiree> containers) {
    Map<String, Retiree> byId = new LinkedHashMap<>();
    for (Retiree r : containers) byId.put(r.id(), r);
    return eachSideBySide(new ArrayList<>(byId.keySet()), id -> {
      Retiree r = byId.get(id);
      if (r.running()) stop(id, r.stopTimeoutSeconds());
      remove(id, true);
    });
  }

  /** Runs {@code work} for each id on up to {@link #PARALLEL} threads; returns the failures by id, in the ids' order. */
  private Map<String, RuntimeException> eachSideBySide(List<String> ids, Consumer<String> work) {
    Map<String, RuntimeException> failed = new ConcurrentHashMap<>();
    if (ids.isEmpty()) return Map.of();
    run(ids.get(0), work, failed); // on this thread first: it also settles the API version the others reuse
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(ids.subList(1, ids.size()));
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < Math.min(PARALLEL, queue.size()); i++) {
      Thread t = new Thread(() -> {
        for (String id; (id = queue.poll()) != null; ) run(id, work, failed);
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
    Map<String, RuntimeException> ordered = new LinkedHashMap<>();
    for (String id : ids) if (failed.containsKey(id)) ordered.put(id, failed.get(id));
    return ordered;
  }

  private static void run(String id, Consumer<String> work, Map<String, RuntimeException> failed) {
    try {
      work.accept(id);
    } catch (RuntimeException e) {
      failed.put(id, e);
    }
  }

  private void stop(String id, int timeoutSeconds) {
    exchange("POST", "/containers/" + Engine.enc(id) + "/stop?t=" + timeoutSeconds); // 304 (already stopped) and 404 are fine
  }

  private void remove(String id, boolean force) {
    exchange("DELETE", "/containers/" + Engine.enc(id) + "?v=1&force=" + (force ? "1" : "0"));
  }

  /** One request on its own connection; an error other than 404 is thrown with the engine's message. */
  private void exchange(String method, String path) {
    DockerClient.Stream s = c.stream(method, path, null, null);
    try (s) {
      byte[] body = s.readAll();
      if (s.status >= 400 && s.status != 404) throw new EngineException(s.status, DockerClient.message(new DockerClient.Response(s.status, Map.of(), body)));
    } catch (IOException e) {
      throw HttpFraming.broke(s.body(), e);
    }
  }
}
