package jokku.cli;

import java.time.Clock;
import java.util.List;
import jokku.DokkuException;
import jokku.store.Store;
import jokku.watch.Backoff;
import jokku.watch.Journal;
import jokku.watch.Watcher;

/**
 * {@code network:watch}: keeps every app's network state what {@code network:rebuild} makes it, driven by the
 * engine's events, until SIGTERM/SIGINT. One watcher per DOKKU_ROOT.
 */
final class WatchCommands {
  /** How long SIGTERM waits for the sync in hand before the process exits. */
  static final long STOP_MILLIS = 900;

  private WatchCommands() {}

  static void register(Registry r) {
    r.command("network:watch", WatchCommands::watch);
  }

  static int watch(Ctx ctx, List<String> raw) {
    Args.parse("network:watch", raw).atMost(0);
    Store store = ctx.store();
    try (Store.Lock ignored = store.tryRootLock("network-watch",
        () -> new DokkuException("network:watch is already running for DOKKU_ROOT " + store.root()))) {
      Journal log = new Journal(ctx.stdout, ctx.stderr, Clock.systemUTC());
      WatchHost host = new WatchHost(ctx, log);
      Watcher w = new Watcher(host, log, ctx.extraLabels(), Clock.systemUTC(), new Backoff(250, 15_000));
      Thread hook = new Thread(() -> {
        host.stop();
        w.stop();
        try {
          w.awaitStopped(STOP_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "jokku-watch-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      log.info("Watching the Docker engine at " + ctx.engine().address() + " for the apps in " + store.root());
      try {
        w.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it stopped the loop
        }
      }
      return 0;
    }
  }
}
