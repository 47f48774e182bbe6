package jokku.dockeroptions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code -p [ip:][host-port:]container-port[/protocol]} mapping, ports or equal-length ranges, as the engine's
 * {@code ExposedPorts} keys and {@code PortBindings} entries.
 */
record Publish(List<Binding> bindings) {
  private static final Pattern RANGE = Pattern.compile("^(\\d{1,5})(?:-(\\d{1,5}))?$");

  /** One container port ({@code 80/tcp}) bound to a host address and port ("" for any / a random port). */
  record Binding(String containerPort, String hostIp, String hostPort) {}

  static Publish parse(ParsedOption o) {
    String v = o.value();
    String proto = "tcp";
    int slash = v.lastIndexOf('/');
    if (slash >= 0) {
      proto = v.substring(slash + 1);
      v = v.substring(0, slash);
      if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
        throw Values.invalid(o, "protocol must be tcp, udp or sctp");
      }
    }
    String ip = "";
    if (v.startsWith("[")) {
      int close = v.indexOf("]:");
      if (close < 0) throw Values.invalid(o, "expected [ipv6]:host-port:container-port");
      ip = v.substring(1, close);
      v = v.substring(close + 2);
      if (!v.contains(":")) throw Values.invalid(o, "expected [ipv6]:host-port:container-port");
    }
    String[] parts = v.split(":", -1);
    String host = "";
    String container;
    if (parts.length == 1 && ip.isEmpty()) {
      container = parts[0];
    } else if (parts.length == 2) {
      host = parts[0];
      container = parts[1];
    } else if (parts.length == 3 && ip.isEmpty()) {
      ip = parts[0];
      host = parts[1];
      container = parts[2];
    } else {
      throw Values.invalid(o, "expected [ip:][host-port:]container-port[/protocol] (write IPv6 addresses in brackets)");
    }
    if (!ip.isEmpty() && !Values.isIp(ip)) throw Values.invalid(o, "'" + ip + "' is not an IP address");
    int[] c = range(o, container, "container port");
    int[] h = host.isEmpty() ? null : range(o, host, "host port");
    int count = c[1] - c[0] + 1;
    List<Binding> l = new ArrayList<>();
    if (h != null && count > 1 && h[1] - h[0] + 1 != count) {
      throw Values.invalid(o, "the host and container port ranges must have the same length");
    }
    for (int k = 0; k < count; k++) {
      String hp;
      if (h == null) hp = "";
      else if (count == 1) hp = h[0] == h[1] ? String.valueOf(h[0]) : h[0] + "-" + h[1];
      else hp = String.valueOf(h[0] + k);
      l.add(new Binding((c[0] + k) + "/" + proto, ip, hp));
    }
    return new Publish(l);
  }

  private static int[] range(ParsedOption o, String s, String what) {
    Matcher m = RANGE.matcher(s);
    if (!m.matches()) throw Values.invalid(o, "'" + s + "' is not a valid " + what);
    int a = Integer.parseInt(m.group(1));
    int b = m.group(2) == null ? a : Integer.parseInt(m.group(2));
    if (a < 1 || b > 65535 || a > b) throw Values.invalid(o, "'" + s + "' is not a valid " + what + " (1-65535)");
    return new int[] {a, b};
  }
}
