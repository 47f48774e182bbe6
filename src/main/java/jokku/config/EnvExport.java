package jokku.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuException;
import jokku.engine.Json;

/** The text forms Dokku prints an environment in ({@code config:export --format ...}, {@code config:show}). */
public final class EnvExport {
  public static final List<String> FORMATS = List.of("exports", "envfile", "docker-args", "docker-args-keys", "shell", "pretty", "json", "json-list");

  private EnvExport() {}

  /** What {@code config:export --format <format>} prints, trailing separator included. */
  public static String export(Map<String, String> env, String format) {
    Map<String, String> sorted = new TreeMap<>(env);
    switch (format) {
      case "exports": return joined(sorted, "export ", "\n") + "\n";
      case "envfile": return envfile(sorted) + "\n";
      case "docker-args": return joined(sorted, "--env=", " ") + "\n";
      case "docker-args-keys": return String.join(" ", prefixed("--env=", sorted)) + "\n";
      case "shell": return joined(sorted, "", " ") + " ";
      case "pretty": return pretty("", sorted) + "\n";
      case "json": return Json.write(sorted) + "\n";
      case "json-list": return jsonList(sorted) + "\n";
      default: throw new DokkuException("Unknown export format: " + format);
    }
  }

  /** {@code KEY='value'} entries (single quotes escaped as {@code '\''}), each with a prefix, joined. */
  private static String joined(Map<String, String> env, String prefix, String separator) {
    List<String> l = new ArrayList<>();
    env.forEach((k, v) -> l.add(prefix + k + "=" + EnvFile.quote(v)));
    return String.join(separator, l);
  }

  private static List<String> prefixed(String prefix, Map<String, String> env) {
    List<String> l = new ArrayList<>();
    for (String k : env.keySet()) l.add(prefix + k);
    return l;
  }

  /** godotenv's format: {@code KEY="value"} with {@code \ " ! $ `} and newlines escaped; integers bare; lines sorted. */
  private static String envfile(Map<String, String> env) {
    List<String> lines = new ArrayList<>();
    env.forEach((k, v) -> lines.add(isCanonicalInt(v) ? k + "=" + v : k + "=\"" + doubleQuoteEscape(v) + "\""));
    lines.sort(String::compareTo);
    return String.join("\n", lines);
  }

  private static boolean isCanonicalInt(String v) {
    return v.matches("-?(0|[1-9][0-9]{0,17})") && !v.equals("-0");
  }

  private static String doubleQuoteEscape(String v) {
    StringBuilder b = new StringBuilder();
    for (char c : v.toCharArray()) {
      switch (c) {
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\\': case '"': case '!': case '$': case '`': b.append('\\').append(c); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }

  private static String jsonList(Map<String, String> env) {
    List<Object> l = new ArrayList<>();
    env.forEach((k, v) -> {
      Map<String, String> o = new LinkedHashMap<>();
      o.put("name", k);
      o.put("value", v);
      l.add(o);
    });
    return Json.write(l);
  }

  /**
   * Two columns, as Dokku's columnize prints them: {@code KEY:} padded to the longest, two spaces, the value with
   * surrounding whitespace trimmed. Lines are joined with newlines, without a trailing one.
   */
  public static String pretty(String prefix, Map<String, String> env) {
    int width = 0;
    for (String k : env.keySet()) width = Math.max(width, k.length() + 1);
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String label = e.getKey() + ":";
      lines.add(prefix + label + " ".repeat(width - label.length()) + "  " + e.getValue().strip());
    }
    return String.join("\n", lines);
  }
}
