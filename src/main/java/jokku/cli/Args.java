package jokku.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;

/**
 * pflag-style arguments: flags may appear anywhere among the positionals, as {@code --name value} or
 * {@code --name=value}; {@code --} ends the flags. The command's {@link CommandSpec} names the flags it accepts:
 * {@code "--force"} is a switch, {@code "--format="} takes a value, {@code "--label=*"} takes a value and may repeat.
 */
public final class Args {
  private final String command;
  private final List<String> positional = new ArrayList<>();
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private Args(String command) {
    this.command = command;
  }

  /** Parses a command's arguments with the flags its spec declares ({@link CommandSpecs}). */
  public static Args parse(String command, List<String> raw) {
    return parse(command, raw, CommandSpecs.flags(command));
  }

  static Args parse(String command, List<String> raw, List<String> spec) {
    Map<String, Character> kinds = new LinkedHashMap<>();
    for (String s : spec) {
      if (s.endsWith("=*")) kinds.put(s.substring(0, s.length() - 2), '*');
      else if (s.endsWith("=")) kinds.put(s.substring(0, s.length() - 1), '=');
      else kinds.put(s, 'b');
    }
    Args a = new Args(command);
    boolean flags = true;
    for (int i = 0; i < raw.size(); i++) {
      String t = raw.get(i);
      if (flags && t.equals("--")) {
        flags = false;
        continue;
      }
      if (!flags || !t.startsWith("-") || t.equals("-")) {
        a.positional.add(t);
        continue;
      }
      String name = t;
      String value = null;
      int eq = t.indexOf('=');
      if (t.startsWith("--") && eq > 0) {
        name = t.substring(0, eq);
        value = t.substring(eq + 1);
      }
      Character kind = kinds.get(name);
      if (kind == null) {
        throw new DokkuException(2, "unknown flag: " + name + " for " + command + validFlags(kinds));
      }
      if (kind == 'b') {
        if (value != null && !value.equals("true") && !value.equals("false")) {
          throw new DokkuException(2, "invalid value \"" + value + "\" for " + name + ": expected true or false");
        }
        if (!"false".equals(value)) a.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
        continue;
      }
      if (value == null) {
        if (i + 1 >= raw.size()) throw new DokkuException(2, "flag needs an argument: " + name);
        value = raw.get(++i);
      }
      List<String> l = a.values.computeIfAbsent(name, k -> new ArrayList<>());
      if (kind == '=' && !l.isEmpty()) l.clear();
      l.add(value);
    }
    return a;
  }

  private static String validFlags(Map<String, Character> kinds) {
    return kinds.isEmpty() ? " (it takes no flags)" : " (valid flags: " + String.join(", ", kinds.keySet()) + ")";
  }

  public List<String> positional() {
    return positional;
  }

  public int size() {
    return positional.size();
  }

  public String arg(int i) {
    return i < positional.size() ? positional.get(i) : "";
  }

  public boolean has(String flag) {
    return values.containsKey(flag);
  }

  public String value(String flag, String fallback) {
    List<String> l = values.get(flag);
    return l == null || l.isEmpty() ? fallback : l.get(l.size() - 1);
  }

  public List<String> values(String flag) {
    return values.getOrDefault(flag, List.of());
  }

  /** Fails when more positionals were given than the command takes, quoting its usage (its {@link CommandSpec}). */
  public Args atMost(int n) {
    if (positional.size() > n) throw tooMany(command, positional.subList(n, positional.size()));
    return this;
  }

  /** The "Too many arguments" error of {@code command}: the words it does not take, and its usage. */
  static DokkuException tooMany(String command, List<String> extra) {
    return new DokkuException(1, "Too many arguments: " + String.join(" ", extra) + " (usage: " + usage(command) + ")");
  }

  /** {@code command}'s usage as errors quote it (see {@link CommandSpecs#usage}). */
  static String usage(String command) {
    return CommandSpecs.usage(command);
  }
}
