package jokku.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/** The network properties' values, read through the property model: app value, else global value, else the default. */
public final class NetworkSettings {
  private final PropertyValues values;

  public NetworkSettings(Store store) {
    this.values = new PropertyValues(store);
  }

  /** The app's own value ("" when unset). */
  public String app(String app, NetworkProperty p) {
    return values.app(p.property, app);
  }

  /** The global value ("" when unset, always "" for app-only properties). */
  public String global(NetworkProperty p) {
    return values.global(p.property);
  }

  /** App, else global, else default. For the global scope, global else default. */
  public String computed(Scope scope, NetworkProperty p) {
    return values.computed(p.property, scope);
  }

  public String computed(String app, NetworkProperty p) {
    return computed(Scope.app(app), p);
  }

  /** As {@link #computed}, from the app's and the global properties already read (key → value). */
  public static String computed(Map<String, String> own, Map<String, String> global, NetworkProperty p) {
    return PropertyValues.computed(p.property, Scope.app(""), own, global);
  }

  /** The app's and the global folder in one listing each, for {@link #computed(Map, Map, NetworkProperty)}. */
  public Map<String, String> all(Scope scope) {
    return values.all(NetworkProperty.PLUGIN, scope);
  }

  /** Writes a value already checked ("" unsets); the caller holds the scope's lock. */
  void set(Scope scope, NetworkProperty p, String value) {
    values.set(p.property, scope, value);
  }

  /** A computed list property split into network names (empty entries dropped). */
  public List<String> computedList(String app, NetworkProperty p) {
    return split(computed(app, p));
  }

  public static List<String> split(String joined) {
    List<String> l = new ArrayList<>();
    for (String s : joined.split(",")) if (!s.isEmpty()) l.add(s);
    return l;
  }
}
