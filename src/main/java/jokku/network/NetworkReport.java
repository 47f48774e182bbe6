package jokku.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The values behind {@code network:report}: for an app the 17 {@code --network-...} flags (raw app value, global
 * value, computed value, static web listener, web listeners); for {@code --global} the 10 global and computed ones.
 * Keys are the raw flags in sorted order, as Dokku prints them.
 */
public final class NetworkReport {
  public static final String TYPE = "network";
  private static final String PREFIX = "--network-";

  private final PropertyValues values;
  private final Listeners listeners;

  /** The report's flags, sorted: the app report's 17 or the global report's 10. */
  public static List<String> flags(boolean global) {
    List<String> l = new ArrayList<>();
    for (NetworkProperty p : NetworkProperty.values()) {
      if (!global) l.add(PREFIX + p.key);
      if (p.global) {
        l.add(PREFIX + "computed-" + p.key);
        l.add(PREFIX + "global-" + p.key);
      }
    }
    if (!global) l.add(PREFIX + "web-listeners");
    l.sort(String::compareTo);
    return l;
  }

  public NetworkReport(Store store) {
    this.values = new PropertyValues(store);
    this.listeners = new Listeners(store);
  }

  /** The app report: flag → value. */
  public Map<String, String> app(String app) {
    Map<String, String> m = new TreeMap<>(NetworkProperty.PROPERTIES.report(values, Scope.app(app)));
    m.put(PREFIX + "web-listeners", String.join(" ", listeners.of(app, "web")));
    return m;
  }

  /** The {@code --global} report: the global values and what they compute to with no app value. */
  public Map<String, String> global() {
    return new TreeMap<>(NetworkProperty.PROPERTIES.report(values, Scope.GLOBAL));
  }
}
