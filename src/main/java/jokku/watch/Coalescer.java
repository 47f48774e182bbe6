package jokku.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a burst of events for one app into one sync: an app becomes due {@code windowMillis} after its first pending
 * event; events arriving before then join it. An event that settles the app by itself (a container started) makes it
 * due after a much shorter window, {@code settleMillis}: the events of the same burst still join it. An app can also be put off to a given time (a deploy in progress).
 * Not thread-safe: the watcher's loop owns it. Times are milliseconds of any monotonic clock.
 */
public final class Coalescer {
  private final long windowMillis;
  private final long settleMillis;
  private final Map<String, Long> dueAt = new LinkedHashMap<>();

  public Coalescer(long windowMillis, long settleMillis) {
    this.windowMillis = windowMillis;
    this.settleMillis = settleMillis;
  }

  /** An event for {@code app} at {@code now}: due at the end of the window, or earlier if already pending. */
  public void add(String app, long now) {
    dueAt.putIfAbsent(app, now + windowMillis);
  }

  /**
   * An event that settles the app's state by itself (a container started: its addresses are final): {@code app} is
   * due {@code settleMillis} after {@code now}, with whatever was pending for it, unless it is due sooner already.
   */
  public void settled(String app, long now) {
    Long at = dueAt.get(app);
    if (at == null || at > now + settleMillis) dueAt.put(app, now + settleMillis);
  }

  /** Puts {@code app} off until {@code at}. */
  public void defer(String app, long at) {
    dueAt.put(app, at);
  }

  /** Removes and returns the apps due at {@code now}, in the order their events came. */
  public List<String> takeDue(long now) {
    List<String> due = new ArrayList<>();
    dueAt.entrySet().removeIf(e -> {
      if (e.getValue() > now) return false;
      due.add(e.getKey());
      return true;
    });
    return due;
  }

  /** Milliseconds from {@code now} until the next app is due (0 if one is), or {@code idle} when none is pending. */
  public long waitMillis(long now, long idle) {
    long w = idle;
    for (long at : dueAt.values()) w = Math.min(w, Math.max(0, at - now));
    return w;
  }

  public boolean pending(String app) {
    return dueAt.containsKey(app);
  }

  /** Forgets everything pending (a full reconcile is about to cover it). */
  public void clear() {
    dueAt.clear();
  }
}
