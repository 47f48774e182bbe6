package jokku.dockeroptions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.engine.ContainerSpec;

/** Parsers for docker option values, with docker's rules and one clear message per mistake. */
final class Values {
  private static final Pattern BYTES = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DECIMAL = Pattern.compile("^(\\d+(\\.\\d*)?|\\.\\d+)$");
  private static final Pattern RESTART = Pattern.compile("^(no|always|unless-stopped|on-failure)(?::(\\d+))?$");
  private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$");
  private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+$");
  private static final Pattern NETWORK = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$");
  private static final Pattern CAPABILITY = Pattern.compile("^(?i)(ALL|(CAP_)?[A-Z][A-Z_]*)$");
  private static final java.util.Set<String> ULIMITS = java.util.Set.of("core", "cpu", "data", "fsize", "locks",
      "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

  private Values() {}

  static DokkuException invalid(ParsedOption o, String why) {
    return new DokkuException("Invalid docker option '" + o.text() + "': " + why);
  }

  /** Docker's size notation: {@code 512m}, {@code 1.5g}, {@code 1024}, binary multiples. */
  static long bytes(ParsedOption o) {
    Matcher m = BYTES.matcher(o.value().trim());
    if (!m.matches()) throw invalid(o, "expected a size such as 512m or 2g (units b, k, m, g, t, p)");
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    int shift = "kmgtp".indexOf(unit.isEmpty() ? 'x' : unit.charAt(0));
    BigDecimal v = new BigDecimal(m.group(1));
    if (shift >= 0) v = v.multiply(BigDecimal.valueOf(2).pow(10 * (shift + 1)));
    try {
      return v.setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException e) {
      throw invalid(o, "size too large");
    }
  }

  /** {@code --cpus 1.5} as nano CPUs. */
  static long nanoCpus(ParsedOption o) {
    if (!DECIMAL.matcher(o.value()).matches()) throw invalid(o, "expected a number of CPUs such as 0.5 or 2");
    BigDecimal nanos = new BigDecimal(o.value()).movePointRight(9);
    if (nanos.signum() <= 0) throw invalid(o, "the number of CPUs must be greater than 0");
    if (nanos.stripTrailingZeros().scale() > 0) throw invalid(o, "at most 9 decimal places");
    try {
      return nanos.longValueExact();
    } catch (ArithmeticException e) {
      throw invalid(o, "too many CPUs");
    }
  }

  /** {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}: name and maximum retry count. */
  static ContainerSpec.RestartPolicy restart(ParsedOption o) {
    Matcher m = RESTART.matcher(o.value());
    if (!m.matches()) throw invalid(o, "expected no, always, unless-stopped or on-failure[:max-retries]");
    if (m.group(2) != null && !m.group(1).equals("on-failure")) throw invalid(o, "only on-failure takes a retry count");
    int retries;
    try {
      retries = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      throw invalid(o, "retry count too large");
    }
    return new ContainerSpec.RestartPolicy(m.group(1), retries);
  }

  /** {@code host:ip} or {@code host=ip}, ip a literal or {@code host-gateway}; returns the engine's {@code host:ip}. */
  static String extraHost(ParsedOption o) {
    String v = o.value();
    int sep = v.indexOf('=');
    if (sep < 0) sep = v.indexOf(':');
    if (sep <= 0) throw invalid(o, "expected host:ip");
    String host = v.substring(0, sep);
    String ip = v.substring(sep + 1);
    if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
    if (!HOST.matcher(host).matches()) throw invalid(o, "'" + host + "' is not a valid host name");
    if (!ip.equals("host-gateway") && !isIp(ip)) throw invalid(o, "'" + ip + "' is not an IP address (or host-gateway)");
    return host + ":" + ip;
  }

  static boolean isIp(String s) {
    if (IPV4.matcher(s).matches()) return true;
    if (!s.contains(":") || !IPV6.matcher(s).matches()) return false;
    try {
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** {@code key=value}; with {@code valueOptional}, a bare {@code key} is allowed (value null). */
  static String[] keyValue(ParsedOption o, boolean valueOptional) {
    String v = o.value();
    int eq = v.indexOf('=');
    if (eq == 0 || v.isEmpty()) throw invalid(o, "the key must not be empty");
    if (eq < 0) {
      if (!valueOptional) throw invalid(o, "expected key=value");
      return new String[] {v, null};
    }
    return new String[] {v.substring(0, eq), v.substring(eq + 1)};
  }

  /** A network name, {@code host}, {@code none}, {@code bridge} or {@code container:<name|id>}. */
  static String network(ParsedOption o) {
    String v = o.value();
    String name = v.startsWith("container:") ? v.substring("container:".length()) : v;
    if (!NETWORK.matcher(name).matches()) throw invalid(o, "'" + v + "' is not a valid network name");
    return v;
  }

  static String capability(ParsedOption o) {
    if (!CAPABILITY.matcher(o.value()).matches()) throw invalid(o, "'" + o.value() + "' is not a capability name");
    return o.value().toUpperCase(Locale.ROOT);
  }

  /** {@code name=soft[:hard]}: name, soft and hard limits. */
  static ContainerSpec.Ulimit ulimit(ParsedOption o) {
    String[] kv = keyValue(o, false);
    if (!ULIMITS.contains(kv[0])) throw invalid(o, "unknown ulimit '" + kv[0] + "' (one of " + String.join(", ", new java.util.TreeSet<>(ULIMITS)) + ")");
    String[] limits = kv[1].split(":", -1);
    if (limits.length > 2) throw invalid(o, "expected name=soft[:hard]");
    try {
      long soft = Long.parseLong(limits[0]);
      long hard = limits.length == 2 ? Long.parseLong(limits[1]) : soft;
      if (soft < -1 || hard < -1) throw invalid(o, "limits must be -1 (unlimited) or more");
      if (soft >= 0 && hard >= 0 && soft > hard) throw invalid(o, "the soft limit must not exceed the hard limit");
      return new ContainerSpec.Ulimit(kv[0], soft, hard);
    } catch (NumberFormatException e) {
      throw invalid(o, "limits must be whole numbers");
    }
  }

  /** A non-empty value without whitespace (log driver, build target). */
  static String word(ParsedOption o) {
    String v = o.value();
    if (v.isEmpty() || !v.equals(v.strip()) || v.chars().anyMatch(Character::isWhitespace)) throw invalid(o, "expected a single word");
    return v;
  }
}
