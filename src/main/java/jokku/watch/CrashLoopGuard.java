package jokku.watch;

import java.util.HashMap;
import java.util.Map;

/**
 * At most one automatic rebuild per app within {@code windowMillis}: a container that exhausts its restart policy
 * again soon after the rebuild is a crash loop, which another rebuild would only repeat.
 */
public final class CrashLoopGuard {
  private final long windowMillis;
  private final Map<String, Long> rebuiltAt = new HashMap<>();

  public CrashLoopGuard(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /** True (and remembered) when {@code app} may be rebuilt at {@code now}; false inside the window of the last one. */
  public boolean allow(String app, long now) {
    Long last = rebuiltAt.get(app);
    if (last != null && now - last < windowMillis) return false;
    rebuiltAt.put(app, now);
    return true;
  }

  /** When {@code app} was last rebuilt automatically, or -1. */
  public long lastRebuild(String app) {
    return rebuiltAt.getOrDefault(app, -1L);
  }
}
