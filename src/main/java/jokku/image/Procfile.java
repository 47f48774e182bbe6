package jokku.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Procfile: {@code <type>: <command>} lines, as procfile-util reads them (blank lines and # comments skipped). */
public final class Procfile {
  private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+):\\s*(.+)$");

  private final Map<String, String> commands;

  private Procfile(Map<String, String> commands) {
    this.commands = commands;
  }

  public static Procfile parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String raw : text.split("\\r?\\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      Matcher x = LINE.matcher(line);
      if (x.matches()) m.putIfAbsent(x.group(1), x.group(2).strip());
    }
    return new Procfile(m);
  }

  /** Whether a word could be a process type (so a Procfile lookup is worth doing). */
  public static boolean isKey(String word) {
    return word.matches("[A-Za-z0-9_-]+");
  }

  public static Procfile empty() {
    return new Procfile(Map.of());
  }

  /** The command of a process type, if the Procfile declares it. */
  public Optional<String> command(String type) {
    return Optional.ofNullable(commands.get(type));
  }

  /** Process types in file order. */
  public Map<String, String> commands() {
    return Map.copyOf(commands);
  }

  public boolean isEmpty() {
    return commands.isEmpty();
  }
}
