package jokku.cli;

import java.util.List;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.deploy.BuilderSettings;
import jokku.store.Store;

/** {@code builder:set} and {@code builder:report}: which builder turns an app's source into its image. */
final class BuilderCommands {
  private BuilderCommands() {}

  static void register(Registry r) {
    r.command("builder:set", BuilderCommands::set)
        .command("builder:report", PluginReport.of("builder", (ctx, scope) -> new BuilderSettings(ctx.store()).report(scope)).global().strippedKeys());
    r.access(Rule.app(), "builder:set").access(Rule.listing(), "builder:report");
  }

  /** Dokku's {@code CommandPropertySet}: checked first, then stored under the scope's lock. */
  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("builder:set", raw, "--global");
    boolean global = a.has("--global");
    int first = global ? 0 : 1;
    a.atMost(first + 2);
    String scope = global ? Store.GLOBAL : a.arg(0);
    if (!global) AppName.verify(ctx.store(), scope);
    String key = a.arg(first), value = a.arg(first + 1);
    if (key.isEmpty()) throw new DokkuException("No property specified");
    BuilderSettings.validate(key, value);
    ctx.out.info2Quiet(value.isEmpty() ? "Unsetting " + key : "Setting " + key + " to " + value);
    try (Store.Lock lock = ctx.store().lock(scope)) {
      new BuilderSettings(ctx.store()).set(scope, value);
    }
    return 0;
  }
}
