package jokku.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.dockeroptions.ShellWords;

/**
 * A parsed Procfile, with procfile-util's rules (the ones Dokku uses): {@code <type>: <command>} lines, {@code #}
 * and {@code //} comment lines, a trailing {@code " #..."} / {@code " //..."} comment stripped from a command.
 * {@link #parse} skips what it cannot read (for {@code run}); {@link #parseStrict} refuses it, as a deploy does:
 * malformed lines, names over 63 characters, duplicate names, an empty file.
 */
public final class Procfile {
  private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+):\\s*(.+)$");
  private static final Pattern COMMENT = Pattern.compile("^(.*)\\s#.+$");
  private static final Pattern SLASH_COMMENT = Pattern.compile("^(.*)\\s//.+$");
  private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))");

  private final Map<String, String> commands;
  private final String text;

  private Procfile(Map<String, String> commands, String text) {
    this.commands = commands;
    this.text = text;
  }

  public static Procfile parse(String text) {
    return read(text, false);
  }

  /** Parses a Procfile for a deploy: anything procfile-util refuses fails with its message. */
  public static Procfile parseStrict(String text) {
    return read(text, true);
  }

  private static Procfile read(String text, boolean strict) {
    Map<String, String> m = new LinkedHashMap<>();
    int n = 0;
    for (String raw : text.split("\\r?\\n", -1)) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) continue;
      Matcher x = LINE.matcher(line);
      String problem = null;
      String cmd = x.matches() ? stripComment(x.group(2)) : "";
      if (!x.matches()) problem = "invalid line in procfile, line " + n;
      else if (x.group(1).length() > 63) problem = "process name over 63 characters, line " + n;
      else if (m.containsKey(x.group(1))) problem = "process names must be unique, line " + n;
      else if (cmd.startsWith("#") || cmd.startsWith("//")) problem = "comment specified in place of command, line " + n;
      else if (cmd.isEmpty()) problem = "no command specified, line " + n;
      if (problem == null) m.put(x.group(1), cmd);
      else if (strict) throw new DokkuException("Invalid Procfile: " + problem);
    }
    if (strict && m.isEmpty()) throw new DokkuException("Invalid Procfile: no entries found in Procfile");
    return new Procfile(m, text);
  }

  private static String stripComment(String cmd) {
    Matcher c = COMMENT.matcher(cmd);
    Matcher s = SLASH_COMMENT.matcher(cmd);
    if (c.matches()) cmd = c.group(1);
    else if (s.matches()) cmd = s.group(1);
    return cmd.strip();
  }

  /** Whether a word could be a process type (so a Procfile lookup is worth doing). */
  public static boolean isKey(String word) {
    return word.matches("[A-Za-z0-9_-]+");
  }

  public static Procfile empty() {
    return new Procfile(Map.of(), "");
  }

  /** The command of a process type, if the Procfile declares it. */
  public Optional<String> command(String type) {
    return Optional.ofNullable(commands.get(type));
  }

  /** Process types in file order. */
  public Map<String, String> commands() {
    return Map.copyOf(commands);
  }

  public Set<String> processTypes() {
    return commands.keySet();
  }

  public boolean has(String type) {
    return commands.containsKey(type);
  }

  public boolean isEmpty() {
    return commands.isEmpty();
  }

  /** The file as it was read. */
  public String text() {
    return text;
  }

  /**
   * The argv of a process type's container, or empty when the Procfile does not declare it (the image's own
   * command runs). {@code $PORT} is the port the container gets in {@code PORT} (5000 when empty, procfile-util's
   * default), {@code $PS} the process type, config variables their values; other variables are left for a shell in
   * the container. Then the command is split into shell words, as Dokku appends it to {@code docker create}.
   */
  public Optional<List<String>> argv(String type, Map<String, String> env, String port) {
    String cmd = commands.get(type);
    if (cmd == null) return Optional.empty();
    return Optional.of(ShellWords.split(expand(cmd, type, env, port)));
  }

  static String expand(String cmd, String type, Map<String, String> env, String port) {
    Matcher m = VAR.matcher(cmd);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value;
      if (name.equals("PORT")) value = port.isEmpty() ? "5000" : port;
      else if (name.equals("PS")) value = type;
      else if (env.containsKey(name)) value = env.get(name);
      else value = m.group();
      m.appendReplacement(b, Matcher.quoteReplacement(value));
    }
    m.appendTail(b);
    return b.toString();
  }
}
