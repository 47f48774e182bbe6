package jokku.cli;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.apps.AppName;
import jokku.engine.ContainerInfo;
import jokku.network.NetworkSync;
import jokku.network.ProxyRebuild;
import jokku.proxy.ProxyService;

/**
 * {@code network:rebuild <app>} and {@code network:rebuildall}. The exit code is the number of containers that could
 * not be brought in sync (capped at 125), summed over apps for rebuildall, as Dokku's documentation describes.
 */
final class NetworkRebuildCommands {
  static final int MAX_EXIT = 125;

  private NetworkRebuildCommands() {}

  static void register(Registry r) {
    r.command("network:rebuild", NetworkRebuildCommands::rebuild).command("network:rebuildall", NetworkRebuildCommands::rebuildAll);
  }

  /** The proxy's reaction to changed listeners; the one place it is wired. */
  static ProxyRebuild proxy(Ctx ctx) {
    ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
    return app -> {
      try {
        proxy.build(app);
      } catch (DokkuException e) {
        ctx.out.warn(e.getMessage()); // the exit code counts containers out of sync; nginx kept its previous config
      }
    };
  }

  /** The sync of this invocation: its extra inspect connections trace like the main one. */
  static NetworkSync sync(Ctx ctx) {
    return new NetworkSync(ctx.engine(), ctx.store(), ctx.out, ctx::newEngine);
  }

  static int rebuild(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:rebuild", raw).atMost(1, "network:rebuild <app>");
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    NetworkSync sync = sync(ctx);
    if (!sync.hasState(app)) return 0;
    NetworkSync.Result r = sync.sync(app, sync.listApp(app));
    if (r.listenersChanged()) proxy(ctx).listenersChanged(app);
    return Math.min(r.unsynced(), MAX_EXIT);
  }

  static int rebuildAll(Ctx ctx, List<String> raw) {
    Args.parse("network:rebuildall", raw).atMost(0, "network:rebuildall");
    List<String> apps = ctx.store().apps();
    if (apps.isEmpty()) {
      ctx.out.warn("You haven't deployed any applications yet");
      return 0;
    }
    NetworkSync sync = sync(ctx);
    List<String> withState = apps.stream().filter(sync::hasState).toList();
    if (withState.isEmpty()) return 0;
    Map<String, List<ContainerInfo>> byApp = sync.listAll();
    ProxyRebuild proxy = proxy(ctx);
    long total = 0;
    for (Map.Entry<String, NetworkSync.Result> e : sync.syncAll(withState, byApp).entrySet()) {
      if (e.getValue().listenersChanged()) proxy.listenersChanged(e.getKey());
      total += e.getValue().unsynced();
    }
    return (int) Math.min(total, MAX_EXIT);
  }
}
