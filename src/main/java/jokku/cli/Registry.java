package jokku.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.access.Rule;
import jokku.cli.CommandSpecs.Plugin;

/**
 * Every plugin and command jokku knows: the {@link CommandSpecs} (usage, help line, engine, pass-through), the code
 * each command runs, and who may run it.
 */
public final class Registry {
  private final Map<String, Plugin> plugins = new TreeMap<>();
  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final Map<String, Rule> rules = new java.util.HashMap<>();

  /** The registry of {@link CommandSpecs}, without code yet (each {@code *Commands.register} binds its commands). */
  public Registry() {
    this(CommandSpecs.plugins());
  }

  Registry(List<Plugin> specs) {
    for (Plugin p : specs) plugins.put(p.name(), p);
  }

  /** Binds a declared command to its code; a command without a {@link CommandSpec} is a programming error. */
  public Registry command(String name, Command c) {
    if (CommandSpecs.find(name) == null) throw new IllegalArgumentException("no command spec for " + name);
    commands.put(name, c);
    return this;
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

  /** A command whose arguments after the app name are passed on untouched (no global-flag stripping). */
  public boolean isPassthrough(String name) {
    CommandSpec c = CommandSpecs.find(name);
    return c != null && c.passthrough();
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
    for (CommandSpec c : p.commands()) if (!c.hidden()) width = Math.max(width, c.usage().length());
    StringBuilder b = new StringBuilder();
    b.append("Usage: dokku ").append(p.name()).append("[:COMMAND]\n\n").append(p.description()).append("\n\nAdditional commands:");
    for (CommandSpec c : p.commands()) {
      if (c.hidden()) continue;
      b.append("\n    ").append(c.usage()).append(" ".repeat(width - c.usage().length())).append("  ").append(c.description());
    }
    return b.append('\n').toString();
  }

  /** {@code <command> --help}: the command's (first) help line, as a usage and a description. */
  public String commandUsage(String command) {
    CommandSpec c = CommandSpecs.find(command);
    if (c == null || c.hidden()) return "Usage: dokku " + command + "\n";
    return "Usage: dokku " + c.usage() + "\n\n" + c.description() + "\n";
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
