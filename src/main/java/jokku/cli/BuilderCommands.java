package jokku.cli;

import jokku.access.Rule;
import jokku.deploy.BuilderSettings;
import jokku.property.Scope;

/** {@code builder:set} and {@code builder:report}: which builder turns an app's source into its image. */
final class BuilderCommands {
  static final String[] HELP = {
    "builder:report [<app>|--global] [<flag>], Displays a builder report for one or more apps",
    "builder:set [--global|<app>] <key> (<value>), Set or clear a builder property for an app (selected: dockerfile or null)"};

  private BuilderCommands() {}

  static void register(Registry r) {
    r.command("builder:set", PropertySet.of(BuilderSettings.PROPERTIES, "builder:set [--global|<app>] <key> (<value>)"))
        .command("builder:report", PluginReport.of("builder", (ctx, scope) -> new BuilderSettings(ctx.store()).report(Scope.of(scope))).global().strippedKeys());
    r.access(Rule.app(), "builder:set").access(Rule.listing(), "builder:report");
  }
}
