package jokku.cli;

import java.util.ArrayList;
import java.util.List;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.deploy.PsSettings;
import jokku.deploy.Scale;
import jokku.store.Store;

/**
 * {@code ps:set <app>|--global <key> [<value>]} and {@code ps:restore [--all|<app>]}: what Dokku's boot unit runs to
 * bring back every deployed app whose {@code restore} is not false ({@code ps:stop} sets it false, {@code ps:start}
 * clears it).
 */
final class PsPropertyCommands {
  private PsPropertyCommands() {}

  static void register(Registry r) {
    r.command("ps:set", PsPropertyCommands::set).command("ps:restore", PsPropertyCommands::restore);
    r.access(Rule.app(), "ps:set").access(Rule.appOrAll(), "ps:restore");
  }

  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("ps:set", raw, "--global").atMost(3);
    List<String> pos = new ArrayList<>(a.positional());
    if (a.has("--global")) pos.add(0, Store.GLOBAL);
    if (pos.size() > 3) throw Args.tooMany("ps:set", pos.subList(3, 4));
    String scope = pos.isEmpty() ? "" : pos.get(0);
    if (!scope.equals(Store.GLOBAL)) AppName.verify(ctx.store(), scope);
    String key = pos.size() > 1 ? pos.get(1) : "";
    String value = pos.size() > 2 ? pos.get(2) : "";
    PsSettings.validate(scope, key, value);
    try (Store.Lock l = ctx.store().lock(scope)) {
      ctx.store().setProperty(Scale.PLUGIN, scope, key, value);
    }
    ctx.out.info2Quiet(value.isEmpty() ? "Unsetting " + key : "Setting " + key + " to " + value);
    return 0;
  }

  /** Without an app, every app (as {@code --all}): what the boot unit runs. */
  static int restore(Ctx ctx, List<String> raw) {
    List<String> args = raw;
    if (Args.parse("ps:restore", raw, "--all", "--parallel=").size() == 0 && !raw.contains("--all")) {
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
