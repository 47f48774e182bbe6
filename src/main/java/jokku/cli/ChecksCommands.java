package jokku.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.deploy.ChecksSettings;
import jokku.store.Store;

/** {@code checks:disable|enable|skip|set|report}: the zero-downtime settings of an app. */
final class ChecksCommands {
  private ChecksCommands() {}

  static void register(Registry r) {
    r.command("checks:disable", (ctx, raw) -> toggle(ctx, raw, "checks:disable"))
        .command("checks:enable", (ctx, raw) -> toggle(ctx, raw, "checks:enable"))
        .command("checks:skip", (ctx, raw) -> toggle(ctx, raw, "checks:skip"))
        .command("checks:set", ChecksCommands::set)
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
      s.setProperty(ChecksSettings.PLUGIN, app, "disabled", disabled);
      s.setProperty(ChecksSettings.PLUGIN, app, "skipped", skipped);
    }
    return 0;
  }

  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("checks:set", raw, "--global").atMost(3);
    List<String> pos = new ArrayList<>(a.positional());
    if (a.has("--global")) pos.add(0, Store.GLOBAL);
    if (pos.size() > 3) throw Args.tooMany("checks:set", pos.subList(3, 4));
    String scope = pos.isEmpty() ? "" : pos.get(0);
    if (!scope.equals(Store.GLOBAL)) AppName.verify(ctx.store(), scope);
    String key = pos.size() > 1 ? pos.get(1) : "";
    String value = pos.size() > 2 ? pos.get(2) : "";
    if (key.isEmpty()) throw new DokkuException("No key specified");
    if (!ChecksSettings.KEYS.contains(key)) throw new DokkuException("Invalid key specified, valid keys include: " + String.join(", ", ChecksSettings.KEYS));
    if (!value.isEmpty() && !value.matches("\\d{1,6}")) throw new DokkuException("Invalid value for " + key + ": '" + value + "' is not a whole number of seconds");
    ctx.out.info2Quiet(value.isEmpty() ? "Unsetting " + key : "Setting " + key + " to " + value);
    try (Store.Lock l = ctx.store().lock(scope)) {
      ctx.store().setProperty(ChecksSettings.PLUGIN, scope, key, value);
    }
    return 0;
  }

  private static final Command REPORT =
      PluginReport.of("checks", (ctx, app) -> flags(ctx.store(), new ChecksSettings(ctx.store()), app)).global().strippedKeys();

  private static Map<String, String> flags(Store s, ChecksSettings c, String app) {
    Map<String, String> f = new LinkedHashMap<>();
    boolean global = app.equals(Store.GLOBAL);
    if (!global) {
      f.put("--checks-disabled-list", c.disabled(app).isEmpty() ? "none" : c.disabled(app));
      f.put("--checks-skipped-list", c.skipped(app).isEmpty() ? "none" : c.skipped(app));
      f.put("--checks-wait-to-retire", s.property(ChecksSettings.PLUGIN, app, "wait-to-retire"));
      f.put("--checks-default-wait", s.property(ChecksSettings.PLUGIN, app, "default-wait"));
    }
    f.put("--checks-global-wait-to-retire", s.property(ChecksSettings.PLUGIN, Store.GLOBAL, "wait-to-retire"));
    f.put("--checks-global-default-wait", s.property(ChecksSettings.PLUGIN, Store.GLOBAL, "default-wait"));
    f.put("--checks-computed-wait-to-retire", String.valueOf(c.waitToRetire(app)));
    f.put("--checks-computed-default-wait", String.valueOf(c.defaultWait(app)));
    return f;
  }
}
