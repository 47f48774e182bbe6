package jokku.cli;

import java.util.List;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.scheduler.SchedulerSettings;
import jokku.scheduler.Schedulers;
import jokku.store.Store;

/** {@code scheduler:set} and {@code scheduler:report}: which scheduler runs an app's processes. */
final class SchedulerCommands {
  private SchedulerCommands() {}

  static void register(Registry r) {
    r.command("scheduler:set", SchedulerCommands::set)
        .command("scheduler:report", PluginReport.of("scheduler", (ctx, scope) -> new SchedulerSettings(ctx.store()).report(scope)).global().strippedKeys());
    r.access(Rule.app(), "scheduler:set").access(Rule.listing(), "scheduler:report");
  }

  /** Dokku's {@code CommandPropertySet}; a change moves deployed apps off the scheduler they leave. */
  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("scheduler:set", raw, "--global");
    boolean global = a.has("--global");
    int first = global ? 0 : 1;
    a.atMost(first + 2);
    String scope = global ? Store.GLOBAL : a.arg(0);
    if (!global) AppName.verify(ctx.store(), scope);
    String key = a.arg(first), value = a.arg(first + 1);
    if (key.isEmpty()) throw new jokku.DokkuException("No property specified");
    SchedulerSettings.validate(key, value);
    Schedulers schedulers = DeployWiring.schedulers(ctx);
    schedulers.checkSelection(scope, value);
    if (value.isEmpty()) ctx.out.info2Quiet("Unsetting " + key);
    else ctx.out.info2Quiet("Setting " + key + " to " + value);
    schedulers.select(scope, value);
    return 0;
  }
}
