package jokku.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.store.Store;

/** Resolution of network properties: app value, else global value, else the default ("computed"). */
public final class NetworkSettings {
  private final Store store;

  public NetworkSettings(Store store) {
    this.store = store;
  }

  /** The app's own value ("" when unset). */
  public String app(String app, NetworkProperty p) {
    return store.property(NetworkProperty.PLUGIN, app, p.key);
  }

  /** The global value ("" when unset, always "" for app-only properties). */
  public String global(NetworkProperty p) {
    return p.global ? store.property(NetworkProperty.PLUGIN, Store.GLOBAL, p.key) : "";
  }

  /** App, else global, else default. For {@code --global} as the app, global else default. */
  public String computed(String app, NetworkProperty p) {
    String v = Store.GLOBAL.equals(app) ? "" : app(app, p);
    if (v.isEmpty()) v = global(p);
    return v.isEmpty() ? p.defaultValue : v;
  }

  /** As {@link #computed}, from the app's and the global properties already read (key → value). */
  public static String computed(Map<String, String> own, Map<String, String> global, NetworkProperty p) {
    String v = own.getOrDefault(p.key, "");
    if (v.isEmpty() && p.global) v = global.getOrDefault(p.key, "");
    return v.isEmpty() ? p.defaultValue : v;
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
