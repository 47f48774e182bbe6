package jokku.git;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jokku.DokkuException;

/**
 * A {@code .dockerignore} file and which build-context paths it leaves out, decided as the docker CLI decides
 * (moby/patternmatcher): {@code #} comments and blank lines skipped, patterns cleaned and made relative, {@code *}
 * and {@code ?} within one path segment, {@code **} across segments, {@code !} re-includes, the last matching rule
 * wins, and a rule matching a parent folder matches everything under it. The Dockerfile and {@code .dockerignore}
 * themselves are always sent, as the CLI does (the engine drops them from the context when they are excluded).
 */
final class DockerIgnore {
  private record Rule(Pattern regex, boolean exclusion) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  static DockerIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#")) continue;
      String pattern = line.strip();
      if (pattern.isEmpty()) continue;
      boolean exclusion = pattern.charAt(0) == '!';
      if (exclusion) pattern = pattern.substring(1).strip();
      if (pattern.isEmpty()) continue;
      try {
        rules.add(new Rule(Pattern.compile(regex(clean(pattern))), exclusion));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new DokkuException("Invalid .dockerignore pattern '" + line.strip() + "': " + e.getDescription());
      }
    }
    return new DockerIgnore(rules);
  }

  /** Whether the context path (relative, {@code /}-separated, no trailing slash) is left out of the build. */
  boolean excludes(String path) {
    if (path.equals("Dockerfile") || path.equals(".dockerignore")) return false;
    boolean matched = false;
    int slash = path.lastIndexOf('/');
    String[] parents = slash < 0 ? new String[0] : path.substring(0, slash).split("/");
    for (Rule rule : rules) {
      if (rule.exclusion() != matched) continue;
      boolean match = rule.regex().matcher(path).matches();
      StringBuilder parent = new StringBuilder();
      for (int i = 0; !match && i < parents.length; i++) {
        if (i > 0) parent.append('/');
        parent.append(parents[i]);
        match = rule.regex().matcher(parent).matches();
      }
      if (match) matched = !rule.exclusion();
    }
    return matched;
  }

  /** Go's {@code filepath.Clean}, then a leading {@code /} dropped: patterns are relative to the context root. */
  static String clean(String pattern) {
    List<String> parts = new ArrayList<>();
    for (String s : pattern.split("/")) {
      if (s.isEmpty() || s.equals(".")) continue;
      if (s.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) parts.remove(parts.size() - 1);
      else if (!(s.equals("..") && pattern.startsWith("/"))) parts.add(s);
    }
    return parts.isEmpty() ? "." : String.join("/", parts);
  }

  /** moby/patternmatcher's translation of one pattern into a regular expression over the whole path. */
  static String regex(String pattern) {
    StringBuilder re = new StringBuilder("^");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') i++;
          re.append(i + 1 >= pattern.length() ? ".*" : "(.*/)?");
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\') {
        if (i + 1 < pattern.length()) re.append('\\').append(pattern.charAt(++i));
        else re.append("\\\\");
      } else if (".+()|{}$^".indexOf(c) >= 0) {
        re.append('\\').append(c);
      } else {
        re.append(c);
      }
    }
    return re.append('$').toString();
  }
}
