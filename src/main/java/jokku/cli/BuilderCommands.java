package jokku.cli;

import jokku.access.Rule;
import jokku.deploy.BuilderSettings;
import jokku.property.Scope;

/** {@code builder:set} and {@code builder:report}: which builder turns an app's source into its image. */
final class BuilderCommands {
  private BuilderCommands() {}

  static void register(Registry r) {
    r.command("builder:set", PropertySet.of(() -> BuilderSettings.PROPERTIES))
        .command("builder:report", PluginReport.of("builder", (ctx, scope) -> new BuilderSettings(ctx.store()).report(scope)).global().strippedKeys());
    r.access(Rule.app(), "builder:set").access(Rule.listing(), "builder:report");
  }
}
