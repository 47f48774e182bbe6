package jokku.watch;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The started containers an app's sync waits for: a container that started (restarted by hand, by its restart policy,
 * after a reboot) gets nginx reloaded for its new address only once it accepts connections on its web port, as a
 * deploy's checks guarantee before nginx sees a container. Reloading earlier sends requests to a port nobody listens on
 * yet, and nginx then sidelines the server for its {@code fail_timeout} (10 s by default), long after the app is up.
 * The wait is per app (the loop puts the app off and serves the others meanwhile), probed with a doubling delay from
 * {@code firstMillis} up to {@code maxMillis}, and bounded: {@code boundMillis} after it started, a container that
 * still does not listen is given up on and the app synced anyway. Not thread-safe: the watcher's loop owns it.
 */
final class Readiness {
  /** A container given up on: it did not accept connections within the bound. */
  record GaveUp(String containerId, long waitedMillis) {}

  private final long firstMillis;
  private final long maxMillis;
  private final long boundMillis;
  private final Map<String, Map<String, Long>> startedAt = new HashMap<>();
  private final Map<String, Long> nextDelay = new HashMap<>();

  Readiness(long firstMillis, long maxMillis, long boundMillis) {
    this.firstMillis = firstMillis;
    this.maxMillis = maxMillis;
    this.boundMillis = boundMillis;
  }

  /** {@code containerId} of {@code app} started at {@code now}; waited for from its first start not yet ready. */
  void started(String app, String containerId, long now) {
    startedAt.computeIfAbsent(app, a -> new LinkedHashMap<>()).putIfAbsent(containerId, now);
  }

  /**
   * Probes the app's started containers ({@code accepting}: app, container id → it accepts connections, or has nothing
   * to wait for); those ready or past the bound are done with, the latter reported to {@code gaveUp}. Returns 0 when
   * the app can be synced now, else the delay before the next probe.
   */
  long delay(String app, long now, BiPredicate<String, String> accepting, Consumer<GaveUp> gaveUp) {
    Map<String, Long> waiting = startedAt.get(app);
    if (waiting == null) return 0;
    for (Iterator<Map.Entry<String, Long>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (accepting.test(app, e.getKey())) {
        it.remove();
      } else if (now - e.getValue() >= boundMillis) {
        it.remove();
        gaveUp.accept(new GaveUp(e.getKey(), now - e.getValue()));
      }
    }
    if (waiting.isEmpty()) {
      startedAt.remove(app);
      nextDelay.remove(app);
      return 0;
    }
    long d = nextDelay.getOrDefault(app, firstMillis);
    nextDelay.put(app, Math.min(maxMillis, d * 2));
    return d;
  }

  /** Forgets everything (a full reconcile is about to cover it). */
  void clear() {
    startedAt.clear();
    nextDelay.clear();
  }
}
