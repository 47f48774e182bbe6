package jokku.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an app's new {@code nginx.conf} differs from the one nginx runs with only in its upstream server addresses:
 * the same lines in the same order, except {@code server <ip>:<port>;} lines inside {@code upstream} blocks whose new
 * address is an IP literal with a valid port. Such a change (a container back on another address) cannot make the
 * configuration invalid (no name to resolve, no directive or block changed), so the proxy reloads it without a
 * separate {@code nginx -t}; anything else (a new line, a host name, a unix socket, a property) is tested first.
 * Pure: no files, no processes.
 */
final class AddressChange {
  private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+\\S+\\s*\\{");
  private static final Pattern SERVER = Pattern.compile("\\s*server\\s+(\\S+);");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3}):(\\d{1,5})");
  private static final Pattern IPV6 = Pattern.compile("(\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]):(\\d{1,5})");

  private AddressChange() {}

  /** True when {@code after} differs from {@code before}, and only in upstream server addresses (see the class). */
  static boolean only(String before, String after) {
    if (before == null || after == null || before.equals(after)) return false;
    String[] a = before.split("\n", -1), b = after.split("\n", -1);
    if (a.length != b.length) return false;
    boolean inUpstream = false;
    for (int i = 0; i < a.length; i++) {
      if (!a[i].equals(b[i])) {
        if (!inUpstream || !serverLine(a[i]) || !serverLine(b[i]) || !ipLiteral(address(b[i]))) return false;
        if (!indent(a[i]).equals(indent(b[i]))) return false;
        continue;
      }
      String line = a[i].trim();
      if (UPSTREAM.matcher(line).matches()) inUpstream = true;
      else if (line.equals("}")) inUpstream = false;
    }
    return true;
  }

  private static boolean serverLine(String line) {
    return SERVER.matcher(line).matches();
  }

  private static String address(String line) {
    Matcher m = SERVER.matcher(line);
    return m.matches() ? m.group(1) : "";
  }

  private static String indent(String line) {
    return line.substring(0, line.length() - line.stripLeading().length());
  }

  /** {@code a.b.c.d:port} or {@code [v6]:port}, parsed without any name lookup. */
  static boolean ipLiteral(String address) {
    Matcher v4 = IPV4.matcher(address);
    if (v4.matches()) {
      for (int g = 1; g <= 4; g++) if (Integer.parseInt(v4.group(g)) > 255) return false;
      return port(v4.group(5));
    }
    Matcher v6 = IPV6.matcher(address);
    if (!v6.matches() || !port(v6.group(2))) return false;
    try {
      InetAddress.getByName(v6.group(1)); // a bracketed literal: parsed, never looked up
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean port(String p) {
    int n = Integer.parseInt(p);
    return n >= 1 && n <= 65535;
  }
}
