package jokku.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Dokku's {@code ENV} file: one {@code export KEY='value'} line per variable, sorted by key, single quotes written
 * as {@code '\''}. Values may hold any character, newlines included, and come back byte for byte.
 */
public final class EnvFile {
  private EnvFile() {}

  public static String format(Map<String, String> env) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      b.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
    }
    return b.toString();
  }

  /** Shell single-quoting, as Dokku writes values. */
  public static String quote(String v) {
    return "'" + v.replace("'", "'\\''") + "'";
  }

  /** Reads {@code export K='v'}, {@code K=v} and {@code K="v"} lines; comments and blank lines are skipped. */
  public static Map<String, String> parse(String text) {
    Map<String, String> env = new TreeMap<>();
    int i = 0, n = text.length();
    while (i < n) {
      while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n' || text.charAt(i) == '\r')) i++;
      if (i >= n) break;
      if (text.charAt(i) == '#') {
        while (i < n && text.charAt(i) != '\n') i++;
        continue;
      }
      if (text.startsWith("export ", i)) i += 7;
      int eq = text.indexOf('=', i);
      int nl = text.indexOf('\n', i);
      if (eq < 0 || nl >= 0 && nl < eq) {
        i = nl < 0 ? n : nl + 1;
        continue;
      }
      String key = text.substring(i, eq).trim();
      i = eq + 1;
      StringBuilder v = new StringBuilder();
      while (i < n && text.charAt(i) != '\n') {
        char c = text.charAt(i);
        if (c == '\'') {
          int end = text.indexOf('\'', i + 1);
          if (end < 0) end = n;
          v.append(text, i + 1, end);
          i = Math.min(n, end + 1);
        } else if (c == '"') {
          i++;
          while (i < n && text.charAt(i) != '"') {
            char d = text.charAt(i);
            if (d == '\\' && i + 1 < n) {
              char e = text.charAt(++i);
              v.append(e == 'n' ? '\n' : e);
            } else {
              v.append(d);
            }
            i++;
          }
          i++;
        } else if (c == '\\' && i + 1 < n) {
          v.append(text.charAt(i + 1));
          i += 2;
        } else {
          v.append(c);
          i++;
        }
      }
      if (!key.isEmpty()) env.put(key, v.toString());
    }
    return env;
  }
}
