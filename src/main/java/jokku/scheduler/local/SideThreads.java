package jokku.scheduler.local;

/** The deploy's short side threads (recording the release, starting the kept shell): joined even when interrupted. */
final class SideThreads {
  private SideThreads() {}

  /** Waits for a short side task to end even when interrupted (no write is left half-way), keeping the interrupt. */
  static void join(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
