package jokku.domains;

import java.util.Locale;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.network.Addresses;

/**
 * Host names the proxy may serve: RFC 1123 names (labels of 1 to 63 letters, digits and inner hyphens, 253
 * characters in all), optionally starting with a {@code *.} wildcard label. Checked before anything is written.
 */
public final class Hostnames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Hostnames() {}

  /** The name in lower case, or a {@link DokkuException} saying why it is not a valid host name. */
  public static String validate(String domain) {
    String why = problem(domain);
    if (why != null) throw new DokkuException("Invalid domain '" + domain + "': " + why);
    return domain.toLowerCase(Locale.ROOT);
  }

  public static boolean isValid(String domain) {
    return problem(domain) == null;
  }

  /** An IPv4 or IPv6 literal, which can be a global domain but never yields an app's default domain. */
  public static boolean isIp(String domain) {
    return Addresses.isIp(domain);
  }

  public static boolean isWildcard(String domain) {
    return domain.startsWith("*.");
  }

  private static String problem(String domain) {
    if (domain == null || domain.isEmpty()) return "it is empty";
    String d = domain.toLowerCase(Locale.ROOT);
    if (d.length() > 253) return "longer than 253 characters";
    if (d.endsWith(".")) return "it ends with a dot";
    String rest = isWildcard(d) ? d.substring(2) : d;
    if (rest.isEmpty()) return "a wildcard needs a domain after '*.'";
    for (String label : rest.split("\\.", -1)) {
      if (label.isEmpty()) return "it has an empty label (two dots in a row)";
      if (label.length() > 63) return "the label '" + label + "' is longer than 63 characters";
      if (label.contains("*")) return "'*' is only allowed as the whole first label ('*.example.com')";
      if (!LABEL.matcher(label).matches()) {
        return "the label '" + label + "' may only hold letters, digits and inner hyphens (RFC 1123)";
      }
    }
    return null;
  }
}
