package jokku.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import jokku.DokkuException;
import jokku.engine.Json;
import jokku.store.Store;

/**
 * Dokku's {@code <plugin>:report [<app>|--global] [--format stdout|json] [<--plugin-flag>]}: the arguments, the
 * {@code =====> <app> <plugin> information} block (labels padded to the longest flag, at least 31), the single-flag
 * mode and the JSON object (sorted keys; with {@code trimPrefix} the {@code <plugin>-} prefix is dropped).
 */
final class PluginReport {
  /** Parsed report arguments. */
  record Request(String app, boolean global, String format, String infoFlag) {}

  private PluginReport() {}

  static Request parse(String plugin, List<String> raw) {
    String app = "", format = "stdout", flag = "";
    boolean global = false;
    for (int i = 0; i < raw.size(); i++) {
      String t = raw.get(i);
      if (t.equals("--format")) {
        if (i + 1 >= raw.size()) throw new DokkuException("--format needs a value: stdout or json");
        format = raw.get(++i);
      } else if (t.startsWith("--format=")) {
        format = t.substring("--format=".length());
      } else if (t.equals("--global")) {
        global = true;
      } else if (t.startsWith("--")) {
        if (!flag.isEmpty()) throw new DokkuException(plugin + ":report command allows only a single flag");
        flag = t;
      } else if (app.isEmpty()) {
        app = t;
      } else {
        throw new DokkuException("Too many arguments: " + t + " (usage: " + plugin + ":report [<app>|--global] [--format stdout|json] [<flag>])");
      }
    }
    if (!format.equals("stdout") && !format.equals("json")) throw new DokkuException("Format must be \"stdout\" or \"json\": \"" + format + "\"");
    if (format.equals("json") && !flag.isEmpty()) throw new DokkuException("--format flag cannot be specified when specifying an info flag");
    return new Request(global ? Store.GLOBAL : app, global, format, flag);
  }

  /**
   * Reports one app (or {@code --global}), or every app when none was named.
   *
   * @param values flag (e.g. {@code --domains-app-vhosts}) to value, for one app or {@code --global}
   */
  static int run(Ctx ctx, String plugin, Request r, boolean trimPrefix, Function<String, Map<String, String>> values) {
    if (!r.app().isEmpty()) return one(ctx, plugin, r, r.app(), trimPrefix, values.apply(r.app()));
    List<String> apps = ctx.store().apps();
    if (apps.isEmpty()) {
      ctx.out.warn("You haven't deployed any applications yet");
      return 0;
    }
    for (String app : apps) one(ctx, plugin, r, app, trimPrefix, values.apply(app));
    return 0;
  }

  private static int one(Ctx ctx, String plugin, Request r, String app, boolean trimPrefix, Map<String, String> values) {
    Map<String, String> sorted = new TreeMap<>(values);
    if (!r.infoFlag().isEmpty()) {
      if (!sorted.containsKey(r.infoFlag())) {
        throw new DokkuException("Invalid flag passed, valid flags: " + String.join(", ", new ArrayList<>(sorted.keySet())));
      }
      ctx.out.println(sorted.get(r.infoFlag()));
      return 0;
    }
    if (r.format().equals("json")) {
      Map<String, Object> json = new TreeMap<>();
      sorted.forEach((k, v) -> json.put(trimPrefix ? k.substring(("--" + plugin + "-").length()) : k.substring(2), v));
      ctx.out.println(Json.write(json));
      return 0;
    }
    int width = 31;
    for (String k : sorted.keySet()) width = Math.max(width, k.length());
    ctx.out.info2Quiet(app + " " + plugin + " information");
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String label = e.getKey().substring(2).replace('-', ' ').replace('.', ' ');
      label = Character.toUpperCase(label.charAt(0)) + label.substring(1) + ":";
      ctx.out.verbose(label + " ".repeat(width - label.length()) + e.getValue());
    }
    return 0;
  }
}
