package jokku.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.config.Config;
import jokku.config.EnvExport;
import jokku.config.EnvFile;
import jokku.property.Scope;

/**
 * {@code config:set|unset|get|show|export|keys}: an app's environment ({@code <app>}) or the global one
 * ({@code --global}, in which case the first word is not an app).
 */
final class ConfigCommands {
  private ConfigCommands() {}

  static void register(Registry r) {
    r.command("config:set", ConfigCommands::set)
        .command("config:unset", ConfigCommands::unset)
        .command("config:clear", ConfigCommands::clear)
        .command("config:get", ConfigCommands::get)
        .command("config:show", ConfigCommands::show)
        .command("config:export", ConfigCommands::export)
        .command("config:keys", ConfigCommands::keys);
    r.access(Rule.app(), "config:set", "config:unset", "config:get", "config:show", "config:export", "config:keys");
  }

  /** The scope (an existing app, or global) and the words after it. */
  private record Target(Scope scope, List<String> rest) {
    boolean global() {
      return scope.isGlobal();
    }
  }

  private static Target target(Ctx ctx, Args a) {
    if (a.has("--global")) return new Target(Scope.GLOBAL, a.positional());
    String app = a.arg(0);
    if (app.isEmpty()) throw new DokkuException("Please specify an app or --global");
    AppName.verify(ctx.store(), app);
    return new Target(Scope.app(app), a.positional().subList(1, a.size()));
  }

  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("config:set", raw);
    Target t = target(ctx, a);
    if (t.rest().isEmpty()) throw new DokkuException("At least one env pair must be given");
    Map<String, String> entries = new LinkedHashMap<>();
    for (String pair : t.rest()) {
      int eq = pair.indexOf('=');
      if (eq < 0) throw new DokkuException("Invalid env pair: " + pair);
      String key = pair.substring(0, eq), value = pair.substring(eq + 1);
      Config.validateKey(key);
      if (a.has("--encoded")) value = decode(key, value);
      entries.put(key, value);
    }
    new Config(ctx.store()).set(t.scope(), entries);
    ctx.out.info1Quiet("Setting config vars");
    if (!ctx.quiet) ctx.out.println(EnvExport.pretty("       ", entries));
    restart(ctx, t, a);
    return 0;
  }

  private static String decode(String key, String value) {
    try {
      return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new DokkuException("illegal base64 data (" + e.getMessage() + ") for key '" + key + "'");
    }
  }

  static int unset(Ctx ctx, List<String> raw) {
    Args a = Args.parse("config:unset", raw);
    Target t = target(ctx, a);
    if (t.rest().isEmpty()) throw new DokkuException("At least one key must be given");
    for (String k : t.rest()) Config.validateKey(k);
    java.util.Set<String> removed = new Config(ctx.store()).unset(t.scope(), t.rest());
    for (String k : new java.util.LinkedHashSet<>(t.rest())) {
      ctx.out.info1Quiet(removed.contains(k) ? "Unsetting " + k : "Skipping " + k + ", it is not set in the environment");
    }
    restart(ctx, t, a);
    return 0;
  }

  /** Dokku's {@code config:clear}: every variable goes ({@code -----> Unsetting KEY} each), then the restart. */
  static int clear(Ctx ctx, List<String> raw) {
    Args a = Args.parse("config:clear", raw);
    Target t = target(ctx, a);
    noTrailing(t);
    for (String k : new Config(ctx.store()).clear(t.scope())) ctx.out.info1Quiet("Unsetting " + k);
    restart(ctx, t, a);
    return 0;
  }

  /** The one place a config change restarts the app ({@link DeployRestarts}). */
  private static void restart(Ctx ctx, Target t, Args a) {
    if (t.global() || a.has("--no-restart") || "0".equals(new Config(ctx.store()).read(t.scope()).get("DOKKU_APP_RESTORE"))) return;
    DeployRestarts.configChanged(ctx, t.scope().app());
  }

  static int get(Ctx ctx, List<String> raw) {
    Args a = Args.parse("config:get", raw);
    Target t = target(ctx, a);
    if (t.rest().isEmpty()) throw new DokkuException("Expected: key");
    if (t.rest().size() > 1) throw new DokkuException("Unexpected argument(s): [" + String.join(" ", t.rest().subList(1, t.rest().size())) + "]");
    String value = new Config(ctx.store()).read(t.scope()).get(t.rest().get(0));
    if (value == null) throw DokkuException.silent(1);
    ctx.out.println(a.has("--quoted") ? EnvFile.quote(value) : value);
    return 0;
  }

  private static Map<String, String> env(Ctx ctx, Target t, boolean merged) {
    Config config = new Config(ctx.store());
    return merged && !t.global() ? config.merged(t.scope().app()) : config.read(t.scope());
  }

  private static void noTrailing(Target t) {
    if (!t.rest().isEmpty()) throw new DokkuException("Trailing argument(s): [" + String.join(" ", t.rest()) + "]");
  }

  static int show(Ctx ctx, List<String> raw) {
    Args a = Args.parse("config:show", raw);
    Target t = target(ctx, a);
    noTrailing(t);
    Map<String, String> env = env(ctx, t, a.has("--merged"));
    if (a.has("--shell") && a.has("--export")) throw new DokkuException("Only one of --shell and --export can be given");
    if (a.has("--shell") || a.has("--export")) { // Dokku's deprecated forms of config:export
      String format = a.has("--shell") ? "shell" : "exports";
      ctx.out.warn("Deprecated: Use 'config:export --format " + format + "' instead");
      ctx.out.print(EnvExport.export(env, format));
      return 0;
    }
    ctx.out.info2Quiet((t.global() ? "global" : t.scope()) + " env vars");
    ctx.out.println(EnvExport.pretty("", env));
    return 0;
  }

  static int export(Ctx ctx, List<String> raw) {
    Args a = Args.parse("config:export", raw);
    Target t = target(ctx, a);
    noTrailing(t);
    String format = a.value("--format", "exports");
    if (!EnvExport.FORMATS.contains(format)) throw new DokkuException("Unknown export format: " + format);
    ctx.out.print(EnvExport.export(env(ctx, t, a.has("--merged")), format));
    return 0;
  }

  static int keys(Ctx ctx, List<String> raw) {
    Args a = Args.parse("config:keys", raw);
    Target t = target(ctx, a);
    noTrailing(t);
    for (String k : env(ctx, t, a.has("--merged")).keySet()) ctx.out.println(k);
    return 0;
  }
}
