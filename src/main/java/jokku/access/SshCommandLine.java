package jokku.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;

/**
 * The command an ssh login asked for ({@code SSH_ORIGINAL_COMMAND}), split as Dokku splits it: {@code git-*} commands
 * verbatim on white space (no globbing, no quote removal: {@code git-receive-pack 'app'}), everything else as
 * {@code xargs} words (single and double quotes group, a backslash escapes the next character). Pure.
 */
public final class SshCommandLine {
  private SshCommandLine() {}

  /**
   * The words to run when this invocation is the forced command of an ssh login, or null when it is not: no
   * {@code SSH_ORIGINAL_COMMAND}, or a nested jokku (a git hook) whose own arguments differ from the login's command.
   * The forced command is {@code jokku $SSH_ORIGINAL_COMMAND}, so its first argument is the command's first word
   * (its other words the shell may have globbed: they are taken from the variable, never from the arguments).
   */
  public static List<String> forcedCommand(Map<String, String> env, String[] argv) {
    String line = env.get("SSH_ORIGINAL_COMMAND");
    if (line == null) return null;
    String trimmed = line.strip();
    String first = trimmed.isEmpty() ? "" : trimmed.split("\\s+", 2)[0];
    if (argv.length > 0 && !argv[0].equals(first)) return null;
    return split(line);
  }

  /**
   * The words of the command. For {@code git-receive-pack}/{@code git-upload-pack} (what {@code git push}/{@code fetch}
   * send) the words are the command and the app, read by {@link #gitApp} and checked against Dokku's app-name rules.
   */
  public static List<String> split(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("git-")) return xargsWords(trimmed);
    List<String> words = List.of(trimmed.split("\\s+"));
    if (!words.get(0).equals("git-receive-pack") && !words.get(0).equals("git-upload-pack")) return words;
    if (words.size() != 2) throw new DokkuException("Invalid " + words.get(0) + " request: expected one repository, got " + (words.size() - 1));
    String app = gitApp(words.get(1));
    if (app.isEmpty()) throw new DokkuException("Please specify an app to run the command on");
    if (!Acl.isAppName(app)) {
      throw new DokkuException("App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens");
    }
    return List.of(words.get(0), app);
  }

  static List<String> xargsWords(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) throw new DokkuException("Unmatched " + (c == '\'' ? "single" : "double") + " quote in the ssh command");
        w.append(s, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 < s.length()) w.append(s.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) words.add(w.toString());
        w.setLength(0);
        inWord = false;
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) words.add(w.toString());
    return words;
  }

  /**
   * The app a git client names ({@code 'app'}, {@code '/app'} for ssh:// URLs), read exactly as Dokku's
   * {@code git_glob_cmd}/{@code git_upload_pack_cmd} read it: unescaped single quotes removed, {@code \'} unescaped,
   * one leading slash dropped. Nothing else: a trailing {@code .git} stays part of the name (Dokku pushes
   * {@code dokku@host:api.git} to an app named {@code api.git}, a valid name), and the result is checked against the
   * app-name rules by its caller.
   */
  public static String gitApp(String arg) {
    String a = arg.replaceAll("(?<!\\\\)'", "").replace("\\'", "'");
    if (a.startsWith("/")) a = a.substring(1);
    return a;
  }
}
