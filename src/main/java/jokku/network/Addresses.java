package jokku.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address and CIDR checks that never touch DNS. */
public final class Addresses {
  private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern V6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  private Addresses() {}

  public static boolean isIpv4(String s) {
    var m = V4.matcher(s);
    if (!m.matches()) return false;
    for (int g = 1; g <= 4; g++) {
      String part = m.group(g);
      if (Integer.parseInt(part) > 255 || part.length() > 1 && part.startsWith("0")) return false;
    }
    return true;
  }

  public static boolean isIpv6(String s) {
    if (!s.contains(":") || !V6_CHARS.matcher(s).matches()) return false;
    try {
      InetAddress.getByName(s); // a literal (checked above), so never a DNS lookup; IPv4-mapped ones parse to 4 bytes
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public static boolean isIp(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  /** {@code a.b.c.d/n} or {@code v6/n}, with a prefix length that fits the family. */
  public static boolean isCidr(String s) {
    int slash = s.indexOf('/');
    if (slash <= 0 || slash == s.length() - 1) return false;
    String ip = s.substring(0, slash), len = s.substring(slash + 1);
    if (!len.matches("\\d{1,3}")) return false;
    int n = Integer.parseInt(len);
    if (isIpv4(ip)) return n <= 32;
    if (isIpv6(ip)) return n <= 128;
    return false;
  }

  /** Whether {@code ip} lies inside {@code cidr}; false when either is malformed or they differ in family. */
  public static boolean contains(String cidr, String ip) {
    if (!isCidr(cidr) || !isIp(ip)) return false;
    int slash = cidr.indexOf('/');
    byte[] net = bytes(cidr.substring(0, slash)), a = bytes(ip);
    if (net.length != a.length) return false;
    int bits = Integer.parseInt(cidr.substring(slash + 1));
    for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xff : 0xff << (8 - bits) & 0xff;
      if ((net[i] & mask) != (a[i] & mask)) return false;
    }
    return true;
  }

  /** Whether CIDR {@code inner} lies entirely inside CIDR {@code outer}. */
  public static boolean within(String outer, String inner) {
    if (!isCidr(inner)) return false;
    int slash = inner.indexOf('/');
    return contains(outer, inner.substring(0, slash))
        && Integer.parseInt(inner.substring(slash + 1)) >= Integer.parseInt(outer.substring(outer.indexOf('/') + 1));
  }

  /** The address bytes of a literal already checked by {@link #isIp}; never a DNS lookup. */
  private static byte[] bytes(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** {@code host:port} with a port in 1..65535 (IPv6 hosts in brackets). */
  public static boolean isHostPort(String s) {
    int colon = s.lastIndexOf(':');
    if (colon <= 0) return false;
    String host = s.substring(0, colon), port = s.substring(colon + 1);
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) return false;
    if (host.startsWith("[") && host.endsWith("]")) return isIpv6(host.substring(1, host.length() - 1));
    return isIpv4(host) || host.matches("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
  }
}
