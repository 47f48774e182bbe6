package jokku.dockeroptions;

import java.util.ArrayList;
import java.util.List;
import jokku.DokkuException;

/**
 * Shell-style word splitting without expansion, as Dokku stores and reads docker options: quotes group words and are
 * removed, backslashes escape, and {@code $VAR}, globs and the like stay literal.
 */
public final class ShellWords {
  private static final String NEEDS_QUOTING = " \t\n\"'$`\\*?[]<>|&;(){}!#~";

  private ShellWords() {}

  /** Splits text into words; an unterminated quote fails with a clear message. */
  public static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) words.add(w.toString());
        w.setLength(0);
        inWord = false;
        i++;
      } else if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) throw unterminated(text, "'");
        w.append(text, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(text, i + 1, w);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 < n) {
          if (text.charAt(i + 1) != '\n') w.append(text.charAt(i + 1));
          i += 2;
        } else {
          w.append(c);
          i++;
        }
        inWord = true;
      } else {
        w.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) words.add(w.toString());
    return words;
  }

  /** Reads a double-quoted part starting after the quote; returns the index after the closing quote. */
  private static int doubleQuoted(String text, int i, StringBuilder w) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') return i + 1;
      if (c == '\\' && i + 1 < n) {
        char next = text.charAt(i + 1);
        if (next == '\n') {
          i += 2;
          continue;
        }
        if (next == '$' || next == '`' || next == '"' || next == '\\') {
          w.append(next);
          i += 2;
          continue;
        }
      }
      w.append(c);
      i++;
    }
    throw unterminated(text, "\"");
  }

  private static DokkuException unterminated(String text, String quote) {
    return new DokkuException("Unable to parse docker option: unterminated " + quote + " in " + text);
  }

  /** Joins words back into one line that {@link #split} turns into the same words (Dokku's storage form). */
  public static String join(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String word : words) {
      if (b.length() > 0) b.append(' ');
      b.append(quote(word));
    }
    return b.toString();
  }

  /** The word as is when no shell character needs protecting, else single-quoted. */
  public static String quote(String word) {
    if (word.isEmpty()) return "''";
    boolean needs = false;
    for (int k = 0; k < word.length() && !needs; k++) needs = NEEDS_QUOTING.indexOf(word.charAt(k)) >= 0;
    return needs ? "'" + word.replace("'", "'\\''") + "'" : word;
  }
}
