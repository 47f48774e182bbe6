package jokku.proxy;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The {@code nginx:set} values ({@code $DOKKU_LIB_ROOT/config/nginx/<app|--global>/<key>}): an app's own value, else
 * the global one, else Dokku's default ({@link NginxProperty#fallback}).
 */
public final class NginxSettings {
  private final PropertyValues values;
  private final Path logRoot;

  public NginxSettings(Store store, Path logRoot) {
    this.values = new PropertyValues(store);
    this.logRoot = logRoot;
  }

  public String global(NginxProperty p) {
    return values.global(p.property);
  }

  /** The app's value, else the global one, else Dokku's default (for the global scope: global, else default). */
  public String computed(Scope scope, NginxProperty p) {
    String v = values.chosen(p.property, scope);
    return v.isEmpty() ? p.fallback(scope.folder(), logRoot) : v;
  }

  public String computed(String app, NginxProperty p) {
    return computed(Scope.app(app), p);
  }

  /** Every property's computed value for an app, as the template reads them. */
  public Map<NginxProperty, String> computed(String app) {
    Map<NginxProperty, String> m = new EnumMap<>(NginxProperty.class);
    for (NginxProperty p : NginxProperty.values()) m.put(p, computed(app, p));
    return m;
  }

  /** Stores a value already checked ("" unsets); the caller holds the scope's lock. */
  public void set(Scope scope, NginxProperty p, String value) {
    values.set(p.property, scope, value);
  }

  /** The value stored in the scope ("" when unset). */
  public String raw(Scope scope, NginxProperty p) {
    return values.get(p.property, scope);
  }

  /**
   * {@code nginx:report}'s flags: the declarations' rows (computed with the log root's defaults; global: the global
   * values only), and when the access log was last written.
   */
  public Map<String, String> report(Scope scope) {
    Map<String, String> m = NginxProperty.PROPERTIES.report(values, scope, (p, s) -> computed(s, NginxProperty.of(p)));
    if (!scope.isGlobal()) {
      String log = computed(scope, NginxProperty.ACCESS_LOG_PATH);
      Path f = Path.of(log);
      long t = log.equals("off") || !f.isAbsolute() ? 0 : f.toFile().lastModified();
      m.put("--nginx-last-visited-at", t == 0 ? "" : String.valueOf(t / 1000));
    }
    return m;
  }
}
