package jokku.cli;

import jokku.access.Rule;
import jokku.deploy.ImageRegistry;
import jokku.property.Scope;

/** {@code registry:set} and {@code registry:report}: where app images are pushed (and swarm nodes pull them from). */
final class RegistryCommands {
  private RegistryCommands() {}

  static void register(Registry r) {
    r.command("registry:set", PropertySet.of(() -> ImageRegistry.PROPERTIES))
        .command("registry:report", PluginReport.of("registry", (ctx, scope) -> new ImageRegistry(ctx.store()).report(scope)).global().strippedKeys());
    r.access(Rule.app(), "registry:set").access(Rule.listing(), "registry:report");
  }
}
