package jokku.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineException;

/**
 * Inspects many containers at once on a small pool of connections: the calling thread on the given engine, up to
 * {@link #POOL}{@code - 1} more threads each on an engine (its own connection) of their own, closed afterwards. The
 * engine answers inspects concurrently, so 60 containers take the time of about 15 round trips instead of 60.
 */
final class Inspections {
  static final int POOL = 4;

  /** What the inspects found: descriptions, containers that do not exist, and other failures (id → message). */
  record Found(Map<String, ContainerInfo> containers, Set<String> missing, Map<String, String> errors) {}

  private Inspections() {}

  static Found inspect(Engine main, Supplier<Engine> connections, Collection<String> ids) {
    Found f = new Found(new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet(), new ConcurrentHashMap<>());
    Queue<String> todo = new ConcurrentLinkedQueue<>(ids);
    int helpers = Math.min(POOL, ids.size()) - 1;
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < helpers; i++) {
      Thread t = new Thread(() -> {
        Engine own;
        try {
          own = connections.get();
        } catch (RuntimeException e) {
          return; // the other workers take its share
        }
        try {
          drain(own, todo, f);
        } catch (RuntimeException e) {
          failures.add(e);
        } finally {
          own.close();
        }
      }, "jokku-inspect-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    drain(main, todo, f);
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while inspecting containers", e);
      }
    }
    if (!failures.isEmpty()) throw failures.get(0);
    return f;
  }

  private static void drain(Engine engine, Queue<String> todo, Found f) {
    for (String id = todo.poll(); id != null; id = todo.poll()) {
      try {
        f.containers().put(id, engine.inspectContainer(id));
      } catch (EngineException e) {
        if (e.notFound()) f.missing().add(id);
        else f.errors().put(id, e.getMessage());
      }
    }
  }
}
