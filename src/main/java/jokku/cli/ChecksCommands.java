package jokku.cli;

import java.util.List;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.deploy.ChecksSettings;
import jokku.property.Scope;
import jokku.store.Store;

/** {@code checks:disable|enable|skip|set|report}: the zero-downtime settings of an app. */
final class ChecksCommands {
  private ChecksCommands() {}

  static void register(Registry r) {
    r.command("checks:disable", (ctx, raw) -> toggle(ctx, raw, "checks:disable"))
        .command("checks:enable", (ctx, raw) -> toggle(ctx, raw, "checks:enable"))
        .command("checks:skip", (ctx, raw) -> toggle(ctx, raw, "checks:skip"))
        .command("checks:set", PropertySet.of(() -> ChecksSettings.PROPERTIES))
        .command("checks:report", REPORT);
    r.access(Rule.app(), "checks:disable", "checks:enable", "checks:skip", "checks:set").access(Rule.listing(), "checks:report");
  }

  static int toggle(Ctx ctx, List<String> raw, String cmd) {
    Args a = Args.parse(cmd, raw).atMost(2);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    String procs = a.arg(1).isEmpty() ? ChecksSettings.ALL : a.arg(1);
    for (String p : procs.split(",")) {
      if (!p.equals(ChecksSettings.ALL) && !p.matches("[A-Za-z0-9_-]+")) throw new DokkuException("Invalid process type '" + p + "'");
    }
    Store s = ctx.store();
    String verb = cmd.equals("checks:disable") ? "Disabling" : cmd.equals("checks:enable") ? "Enabling" : "Skipping";
    boolean all = procs.equals(ChecksSettings.ALL);
    // Dokku's wording, down to "app's (<app>)" when every process type is enabled
    ctx.out.info1(verb + " zero downtime for " + (all && !verb.equals("Enabling") ? "app (" + app + ")" : "app's (" + app + ")" + (all ? "" : " proctypes (" + procs + ")")));
    try (Store.Lock l = s.lock(app)) {
      ChecksSettings c = new ChecksSettings(s);
      String disabled = c.disabled(app);
      String skipped = c.skipped(app);
      if (cmd.equals("checks:disable")) {
        String[] r = ChecksSettings.move(procs, disabled, skipped, true);
        disabled = r[0];
        skipped = r[1];
      } else if (cmd.equals("checks:skip")) {
        String[] r = ChecksSettings.move(procs, skipped, disabled, true);
        skipped = r[0];
        disabled = r[1];
      } else {
        disabled = ChecksSettings.move(procs, disabled, "", false)[0];
        skipped = ChecksSettings.move(procs, skipped, "", false)[0];
      }
      c.setLists(app, disabled, skipped);
    }
    return 0;
  }

  private static final Command REPORT =
      PluginReport.of("checks", (ctx, scope) -> new ChecksSettings(ctx.store()).report(scope)).global().strippedKeys();
}
