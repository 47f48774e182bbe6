package jokku.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuException;
import jokku.Out;
import jokku.engine.Json;

/**
 * Dokku's {@code <plugin>:report} arguments and output: a header and padded {@code Label: value} lines, one value for
 * a single info flag, or one JSON object per line.
 */
final class ReportView {
  private ReportView() {}

  /** What a report was asked for: an app ("" for every app), global mode, the format and at most one info flag. */
  record Request(String app, boolean global, String format, String infoFlag) {
    boolean json() {
      return format.equals("json");
    }
  }

  /**
   * Dokku's {@code ParseReportArgs}: {@code --format} takes the next word (or {@code --format=x}), {@code --global}
   * selects global mode when the plugin has one, any other {@code --word} is an info flag (only one is allowed), the
   * first other word is the app.
   */
  static Request parse(String plugin, List<String> raw, boolean hasGlobal) {
    String format = "stdout";
    boolean global = false;
    List<String> positional = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String a = raw.get(i);
      if (a.equals("--format")) {
        if (i + 1 >= raw.size()) throw new DokkuException(2, "flag needs an argument: --format (use --format stdout or --format json)");
        format = raw.get(++i);
      } else if (a.startsWith("--format=")) {
        format = a.substring("--format=".length());
      } else if (hasGlobal && a.equals("--global")) {
        global = true;
      } else if (a.startsWith("--")) {
        flags.add(a);
      } else {
        positional.add(a);
      }
    }
    if (flags.size() > 1) {
      throw new DokkuException(plugin + ":report command allows only a single flag");
    }
    if (positional.size() > 1 && !global) {
      throw Args.tooMany(plugin + ":report", positional.subList(1, positional.size()));
    }
    String app = global || positional.isEmpty() ? "" : positional.get(0);
    return new Request(app, global, format, flags.isEmpty() ? null : flags.get(0));
  }

  /** Fails unless the format is one Dokku's reports know, or when JSON is combined with an info flag. */
  static void checkFormat(Request r) {
    if (!r.format().equals("stdout") && !r.json()) throw new DokkuException("Format must be \"stdout\" or \"json\": \"" + r.format() + "\"");
    if (r.json() && r.infoFlag() != null) throw new DokkuException("--format flag cannot be specified when specifying an info flag");
  }

  /** Fails when the info flag is not one of the report's, listing the valid ones. */
  static void checkFlag(Request r, Iterable<String> valid) {
    if (r.infoFlag() == null) return;
    List<String> all = new ArrayList<>();
    for (String f : valid) {
      if (f.equals(r.infoFlag())) return;
      all.add(f);
    }
    all.sort(String::compareTo);
    throw new DokkuException("Invalid flag passed, valid flags: " + String.join(", ", all));
  }

  /** How JSON keys are named: the flag without {@code --}, only without {@code --<type>-}, or both (Dokku's legacy prefix). */
  enum Keys { FLAG, STRIPPED, BOTH }

  /**
   * Prints one report. {@code flags} maps raw flags to values. In text, labels are the flags without {@code --},
   * dashes and dots as spaces, first letter uppercased, padded to the longest flag (at least 31), under the header
   * {@code <name> <title> information}. In JSON, keys follow {@code keys}; {@code extra} adds keys.
   */
  static void print(Out out, String type, String title, String name, Map<String, String> flags, Request r, Keys keys, Map<String, String> extra) {
    if (r.json()) {
      Map<String, String> data = new TreeMap<>(extra);
      String prefix = "--" + type + "-";
      flags.forEach((k, v) -> {
        boolean prefixed = k.startsWith(prefix);
        if (keys == Keys.FLAG || keys == Keys.BOTH || !prefixed) data.put(k.substring(2), v);
        if (keys != Keys.FLAG && prefixed) data.put(k.substring(prefix.length()), v);
      });
      out.println(Json.write(data));
      return;
    }
    if (r.infoFlag() != null) {
      out.println(flags.getOrDefault(r.infoFlag(), ""));
      return;
    }
    int width = 31;
    for (String k : flags.keySet()) width = Math.max(width, k.length());
    out.info2Quiet(name + " " + title + " information");
    for (Map.Entry<String, String> e : new TreeMap<>(flags).entrySet()) {
      String label = label(e.getKey()) + ":";
      out.verbose(label + " ".repeat(Math.max(0, width - label.length())) + e.getValue());
    }
  }

  static String label(String flag) {
    String s = flag.substring(2).replace('-', ' ').replace('.', ' ');
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
