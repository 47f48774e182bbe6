package jokku.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.access.HostReach;
import jokku.property.PluginProperties;
import jokku.property.Property;
import jokku.network.Addresses;

/**
 * The {@code nginx:set} properties jokku renders into an app's {@code nginx.conf}, with Dokku's defaults, and the
 * shape of value each directive takes. {@link #check} refuses a value nginx would reject (or one that would smuggle
 * other directives in) before anything is stored; nginx itself then checks the rendered configuration. Pure.
 */
public enum NginxProperty {
  ACCESS_LOG_FORMAT("access-log-format", "", Kind.NAME),
  ACCESS_LOG_PATH("access-log-path", null, Kind.LOG_PATH, HostReach.unless(Reasons.LOG_FILE, "off")),
  BIND_ADDRESS_IPV4("bind-address-ipv4", "", Kind.IPV4),
  BIND_ADDRESS_IPV6("bind-address-ipv6", "::", Kind.IPV6),
  CLIENT_BODY_TIMEOUT("client-body-timeout", "60s", Kind.TIME),
  CLIENT_HEADER_TIMEOUT("client-header-timeout", "60s", Kind.TIME),
  CLIENT_MAX_BODY_SIZE("client-max-body-size", "1m", Kind.SIZE),
  ERROR_LOG_PATH("error-log-path", null, Kind.LOG_PATH, HostReach.unless(Reasons.LOG_FILE, "off")),
  HSTS("hsts", "true", Kind.BOOL),
  HSTS_INCLUDE_SUBDOMAINS("hsts-include-subdomains", "true", Kind.BOOL),
  HSTS_MAX_AGE("hsts-max-age", "15724800", Kind.INT),
  HSTS_PRELOAD("hsts-preload", "false", Kind.BOOL),
  KEEPALIVE_TIMEOUT("keepalive-timeout", "75s", Kind.TIME),
  LINGERING_TIMEOUT("lingering-timeout", "5s", Kind.TIME),
  PROXY_BUFFER_SIZE("proxy-buffer-size", "4k", Kind.SIZE),
  PROXY_BUFFERING("proxy-buffering", "on", Kind.ON_OFF),
  PROXY_BUFFERS("proxy-buffers", "8 4k", Kind.BUFFERS),
  PROXY_BUSY_BUFFERS_SIZE("proxy-busy-buffers-size", "8k", Kind.SIZE),
  PROXY_CONNECT_TIMEOUT("proxy-connect-timeout", "60s", Kind.TIME),
  PROXY_READ_TIMEOUT("proxy-read-timeout", "60s", Kind.TIME),
  PROXY_SEND_TIMEOUT("proxy-send-timeout", "60s", Kind.TIME),
  SEND_TIMEOUT("send-timeout", "60s", Kind.TIME),
  UNDERSCORE_IN_HEADERS("underscore-in-headers", "off", Kind.ON_OFF),
  X_FORWARDED_FOR_VALUE("x-forwarded-for-value", "$remote_addr", Kind.HEADER),
  X_FORWARDED_PORT_VALUE("x-forwarded-port-value", "$server_port", Kind.HEADER),
  X_FORWARDED_PROTO_VALUE("x-forwarded-proto-value", "$scheme", Kind.HEADER),
  X_FORWARDED_SSL("x-forwarded-ssl", "", Kind.ON_OFF);

  /** Why values reach the host (a holder: enum constants cannot read the enum's own static fields). */
  private static final class Reasons {
    static final String LOG_FILE = "nginx's master process (root) creates and appends to the file it names, anywhere on the host";
  }

  /** The shapes of value, each as nginx's directive takes it. */
  enum Kind {
    SIZE("a size such as 1m, 512k or 1024", "\\d{1,9}[kKmMgG]?"),
    TIME("a time such as 60s, 500ms or 2m", "\\d{1,9}(ms|s|m|h|d|w|M|y)?"),
    ON_OFF("on or off", "on|off"),
    BOOL("true or false", "true|false"),
    INT("a whole number of seconds", "\\d{1,10}"),
    BUFFERS("a number and a size, such as 8 4k", "\\d{1,4} \\d{1,9}[kKmM]?"),
    IPV4("an IPv4 address", null),
    IPV6("an IPv6 address", null),
    NAME("the name of a log_format defined in nginx's configuration", "[A-Za-z0-9_]{1,64}"),
    LOG_PATH("an absolute file path, or off", "off|/[^\\s;{}'\"#\\\\$]{1,4000}"),
    HEADER("a value or nginx variable, such as $remote_addr", "[^\\s;{}'\"#\\\\]{1,200}");

    final String what;
    final Pattern pattern;

    Kind(String what, String regex) {
      this.what = what;
      this.pattern = regex == null ? null : Pattern.compile(regex);
    }
  }

  public final String key;
  private final String fallback;
  final Kind kind;
  /** Whether a value reaches the host (refused for keys that are not admins); see {@link HostReach}. */
  public final HostReach reach;
  /** This property's declaration in the property model (its default is {@link #fallback}: it needs the log root). */
  public final Property property;

  NginxProperty(String key, String fallback, Kind kind) {
    this(key, fallback, kind, HostReach.NONE);
  }

  NginxProperty(String key, String fallback, Kind kind, HostReach reach) {
    this.key = key;
    this.fallback = fallback;
    this.kind = kind;
    this.reach = reach;
    this.property = Property.of("nginx", key).check(this::check).reach(reach);
  }

  /** The declarations in Dokku's order; {@code nginx:set}'s messages say "key"; the global report has no computed rows. */
  public static final PluginProperties PROPERTIES = PluginProperties.of("nginx", declarations()).saysKey().globalReportWithoutComputed();

  private static Property[] declarations() {
    NginxProperty[] all = values();
    Property[] l = new Property[all.length];
    for (int i = 0; i < all.length; i++) l[i] = all[i].property;
    return l;
  }

  /** The property a declaration stands for. */
  public static NginxProperty of(Property declaration) {
    for (NginxProperty p : values()) if (p.property == declaration) return p;
    throw new IllegalArgumentException(declaration.key);
  }

  /** Dokku's default: log paths are {@code <log root>/<app>-access.log} and {@code -error.log}. */
  public String fallback(String app, java.nio.file.Path logRoot) {
    if (this == ACCESS_LOG_PATH) return logRoot.resolve(app + "-access.log").toString();
    if (this == ERROR_LOG_PATH) return logRoot.resolve(app + "-error.log").toString();
    return fallback;
  }

  public static List<String> keys() {
    List<String> l = new ArrayList<>();
    for (NginxProperty p : values()) l.add(p.key);
    return l;
  }

  /** Refuses a value nginx would not take for this directive ("" always passes: it unsets). */
  public String check(String value) {
    if (value.isEmpty()) return value;
    boolean ok = switch (kind) {
      case IPV4 -> Addresses.isIpv4(value);
      case IPV6 -> Addresses.isIpv6(value);
      default -> kind.pattern.matcher(value).matches();
    };
    if (this == ERROR_LOG_PATH && value.equals("off")) ok = false;
    if (!ok) {
      String what = this == ERROR_LOG_PATH ? "an absolute file path" : kind.what;
      throw new DokkuException("Invalid value for " + key + ": '" + value + "' (expected " + what + ")");
    }
    return value;
  }
}
