package jokku.proxy;

import jokku.DokkuException;
import jokku.network.Addresses;

/**
 * Where the proxy listens: an optional address (IPv4 or IPv6, no host names) and the default http port. The port is
 * the host port of the default port map; port maps with other host ports listen on the same address.
 */
public record Listen(String address, int port) {
  public static final Listen DEFAULT = new Listen("", 80);

  /** {@code 8080}, {@code 127.0.0.1:8080} or {@code [::1]:8080}; "" gives the default (all addresses, port 80). */
  public static Listen parse(String value) {
    String v = value == null ? "" : value.trim();
    if (v.isEmpty()) return DEFAULT;
    String address = "", port = v;
    int colon = v.lastIndexOf(':');
    if (colon >= 0) {
      address = v.substring(0, colon);
      port = v.substring(colon + 1);
      if (address.startsWith("[") && address.endsWith("]")) address = address.substring(1, address.length() - 1);
      else if (address.contains(":")) throw invalid(v, "write IPv6 addresses in brackets, e.g. [::1]:8080");
      if (!Addresses.isIp(address)) throw invalid(v, "'" + address + "' is not an IP address");
    }
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw invalid(v, "the port must be between 1 and 65535");
    }
    return new Listen(address, Integer.parseInt(port));
  }

  private static DokkuException invalid(String v, String why) {
    return new DokkuException("Invalid listen value '" + v + "': " + why + " (expected [address:]port, e.g. 127.0.0.1:8080)");
  }

  public boolean allAddresses() {
    return address.isEmpty() || address.equals("0.0.0.0") || address.equals("::");
  }

  public boolean ipv6() {
    return address.contains(":");
  }

  /** The nginx {@code listen} argument for a host port on this address. */
  public String on(int hostPort) {
    if (address.isEmpty()) return String.valueOf(hostPort);
    return (ipv6() ? "[" + address + "]" : address) + ":" + hostPort;
  }

  @Override
  public String toString() {
    return on(port);
  }
}
