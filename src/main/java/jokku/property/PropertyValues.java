package jokku.property;

import java.util.Map;
import jokku.store.Store;

/**
 * Reads and writes declared properties: the one place "the app's value, else the global one, else the default" is
 * written. Values are verbatim ("" when unset).
 */
public final class PropertyValues {
  private final Store store;

  public PropertyValues(Store store) {
    this.store = store;
  }

  /** The value stored in this scope ("" when unset, or when the property does not have that scope). */
  public String get(Property p, Scope scope) {
    if (scope.isGlobal() ? !p.hasGlobal() : !p.hasApp()) return "";
    return store.property(p.plugin, scope.folder(), p.key);
  }

  public String app(Property p, String app) {
    return get(p, Scope.app(app));
  }

  public String global(Property p) {
    return get(p, Scope.GLOBAL);
  }

  /** The app's value, else the global one, else the default (for the global scope: global, else default). */
  public String computed(Property p, Scope scope) {
    String v = chosen(p, scope);
    return v.isEmpty() ? p.defaultFor(scope) : v;
  }

  /** The app's value, else the global one; "" when neither is set (the default left to the caller). */
  public String chosen(Property p, Scope scope) {
    String v = scope.isGlobal() ? "" : get(p, scope);
    return v.isEmpty() ? global(p) : v;
  }

  public String computed(Property p, String app) {
    return computed(p, Scope.app(app));
  }

  /** As {@link #computed}, from an app's and the global folder already read ({@link #all}). */
  public static String computed(Property p, Scope scope, Map<String, String> own, Map<String, String> global) {
    String v = scope.isGlobal() || !p.hasApp() ? "" : own.getOrDefault(p.key, "");
    if (v.isEmpty() && p.hasGlobal()) v = global.getOrDefault(p.key, "");
    return v.isEmpty() ? p.defaultFor(scope) : v;
  }

  /** Every value stored in one scope of a plugin (key → value), in one folder listing. */
  public Map<String, String> all(String plugin, Scope scope) {
    return store.properties(plugin, scope.folder());
  }

  /** Writes a value already checked ("" unsets); the caller holds {@link #lock}. */
  public void set(Property p, Scope scope, String value) {
    store.setProperty(p.plugin, scope.folder(), p.key, value);
  }

  /** The scope's lock: an app's, or the global one. */
  public Store.Lock lock(Scope scope) {
    return store.lock(scope.folder());
  }
}
