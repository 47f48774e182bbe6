package jokku.deploy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.DokkuException;

/**
 * A Procfile, parsed with procfile-util's rules (the ones Dokku uses): {@code name: command} lines, {@code #} and
 * {@code //} comment lines, trailing {@code " #..."} / {@code " //..."} comments stripped, unique names of at most 63
 * characters. A command becomes the container's argv after {@code $PORT}, {@code $PS} and the app's config
 * variables are expanded, then split into shell words.
 */
public final class Procfile {
  private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+):\\s*(.+)$");
  private static final Pattern COMMENT = Pattern.compile("^(.*)\\s#.+$");
  private static final Pattern SLASH_COMMENT = Pattern.compile("^(.*)\\s//.+$");
  private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))");

  public static final Procfile NONE = new Procfile(Map.of(), "");

  private final Map<String, String> commands;
  private final String text;

  private Procfile(Map<String, String> commands, String text) {
    this.commands = Collections.unmodifiableMap(commands);
    this.text = text;
  }

  /** Parses a Procfile; a malformed one fails the deploy with procfile-util's message. */
  public static Procfile parse(String text) {
    Map<String, String> m = new TreeMap<>();
    int n = 0;
    for (String raw : text.split("\n", -1)) {
      n++;
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) continue;
      Matcher lm = LINE.matcher(line);
      if (!lm.matches()) throw invalid("invalid line in procfile, line " + n);
      String name = lm.group(1);
      String cmd = lm.group(2);
      if (name.length() > 63) throw invalid("process name over 63 characters, line " + n);
      if (m.containsKey(name)) throw invalid("process names must be unique, line " + n);
      Matcher c = COMMENT.matcher(cmd);
      Matcher s = SLASH_COMMENT.matcher(cmd);
      if (c.matches()) cmd = c.group(1);
      else if (s.matches()) cmd = s.group(1);
      cmd = cmd.trim();
      if (cmd.startsWith("#") || cmd.startsWith("//")) throw invalid("comment specified in place of command, line " + n);
      if (cmd.isEmpty()) throw invalid("no command specified, line " + n);
      m.put(name, cmd);
    }
    if (m.isEmpty()) throw invalid("no entries found in Procfile");
    return new Procfile(m, text);
  }

  private static DokkuException invalid(String why) {
    return new DokkuException("Invalid Procfile: " + why);
  }

  public boolean exists() {
    return !commands.isEmpty();
  }

  /** The file as it was read (what is committed to {@code data/ps/<app>/Procfile}). */
  public String text() {
    return text;
  }

  public Set<String> processTypes() {
    return commands.keySet();
  }

  public boolean has(String proc) {
    return commands.containsKey(proc);
  }

  public Optional<String> command(String proc) {
    return Optional.ofNullable(commands.get(proc));
  }

  /**
   * The argv for a process type, or empty when the Procfile does not name it (the image's own command runs).
   * {@code $PORT} is the port the container gets in its {@code PORT} variable (5000 when empty, procfile-util's
   * default), {@code $PS} the process type, config variables their values; any other variable is left for the
   * container's shell.
   */
  public Optional<List<String>> argv(String proc, Map<String, String> env, String port) {
    String cmd = commands.get(proc);
    if (cmd == null) return Optional.empty();
    return Optional.of(ShellWords.split(expand(cmd, proc, env, port)));
  }

  static String expand(String cmd, String proc, Map<String, String> env, String port) {
    Matcher m = VAR.matcher(cmd);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value;
      if (name.equals("PORT")) value = port.isEmpty() ? "5000" : port;
      else if (name.equals("PS")) value = proc;
      else if (env.containsKey(name)) value = env.get(name);
      else value = m.group();
      m.appendReplacement(b, Matcher.quoteReplacement(value));
    }
    m.appendTail(b);
    return b.toString();
  }
}
