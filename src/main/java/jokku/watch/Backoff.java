package jokku.watch;

/** Delays between attempts to reach the engine: doubling from {@code first} up to {@code max}; reset on success. */
public final class Backoff {
  private final long first;
  private final long max;
  private long next;

  public Backoff(long firstMillis, long maxMillis) {
    this.first = firstMillis;
    this.max = maxMillis;
    this.next = firstMillis;
  }

  /** The delay before the next attempt; each call doubles the following one, up to the maximum. */
  public long next() {
    long d = next;
    next = Math.min(max, next * 2);
    return d;
  }

  public void reset() {
    next = first;
  }
}
