package jokku.cli;

import java.util.List;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.deploy.ImageRegistry;
import jokku.store.Store;

/** {@code registry:set} and {@code registry:report}: where app images are pushed (and swarm nodes pull them from). */
final class RegistryCommands {
  private RegistryCommands() {}

  static void register(Registry r) {
    r.command("registry:set", RegistryCommands::set)
        .command("registry:report", PluginReport.of("registry", (ctx, scope) -> new ImageRegistry(ctx.store()).report(scope)).global().strippedKeys());
    r.access(Rule.app(), "registry:set").access(Rule.listing(), "registry:report");
  }

  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("registry:set", raw, "--global");
    boolean global = a.has("--global");
    int first = global ? 0 : 1;
    a.atMost(first + 2);
    String scope = global ? Store.GLOBAL : a.arg(0);
    if (!global) AppName.verify(ctx.store(), scope);
    String key = a.arg(first), value = a.arg(first + 1);
    if (key.isEmpty()) throw new jokku.DokkuException("No property specified");
    ImageRegistry.validate(key, value);
    if (global && key.equals("image-repo")) throw new jokku.DokkuException("Property cannot be specified globally");
    try (Store.Lock l = ctx.store().lock(scope)) {
      ctx.store().setProperty(ImageRegistry.PLUGIN, scope, key, value);
    }
    if (value.isEmpty()) ctx.out.info2Quiet("Unsetting " + key);
    else ctx.out.info2Quiet("Setting " + key + " to " + value);
    return 0;
  }
}
