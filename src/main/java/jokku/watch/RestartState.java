package jokku.watch;

/**
 * A stopped container's restart policy and how far it got, from the engine's inspect answer after a {@code die}
 * event. Exhausted: an {@code on-failure:N} policy (N > 0) that has restarted N times, a failing exit, and the engine
 * no longer restarting it. {@code no} (what jokku sets before stopping or retiring a container), {@code always} and
 * {@code unless-stopped} never exhaust.
 */
public record RestartState(String policy, int maxRetries, int restartCount, boolean running, boolean restarting, int exitCode) {
  public boolean exhausted() {
    return policy.equals("on-failure") && maxRetries > 0 && restartCount >= maxRetries && !running && !restarting && exitCode != 0;
  }

  /** {@code on-failure:10} as the user sets it. */
  public String describe() {
    return maxRetries > 0 ? policy + ":" + maxRetries : policy;
  }
}
