package jokku.cli;

import java.util.List;
import jokku.access.Rule;
import jokku.property.PsSettings;

/**
 * {@code ps:set <app>|--global <key> [<value>]} and {@code ps:restore [--all|<app>]}: what Dokku's boot unit runs to
 * bring back every deployed app whose {@code restore} is not false ({@code ps:stop} sets it false, {@code ps:start}
 * clears it).
 */
final class PsPropertyCommands {
  private PsPropertyCommands() {}

  static void register(Registry r) {
    r.command("ps:set", PropertySet.of(() -> PsSettings.PROPERTIES)).command("ps:restore", PsPropertyCommands::restore);
    r.access(Rule.app(), "ps:set").access(Rule.appOrAll(), "ps:restore");
  }

  /** Without an app, every app (as {@code --all}): what the boot unit runs. */
  static int restore(Ctx ctx, List<String> raw) {
    List<String> args = raw;
    if (Args.parse("ps:restore", raw).size() == 0 && !raw.contains("--all")) {
      args = new java.util.ArrayList<>(raw);
      args.add("--all");
    }
    boolean all = args.contains("--all");
    return PsCommands.eachApp(ctx, "ps:restore", args, 0, (scheduler, app, rest) -> {
      if (!scheduler.isDeployed(app)) {
        if (!all) ctx.out.warn("App " + app + " has not been deployed");
        return;
      }
      if (!new PsSettings(ctx.store()).restore(app)) {
        ctx.out.info1Quiet("Skipping " + app + ": restore is disabled (ps:stop or ps:set " + app + " restore false)");
        return;
      }
      ctx.out.info1Quiet("Restoring app " + app);
      scheduler.start(app);
    });
  }
}
