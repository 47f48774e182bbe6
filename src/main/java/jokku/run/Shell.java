package jokku.run;

import java.util.List;

/** POSIX shell quoting for words appended to a Procfile command line. */
final class Shell {
  private Shell() {}

  /** Each word single-quoted (safe words left bare), each preceded by a space; "" for none. */
  static String quoteArgs(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) b.append(' ').append(quote(w));
    return b.toString();
  }

  static String quote(String w) {
    if (!w.isEmpty() && w.matches("[A-Za-z0-9_@%+=:,./-]+")) return w;
    return "'" + w.replace("'", "'\\''") + "'";
  }
}
