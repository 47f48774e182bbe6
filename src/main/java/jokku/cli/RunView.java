package jokku.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.Out;
import jokku.engine.ContainerSummary;
import jokku.engine.Json;

/** How {@code run:list} prints: the docker CLI's table (NAMES, COMMAND, CREATED) or Dokku's JSON objects. */
final class RunView {
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx zzz");

  private RunView() {}

  /**
   * {@code docker container ls --format "table {{.Names}}\t{{.Command}}\t{{.RunningFor}}"}, aligned like its
   * tabwriter; under {@code --quiet} Dokku drops {@code table}: no header, and the columns are tab-separated.
   */
  static void table(Out out, List<ContainerSummary> l, long nowSeconds, boolean quiet) {
    List<String[]> rows = new ArrayList<>();
    for (ContainerSummary c : l) rows.add(new String[] {c.name(), Json.write(c.command()), humanDuration(nowSeconds - c.created()) + " ago"});
    if (quiet) {
      for (String[] r : rows) out.println(String.join("\t", r));
      return;
    }
    rows.add(0, new String[] {"NAMES", "COMMAND", "CREATED"});
    int w0 = 20, w1 = 20;
    for (String[] r : rows) {
      w0 = Math.max(w0, r[0].length() + 3);
      w1 = Math.max(w1, r[1].length() + 3);
    }
    for (String[] r : rows) out.println(pad(r[0], w0) + pad(r[1], w1) + r[2]);
  }

  /** Dokku's {@code jq -s} output: pretty-printed, keys name, state, command, created_at. */
  static String json(List<ContainerSummary> l) {
    if (l.isEmpty()) return "[]";
    StringBuilder b = new StringBuilder("[\n");
    for (int i = 0; i < l.size(); i++) {
      ContainerSummary c = l.get(i);
      Map<String, String> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("state", c.state());
      m.put("command", c.command());
      m.put("created_at", GO_TIME.format(Instant.ofEpochSecond(c.created()).atZone(ZoneId.systemDefault())));
      b.append("  {\n");
      int k = 0;
      for (Map.Entry<String, String> e : m.entrySet()) {
        b.append("    ").append(Json.write(e.getKey())).append(": ").append(Json.write(e.getValue())).append(++k < m.size() ? ",\n" : "\n");
      }
      b.append(i + 1 < l.size() ? "  },\n" : "  }\n");
    }
    return b.append(']').toString();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  /** go-units' {@code HumanDuration}, as {@code docker ps} prints "CREATED". */
  static String humanDuration(long seconds) {
    if (seconds < 1) return "Less than a second";
    if (seconds == 1) return "1 second";
    if (seconds < 60) return seconds + " seconds";
    long minutes = seconds / 60;
    if (minutes == 1) return "About a minute";
    if (minutes < 60) return minutes + " minutes";
    long hours = Math.round(seconds / 3600.0);
    if (hours == 1) return "About an hour";
    if (hours < 48) return hours + " hours";
    if (hours < 24 * 7 * 2) return hours / 24 + " days";
    if (hours < 24 * 30 * 2) return hours / 24 / 7 + " weeks";
    if (hours < 24 * 365 * 2) return hours / 24 / 30 + " months";
    return seconds / 3600 / 24 / 365 + " years";
  }
}
