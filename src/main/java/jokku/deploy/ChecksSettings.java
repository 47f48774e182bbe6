package jokku.deploy;

import java.util.ArrayList;
import java.util.List;
import jokku.store.Store;

/**
 * The checks plugin's properties: {@code disabled} and {@code skipped} ({@code _all_} or a comma list of process
 * types), {@code wait-to-retire} (default 60) and {@code default-wait} (the default uptime check, default 10), the
 * last two app, else global, else default.
 */
public final class ChecksSettings {
  public static final String PLUGIN = "checks";
  public static final String ALL = "_all_";
  public static final List<String> KEYS = List.of("default-wait", "wait-to-retire");
  private final Store store;

  public ChecksSettings(Store store) {
    this.store = store;
  }

  public String disabled(String app) {
    return store.property(PLUGIN, app, "disabled");
  }

  public String skipped(String app) {
    return store.property(PLUGIN, app, "skipped");
  }

  public boolean isDisabled(String app, String proc) {
    return contains(disabled(app), proc);
  }

  public boolean isSkipped(String app, String proc) {
    return contains(skipped(app), proc);
  }

  public int waitToRetire(String app) {
    return seconds(computed(app, "wait-to-retire"), 60);
  }

  public int defaultWait(String app) {
    return seconds(computed(app, "default-wait"), 10);
  }

  /** App value, else global value, else "" (the caller's default). */
  public String computed(String app, String key) {
    String v = Store.GLOBAL.equals(app) ? "" : store.property(PLUGIN, app, key);
    return v.isEmpty() ? store.property(PLUGIN, Store.GLOBAL, key) : v;
  }

  /**
   * Dokku's disable/enable/skip list arithmetic: {@code procs} (comma list, or {@code _all_}) is moved into
   * {@code target} (when {@code add}) and out of {@code other}. Returns {target, other}.
   */
  public static String[] move(String procs, String target, String other, boolean add) {
    if (procs.equals(ALL)) return new String[] {add ? ALL : "", ""};
    List<String> t = split(target);
    List<String> o = split(other);
    for (String p : procs.split(",")) {
      if (p.isEmpty()) continue;
      if (add && !t.contains(p)) t.add(p);
      if (!add) t.remove(p);
      o.remove(p);
    }
    if (add) t.remove(ALL);
    return new String[] {String.join(",", t), String.join(",", o)};
  }

  private static boolean contains(String list, String proc) {
    return list.equals(ALL) || split(list).contains(proc);
  }

  static List<String> split(String list) {
    List<String> l = new ArrayList<>();
    for (String s : list.split(",")) if (!s.isBlank()) l.add(s.trim());
    return l;
  }

  private static int seconds(String v, int fallback) {
    return v.matches("\\d{1,6}") ? Integer.parseInt(v) : fallback;
  }
}
