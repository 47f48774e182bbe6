package jokku.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuException;
import jokku.engine.Json;

/**
 * Dokku's {@code ps:report} / {@code checks:report} rendering: a header and {@code Label: value} lines padded to
 * the longest flag (at least 31), the value of a single info flag, or one JSON object.
 */
final class ProcessReport {
  private ProcessReport() {}

  /** The parsed arguments: app ("" for all), format, and at most one info flag. */
  record Args(String app, String format, String flag) {}

  static Args parse(String plugin, List<String> raw) {
    String format = "stdout";
    String app = "";
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String a = raw.get(i);
      if (a.equals("--format")) {
        if (i + 1 >= raw.size()) throw new DokkuException(2, "flag needs an argument: --format (use --format stdout or --format json)");
        format = raw.get(++i);
      } else if (a.startsWith("--format=")) {
        format = a.substring("--format=".length());
      } else if (a.startsWith("--")) {
        flags.add(a);
      } else if (app.isEmpty()) {
        app = a;
      } else {
        throw new DokkuException("Too many arguments: " + a + " (usage: " + plugin + ":report [<app>] [<flag>])");
      }
    }
    if (flags.size() > 1) throw new DokkuException(plugin + ":report command allows only a single flag, got " + String.join(" ", flags));
    if (!format.equals("stdout") && !format.equals("json")) throw new DokkuException("Format must be \"stdout\" or \"json\": \"" + format + "\"");
    String flag = flags.isEmpty() ? null : flags.get(0);
    if (format.equals("json") && flag != null) throw new DokkuException("--format flag cannot be specified when specifying an info flag");
    return new Args(app, format, flag);
  }

  /**
   * Prints one app's report. {@code trimmed} is the flag prefix JSON keys lose ({@code --checks-}); without it the
   * keys keep everything after {@code --}.
   */
  static void print(Out out, String type, String app, Map<String, String> flags, Args a, String trimmed) {
    Map<String, String> sorted = new TreeMap<>(flags);
    if (a.format().equals("json")) {
      Map<String, String> data = new TreeMap<>();
      sorted.forEach((k, v) -> data.put(trimmed != null && k.startsWith(trimmed) ? k.substring(trimmed.length()) : k.substring(2), v));
      out.println(Json.write(data));
      return;
    }
    if (a.flag() != null) {
      if (!sorted.containsKey(a.flag())) throw new DokkuException("Invalid flag passed, valid flags: " + String.join(", ", sorted.keySet()));
      out.println(sorted.get(a.flag()));
      return;
    }
    int width = 31;
    for (String k : sorted.keySet()) width = Math.max(width, k.length());
    out.info2Quiet(app + " " + type + " information");
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String s = e.getKey().substring(2).replace('-', ' ').replace('.', ' ');
      String label = Character.toUpperCase(s.charAt(0)) + s.substring(1) + ":";
      out.verbose(label + " ".repeat(Math.max(0, width - label.length())) + e.getValue());
    }
  }
}
