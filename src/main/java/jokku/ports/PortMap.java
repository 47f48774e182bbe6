package jokku.ports;

import java.util.ArrayList;
import java.util.List;
import jokku.DokkuException;

/** One {@code scheme:host:container} port mapping, as Dokku's ports plugin stores it. */
public record PortMap(String scheme, int host, int container) {
  public static final List<String> SCHEMES = List.of("http", "https", "tcp", "udp");

  public static PortMap parse(String s) {
    String[] p = s.split(":");
    if (p.length != 3) throw new DokkuException("Invalid port mapping '" + s + "': expected scheme:host-port:container-port");
    if (!SCHEMES.contains(p[0])) throw new DokkuException("Invalid port mapping '" + s + "': scheme must be one of " + String.join(", ", SCHEMES));
    return new PortMap(p[0], port(s, p[1]), port(s, p[2]));
  }

  private static int port(String whole, String n) {
    if (!n.matches("\\d{1,5}") || Integer.parseInt(n) < 1 || Integer.parseInt(n) > 65535) {
      throw new DokkuException("Invalid port mapping '" + whole + "': ports must be between 1 and 65535");
    }
    return Integer.parseInt(n);
  }

  /** Parses a stored list: one mapping per line (Dokku's list property format); blank lines ignored. */
  public static List<PortMap> parseList(String stored) {
    List<PortMap> l = new ArrayList<>();
    for (String line : stored.split("[\\n ]")) if (!line.isBlank()) l.add(parse(line.trim()));
    return l;
  }

  public static String formatList(List<PortMap> maps) {
    List<String> l = new ArrayList<>();
    for (PortMap m : maps) l.add(m.toString());
    return String.join("\n", l);
  }

  @Override
  public String toString() {
    return scheme + ":" + host + ":" + container;
  }
}
