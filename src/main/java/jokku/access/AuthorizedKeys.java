package jokku.access;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of {@code ~dokku/.ssh/authorized_keys} as sshcommand writes and reads them. Pure: which lines sshd can
 * read is {@code ssh-keygen}'s verdict ({@link SshKeyGen}), matched here by the key's SHA256 fingerprint.
 */
public final class AuthorizedKeys {
  /** Dokku's key options (sshcommand's default {@code SSHCOMMAND_ALLOWED_KEYS}). */
  public static final String OPTIONS = "no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding";
  /** sshcommand's list pattern: fingerprint, name (quoted or not), allowed-keys options, public key. */
  private static final Pattern DOKKU_LINE = Pattern.compile("^command=\"FINGERPRINT=(\\S+) NAME=(\\\\\"|)(.*)\\2 `.*\",(\\S+) (.*)");
  private static final Pattern KEY_TYPE = Pattern.compile("(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com)(-cert-v01@openssh\\.com)?");

  /** One line: its number (1-based), text, the key's own SHA256 fingerprint ("" when no key could be read from it). */
  public record Line(int number, String text, String keyFingerprint) {
    public boolean isKey() {
      return !text.isBlank() && !text.strip().startsWith("#");
    }
  }

  /** A line sshcommand wrote: {@code fingerprint}, {@code name}, {@code allowedKeys} and {@code publicKey} as its list shows them. */
  public record Entry(Line line, String fingerprint, String name, String allowedKeys, String publicKey) {}

  private AuthorizedKeys() {}

  public static List<Line> lines(String content) {
    List<Line> l = new ArrayList<>();
    if (content.isEmpty()) return l;
    String[] texts = content.split("\n", -1);
    int n = content.endsWith("\n") ? texts.length - 1 : texts.length;
    for (int i = 0; i < n; i++) l.add(new Line(i + 1, texts[i], keyFingerprint(texts[i])));
    return l;
  }

  /** The line as sshcommand's list reads it, or null for a line it does not list. */
  public static Entry entry(Line line) {
    Matcher m = DOKKU_LINE.matcher(line.text());
    return m.find() ? new Entry(line, m.group(1), m.group(3), m.group(4), m.group(5)) : null;
  }

  /** The line sshcommand's {@code acl-add} writes for a key: the forced command, Dokku's options, the key. */
  public static String forcedLine(String fingerprint, String name, String sshcommandFile, String key) {
    return "command=\"FINGERPRINT=" + fingerprint + " NAME=\\\"" + name + "\\\" `cat " + sshcommandFile + "` $SSH_ORIGINAL_COMMAND\"," + OPTIONS + " " + key;
  }

  /** Whether a public-key line starts with options ({@code no-pty ssh-ed25519 ...}) instead of the key type. */
  public static boolean hasOptions(String key) {
    String first = key.strip().split("\\s+", 2)[0];
    return !KEY_TYPE.matcher(first).matches();
  }

  /**
   * {@code SHA256:<base64>} of the key blob in an authorized_keys line (options, if any, skipped with their quoted
   * strings), or "" when the line holds no readable key.
   */
  static String keyFingerprint(String text) {
    List<String> words = words(text.strip());
    for (int i = 0; i + 1 < words.size() && i < 2; i++) {
      if (KEY_TYPE.matcher(words.get(i)).matches()) return sha256(words.get(i + 1));
    }
    return "";
  }

  private static String sha256(String base64) {
    try {
      byte[] blob = Base64.getDecoder().decode(base64);
      byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
    } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
      return "";
    }
  }

  /** White-space separated words, a double-quoted string (with {@code \"} inside) kept within its word. */
  private static List<String> words(String s) {
    List<String> l = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted && i + 1 < s.length()) {
        w.append(c).append(s.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        w.append(c);
      } else if (!quoted && (c == ' ' || c == '\t')) {
        if (w.length() > 0) l.add(w.toString());
        w.setLength(0);
      } else {
        w.append(c);
      }
    }
    if (w.length() > 0) l.add(w.toString());
    return l;
  }
}
