package jokku.access;

import java.util.regex.Pattern;
import jokku.DokkuException;

/**
 * The names ssh keys are registered under. They go into the key's forced command ({@code NAME="<name>"}, read by a
 * shell), into ACL file names and into messages, so jokku allows letters, digits and {@code . _ @ + -} (an e-mail
 * address is a fine name), at most 64 characters, starting with a letter or digit. Pure.
 */
public final class KeyName {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");

  private KeyName() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  public static void check(String name) {
    if (name == null || name.isEmpty()) throw new DokkuException("Please specify a user name");
    if (!isValid(name)) {
      throw new DokkuException("Invalid key name " + name + ": use letters, digits and . _ @ + - (at most 64 characters, starting with a letter or digit)");
    }
  }
}
