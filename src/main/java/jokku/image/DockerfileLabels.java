package jokku.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels an image through its own Dockerfile: one {@code LABEL k="v" ...} instruction appended at the end, so it
 * applies to the final stage (the image a build without {@code target} produces) at the cost of one builder step.
 */
public final class DockerfileLabels {
  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*$");

  private DockerfileLabels() {}

  /** The one {@code LABEL} instruction carrying every label, in the map's order. */
  public static String instruction(Map<String, String> labels) {
    StringBuilder b = new StringBuilder("LABEL");
    labels.forEach((k, v) -> b.append(' ').append(quote(k)).append('=').append(quote(v)));
    return b.toString();
  }

  /** A Dockerfile string: double-quoted, with quotes, backslashes and {@code $} escaped. */
  public static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("\n", "\\n") + "\"";
  }

  /**
   * The Dockerfile with {@code instruction} appended as its last line (a newline added when the file ends without
   * one; the file's own bytes kept as they are), or empty when appending would not make it an instruction of its
   * own: the file's last instruction ends with its escape character, so the line would continue it.
   */
  public static Optional<byte[]> append(byte[] dockerfile, String instruction) {
    String text = new String(dockerfile, StandardCharsets.ISO_8859_1);
    char escape = escape(text);
    String[] lines = text.split("\n", -1);
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      if (l.charAt(l.length() - 1) == escape) return Optional.empty();
      break;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(dockerfile.length + instruction.length() + 2);
    out.writeBytes(dockerfile);
    if (dockerfile.length > 0 && dockerfile[dockerfile.length - 1] != '\n') out.write('\n');
    out.writeBytes((instruction + "\n").getBytes(StandardCharsets.UTF_8));
    return Optional.of(out.toByteArray());
  }

  /** The {@code # escape=} parser directive of the file's leading directives, else the backslash. */
  static char escape(String dockerfile) {
    String text = dockerfile.startsWith("\u00EF\u00BB\u00BF") ? dockerfile.substring(3) : dockerfile;
    for (String line : text.split("\n", -1)) {
      Matcher m = DIRECTIVE.matcher(line.strip());
      if (!m.matches()) break;
      if (m.group(1).equalsIgnoreCase("escape") && m.group(2).length() == 1) return m.group(2).charAt(0);
    }
    return '\\';
  }
}
