package jokku.cli;

import jokku.access.Rule;
import jokku.property.Scope;
import jokku.scheduler.SchedulerSettings;
import jokku.scheduler.Schedulers;

/** {@code scheduler:set} and {@code scheduler:report}: which scheduler runs an app's processes. */
final class SchedulerCommands {
  private SchedulerCommands() {}

  static void register(Registry r) {
    r.command("scheduler:set", PropertySet.of(() -> SchedulerSettings.PROPERTIES).effect(SchedulerCommands::select))
        .command("scheduler:report", PluginReport.of("scheduler", (ctx, scope) -> new SchedulerSettings(ctx.store()).report(scope)).global().strippedKeys());
    r.access(Rule.app(), "scheduler:set").access(Rule.listing(), "scheduler:report");
  }

  /** A change moves deployed apps off the scheduler they leave; a scheduler this engine cannot run is refused first. */
  private static void select(Ctx ctx, Scope scope, jokku.property.Property p, String value) {
    Schedulers schedulers = DeployWiring.schedulers(ctx);
    schedulers.checkSelection(scope, value);
    PropertySet.announce(ctx, p.key, value);
    schedulers.select(scope, value);
  }
}
