package jokku.proxy;

import java.util.List;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * The proxy's properties ({@code $DOKKU_LIB_ROOT/config/proxy/<app|--global>/<key>}): per app {@code disabled} and
 * {@code type}; globally {@code type}, {@code listen} ({@code [address:]port}) and {@code nginx-conf} (the main
 * configuration of a host nginx to use instead of the one jokku manages).
 */
public final class ProxySettings {
  public static final String PLUGIN = "proxy";
  public static final List<String> TYPES = List.of("nginx");
  public static final List<String> GLOBAL_KEYS = List.of("listen", "nginx-conf", "type");

  private final Store store;

  public ProxySettings(Store store) {
    this.store = store;
  }

  public boolean enabled(String app) {
    return !"true".equals(store.property(PLUGIN, app, "disabled"));
  }

  public void setEnabled(String app, boolean enabled) {
    store.setProperty(PLUGIN, app, "disabled", enabled ? "" : "true");
  }

  /** The app's proxy type, else the global one, else {@code nginx}. */
  public String type(String app) {
    String t = Store.GLOBAL.equals(app) ? "" : store.property(PLUGIN, app, "type");
    if (t.isEmpty()) t = store.property(PLUGIN, Store.GLOBAL, "type");
    return t.isEmpty() ? "nginx" : t;
  }

  public String global(String key) {
    return store.property(PLUGIN, Store.GLOBAL, key);
  }

  public String app(String app, String key) {
    return store.property(PLUGIN, app, key);
  }

  public Listen listen() {
    return Listen.parse(global("listen"));
  }

  /** The host nginx's main configuration, or "" when jokku manages its own nginx. */
  public String nginxConf() {
    return global("nginx-conf");
  }

  /** Validates a value for {@code proxy:set}, before anything is written. "" unsets. */
  public static String validate(String key, String value) {
    if (!GLOBAL_KEYS.contains(key)) throw new DokkuException("Invalid property specified, valid properties include: " + String.join(", ", GLOBAL_KEYS));
    if (value.isEmpty()) return value;
    switch (key) {
      case "listen" -> Listen.parse(value);
      case "type" -> {
        if (!TYPES.contains(value)) {
          throw new DokkuException("Unsupported proxy type '" + value + "': jokku supports " + String.join(", ", TYPES));
        }
      }
      case "nginx-conf" -> {
        if (!value.startsWith("/")) throw new DokkuException("nginx-conf must be an absolute path, e.g. /etc/nginx/nginx.conf");
      }
      default -> throw new DokkuException("Invalid property specified, valid properties include: " + String.join(", ", GLOBAL_KEYS));
    }
    return value;
  }

  public void setGlobal(String key, String value) {
    store.setProperty(PLUGIN, Store.GLOBAL, key, value);
  }

  public void setType(String app, String type) {
    store.setProperty(PLUGIN, app, "type", type);
  }
}
