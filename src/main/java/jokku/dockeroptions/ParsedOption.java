package jokku.dockeroptions;

import java.util.ArrayList;
import java.util.List;
import jokku.DokkuException;

/**
 * One docker option as written: its words (e.g. {@code -v}, {@code /a:/b}), the flag they denote (null when jokku
 * does not know it) and its value (null for a switch written without one).
 */
public record ParsedOption(Flag flag, String written, String value, List<String> words) {

  /** Dokku's storage form: the words, shell-quoted where needed, joined by spaces. */
  public String text() {
    return ShellWords.join(words);
  }

  /** A form for comparing options regardless of spelling: {@code -v /a:/b} and {@code --volume=/a:/b} are equal. */
  public String key() {
    if (flag == null) return text();
    return flag.longName + "=" + (flag.takesValue ? value : switchValue());
  }

  /**
   * Why the option reaches the host or other apps (see {@link Flag#reach}), or null when it stays within the app. An
   * option jokku does not know reaches where jokku cannot tell.
   */
  public String reachesHost() {
    if (flag == null) return "jokku does not know this option, so it cannot tell what it reaches";
    return flag.reach.why(flag.takesValue ? value : String.valueOf(switchValue()));
  }

  /** For a switch: true unless written {@code --flag=false}. */
  public boolean switchValue() {
    return value == null || value.equals("true");
  }

  /** Splits text (a stored line, or what a user typed) into options. */
  public static List<ParsedOption> parse(String text) {
    return parse(ShellWords.split(text));
  }

  /**
   * Groups words into options. A known flag takes its value inline ({@code --memory=1g}, {@code -m1g}) or from the
   * next word, even one starting with a dash, as docker's flag parser does. Unknown flags keep the words up to the
   * next word that looks like a flag, as Dokku groups them, so they can still be listed and removed.
   */
  public static List<ParsedOption> parse(List<String> words) {
    List<ParsedOption> options = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      String w = words.get(i);
      String name = w;
      String inline = null;
      if (w.startsWith("--")) {
        int eq = w.indexOf('=');
        if (eq > 0) {
          name = w.substring(0, eq);
          inline = w.substring(eq + 1);
        }
      } else if (w.startsWith("-") && w.length() > 2) {
        name = w.substring(0, 2);
        inline = w.charAt(2) == '=' ? w.substring(3) : w.substring(2);
      }
      Flag flag = looksLikeFlag(w) ? Flag.named(name) : null;
      if (flag != null && !flag.takesValue && inline != null && !w.startsWith("--") && w.charAt(2) != '=') flag = null;
      if (flag == null) {
        int end = i + 1;
        while (end < words.size() && !looksLikeFlag(words.get(end))) end++;
        options.add(new ParsedOption(null, w, null, List.copyOf(words.subList(i, end))));
        i = end;
        continue;
      }
      if (!flag.takesValue) {
        if (inline != null && !inline.equals("true") && !inline.equals("false")) {
          throw new DokkuException("Invalid docker option '" + w + "': " + name + " takes true or false");
        }
        options.add(new ParsedOption(flag, name, inline, List.of(w)));
        i++;
      } else if (inline != null) {
        options.add(new ParsedOption(flag, name, inline, List.of(w)));
        i++;
      } else {
        if (i + 1 >= words.size()) throw new DokkuException("Invalid docker option '" + w + "': " + name + " needs a value");
        options.add(new ParsedOption(flag, name, words.get(i + 1), List.of(w, words.get(i + 1))));
        i += 2;
      }
    }
    return options;
  }

  static boolean looksLikeFlag(String w) {
    return w.length() > 1 && w.charAt(0) == '-';
  }
}
