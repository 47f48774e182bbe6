package jokku.cli;

import java.util.List;
import java.util.Map;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.network.NetworkSync;
import jokku.proxy.NginxUpstreams;
import jokku.scheduler.Schedulers;

/**
 * {@code network:rebuild <app>} and {@code network:rebuildall}. The exit code is the number of containers that could
 * not be brought in sync (capped at 125), summed over apps for rebuildall, as Dokku's documentation describes.
 */
final class NetworkRebuildCommands {
  static final int MAX_EXIT = 125;

  private NetworkRebuildCommands() {}

  static void register(Registry r) {
    r.command("network:rebuild", NetworkRebuildCommands::rebuild).command("network:rebuildall", NetworkRebuildCommands::rebuildAll);
    r.access(Rule.app(), "network:rebuild");
  }

  /** The plan's reader and applier for network:check and network:graph (rebuild goes through the app's scheduler). */
  static NetworkSync sync(Ctx ctx) {
    return new NetworkSync(ctx.engine(), ctx.store(), ctx.out, new NginxUpstreams(ctx.store())::of);
  }

  static int rebuild(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:rebuild", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    return Math.min(DeployWiring.scheduler(ctx, app).rebuildNetworks(List.of(app)), MAX_EXIT);
  }

  static int rebuildAll(Ctx ctx, List<String> raw) {
    Args.parse("network:rebuildall", raw).atMost(0);
    List<String> apps = ctx.store().apps();
    if (apps.isEmpty()) {
      ctx.out.warn("You haven't deployed any applications yet");
      return 0;
    }
    Schedulers schedulers = DeployWiring.schedulers(ctx);
    long total = 0;
    for (Map.Entry<String, List<String>> e : schedulers.byScheduler(apps).entrySet()) {
      total += schedulers.named(e.getKey()).rebuildNetworks(e.getValue());
    }
    return (int) Math.min(total, MAX_EXIT);
  }
}
