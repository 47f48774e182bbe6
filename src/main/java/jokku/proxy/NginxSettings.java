package jokku.proxy;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jokku.store.Store;

/**
 * The {@code nginx:set} values ({@code $DOKKU_LIB_ROOT/config/nginx/<app|--global>/<key>}): an app's own value, else
 * the global one, else Dokku's default ({@link NginxProperty#fallback}).
 */
public final class NginxSettings {
  public static final String PLUGIN = "nginx";

  private final Store store;
  private final Path logRoot;

  public NginxSettings(Store store, Path logRoot) {
    this.store = store;
    this.logRoot = logRoot;
  }

  public String app(String app, NginxProperty p) {
    return Store.GLOBAL.equals(app) ? "" : store.property(PLUGIN, app, p.key);
  }

  public String global(NginxProperty p) {
    return store.property(PLUGIN, Store.GLOBAL, p.key);
  }

  public String computed(String app, NginxProperty p) {
    String v = app(app, p);
    if (v.isEmpty()) v = global(p);
    return v.isEmpty() ? p.fallback(app, logRoot) : v;
  }

  /** Every property's computed value for an app, as the template reads them. */
  public Map<NginxProperty, String> computed(String app) {
    Map<NginxProperty, String> m = new EnumMap<>(NginxProperty.class);
    for (NginxProperty p : NginxProperty.values()) m.put(p, computed(app, p));
    return m;
  }

  /** Stores a value already checked ("" unsets); the caller holds the scope's lock. */
  public void set(String scope, NginxProperty p, String value) {
    store.setProperty(PLUGIN, scope, p.key, value);
  }

  public String raw(String scope, NginxProperty p) {
    return store.property(PLUGIN, scope, p.key);
  }

  /** {@code nginx:report}'s flags: {@code --nginx-<key>}, {@code -computed-} and {@code -global-} (global: only those). */
  public Map<String, String> report(String app) {
    boolean global = Store.GLOBAL.equals(app);
    Map<String, String> m = new LinkedHashMap<>();
    for (NginxProperty p : NginxProperty.values()) {
      m.put("--nginx-global-" + p.key, global(p));
      if (global) continue;
      m.put("--nginx-" + p.key, app(app, p));
      m.put("--nginx-computed-" + p.key, computed(app, p));
    }
    if (!global) {
      String log = computed(app, NginxProperty.ACCESS_LOG_PATH);
      Path f = Path.of(log);
      long t = log.equals("off") || !f.isAbsolute() ? 0 : f.toFile().lastModified();
      m.put("--nginx-last-visited-at", t == 0 ? "" : String.valueOf(t / 1000));
    }
    return m;
  }
}
