package jokku.proxy;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.ports.Ports;
import jokku.property.Check;
import jokku.property.PluginProperties;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The proxy's properties ({@code $DOKKU_LIB_ROOT/config/proxy/<app|--global>/<key>}): per app {@code disabled} and
 * {@code type}; globally {@code type}, {@code listen} ({@code [address:]port}) and {@code nginx-conf} (the main
 * configuration of a host nginx to use instead of the one jokku manages).
 */
public final class ProxySettings {
  public static final List<String> TYPES = List.of("nginx");
  public static final Property DISABLED = Property.of("proxy", "disabled").appOnly().internal();
  public static final Property TYPE = Property.of("proxy", "type").defaultValue("nginx")
      .check(Check.oneOf(TYPES, v -> "Unsupported proxy type '" + v + "': jokku supports " + String.join(", ", TYPES)));
  /** Reported (globally) parsed, as {@code --proxy-global-listen}. */
  public static final Property LISTEN = Property.of("proxy", "listen").globalOnly().reportedByPlugin().check(Listen::parse);
  /** Reported as the configuration in use ({@code --proxy-nginx-conf}: jokku's own when unset). */
  public static final Property NGINX_CONF = Property.of("proxy", "nginx-conf").globalOnly().reportedByPlugin().check(v -> {
    if (!v.startsWith("/")) throw new DokkuException("nginx-conf must be an absolute path, e.g. /etc/nginx/nginx.conf");
  });
  /** {@code proxy:set --global}'s keys, in the order its messages name them. */
  public static final PluginProperties GLOBAL = PluginProperties.of("proxy", LISTEN, NGINX_CONF, TYPE);
  public static final List<String> GLOBAL_KEYS = List.of(LISTEN.key, NGINX_CONF.key, TYPE.key);

  private final PropertyValues values;

  public ProxySettings(Store store) {
    this.values = new PropertyValues(store);
  }

  public boolean enabled(String app) {
    return !"true".equals(values.app(DISABLED, app));
  }

  /** The stored {@code disabled} ("true", or "" when enabled), as {@code proxy:report} shows it. */
  public String disabled(String app) {
    return values.app(DISABLED, app);
  }

  public void setEnabled(String app, boolean enabled) {
    values.set(DISABLED, Scope.app(app), enabled ? "" : "true");
  }

  /** The app's proxy type, else the global one, else {@code nginx}. */
  public String type(String app) {
    return values.computed(TYPE, Scope.of(app));
  }

  /** The app's own type ("" when unset). */
  public String appType(String app) {
    return values.app(TYPE, app);
  }

  /** {@code proxy:report}'s rows of the declarations ({@code type}'s). */
  public Map<String, String> report(Scope scope) {
    return GLOBAL.report(values, scope);
  }

  public String global(String key) {
    Property p = GLOBAL.find(key);
    return p == null ? "" : values.global(p);
  }

  public Listen listen() {
    return Listen.parse(values.global(LISTEN));
  }

  /**
   * The proxy's port, the host port of every app's default port map: the port of the listen setting
   * ({@code [address:]port}), else 80. Read leniently (a value that is not a port gives 80), as maps are shown even
   * when the setting is broken.
   */
  public int port() {
    String listen = values.global(LISTEN).trim();
    String port = listen.substring(listen.lastIndexOf(':') + 1);
    return port.matches("\\d{1,5}") ? Integer.parseInt(port) : 80;
  }

  /** The app port maps, their default on this proxy's port (read only when a default map is needed). */
  public static Ports ports(Store store) {
    return new Ports(store, () -> new ProxySettings(store).port());
  }

  /** The host nginx's main configuration, or "" when jokku manages its own nginx. */
  public String nginxConf() {
    return values.global(NGINX_CONF);
  }

  /** Validates a value for {@code proxy:set}, before anything is written. "" unsets. */
  public static String validate(String key, String value) {
    Property p = GLOBAL.find(key);
    if (p == null) throw new DokkuException("Invalid property specified, valid properties include: " + String.join(", ", GLOBAL_KEYS));
    p.checkValue(value);
    return value;
  }

  /** Writes a global value already checked; the caller holds the global lock. */
  public void setGlobal(String key, String value) {
    values.set(GLOBAL.find(key), Scope.GLOBAL, value);
  }

  public void setType(String app, String type) {
    values.set(TYPE, Scope.app(app), type);
  }
}
