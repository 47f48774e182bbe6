package jokku.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.access.Rule;

/** Every plugin and command jokku knows, with Dokku's help text. */
public final class Registry {
  /** A plugin's help: its description and {@code "usage, description"} lines, as Dokku declares them. */
  public record Plugin(String name, String description, List<String> help) {}

  private final Map<String, Plugin> plugins = new TreeMap<>();
  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final List<String> passthrough = new ArrayList<>();
  private final Map<String, Rule> rules = new java.util.HashMap<>();

  public Registry plugin(String name, String description, String... help) {
    plugins.put(name, new Plugin(name, description, List.of(help)));
    return this;
  }

  public Registry command(String name, Command c) {
    commands.put(name, c);
    return this;
  }

  /** A command whose arguments after the app name are passed on untouched (no global-flag stripping). */
  public Registry passthrough(String name, Command c) {
    passthrough.add(name);
    return command(name, c);
  }

  /**
   * Declares who may run registered commands (see {@link Rule}); a command without a declared rule is
   * {@link Rule#ADMIN}: root or an admin key only.
   */
  public Registry access(Rule rule, String... names) {
    for (String n : names) {
      if (!commands.containsKey(n)) throw new IllegalArgumentException("access rule for an unregistered command: " + n);
      rules.put(n, rule);
    }
    return this;
  }

  public Rule rule(String name) {
    return rules.getOrDefault(name, Rule.ADMIN);
  }

  public Command find(String name) {
    return commands.get(name);
  }

  public boolean isPassthrough(String name) {
    return passthrough.contains(name);
  }

  public Plugin plugin(String name) {
    return plugins.get(name);
  }

  public Iterable<Plugin> plugins() {
    return plugins.values();
  }

  public Iterable<String> names() {
    return commands.keySet();
  }

  /** Dokku's {@code CommandUsage}: header, description, then the help lines in two aligned columns. */
  public static String usage(Plugin p) {
    int width = 0;
    for (String h : p.help()) width = Math.max(width, h.split(",", 2)[0].trim().length());
    StringBuilder b = new StringBuilder();
    b.append("Usage: dokku ").append(p.name()).append("[:COMMAND]\n\n").append(p.description()).append("\n\nAdditional commands:");
    for (String h : p.help()) {
      String[] parts = h.split(",", 2);
      String left = parts[0].trim();
      b.append("\n    ").append(left).append(" ".repeat(width - left.length())).append("  ").append(parts.length > 1 ? parts[1].trim() : "");
    }
    return b.append('\n').toString();
  }

  /** {@code <command> --help}: the command's line from its plugin's help, as a usage and a description. */
  public String commandUsage(String command) {
    Plugin p = plugins.get(command.split(":", 2)[0]);
    for (String h : p == null ? List.<String>of() : p.help()) {
      String[] parts = h.split(",", 2);
      String left = parts[0].trim();
      if (left.equals(command) || left.startsWith(command + " ")) {
        return "Usage: dokku " + left + "\n\n" + (parts.length > 1 ? parts[1].trim() : "") + "\n";
      }
    }
    return "Usage: dokku " + command + "\n";
  }

  /** The known command nearest to a mistyped one, or null when nothing is close. */
  public String nearest(String typo) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String n : commands.keySet()) {
      int d = distance(typo, n);
      if (d < bestDistance) {
        bestDistance = d;
        best = n;
      }
    }
    return bestDistance <= Math.max(2, typo.length() / 3) ? best : null;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
