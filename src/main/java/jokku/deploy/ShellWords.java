package jokku.deploy;

import java.util.ArrayList;
import java.util.List;
import jokku.DokkuException;

/**
 * Splits a command line into words the way a POSIX shell would, without expanding anything: single quotes are
 * literal, double quotes allow {@code \"}, {@code \\}, {@code \$} and {@code \`}, a backslash outside quotes escapes
 * the next character. This is how Dokku turns a Procfile command into the container's argv.
 */
public final class ShellWords {
  private ShellWords() {}

  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) throw new DokkuException("Unterminated single quote in command: " + line);
        cur.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, cur);
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        inWord = true;
      } else if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) words.add(cur.toString());
        cur.setLength(0);
        inWord = false;
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) words.add(cur.toString());
    return words;
  }

  private static int doubleQuoted(String line, int i, StringBuilder cur) {
    for (; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') return i;
      if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) c = line.charAt(++i);
      cur.append(c);
    }
    throw new DokkuException("Unterminated double quote in command: " + line);
  }
}
