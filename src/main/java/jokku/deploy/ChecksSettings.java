package jokku.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.property.Check;
import jokku.property.PluginProperties;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The checks plugin's properties: {@code disabled} and {@code skipped} ({@code _all_} or a comma list of process
 * types), {@code wait-to-retire} (default 60) and {@code default-wait} (the default uptime check, default 10), the
 * last two app, else global, else default.
 */
public final class ChecksSettings {
  public static final String ALL = "_all_";
  public static final Property DEFAULT_WAIT = seconds("default-wait", "10");
  public static final Property WAIT_TO_RETIRE = seconds("wait-to-retire", "60");
  public static final Property DISABLED = Property.of("checks", "disabled").appOnly().internal();
  public static final Property SKIPPED = Property.of("checks", "skipped").appOnly().internal();
  public static final PluginProperties PROPERTIES = PluginProperties.of("checks", DEFAULT_WAIT, WAIT_TO_RETIRE, DISABLED, SKIPPED).saysKey();
  private final PropertyValues values;

  public ChecksSettings(Store store) {
    this.values = new PropertyValues(store);
  }

  private static Property seconds(String key, String fallback) {
    return Property.of("checks", key).defaultValue(fallback)
        .check(Check.matches("\\d{1,6}", v -> "Invalid value for " + key + ": '" + v + "' is not a whole number of seconds"));
  }

  public String disabled(String app) {
    return values.app(DISABLED, app);
  }

  public String skipped(String app) {
    return values.app(SKIPPED, app);
  }

  public boolean isDisabled(String app, String proc) {
    return contains(disabled(app), proc);
  }

  public boolean isSkipped(String app, String proc) {
    return contains(skipped(app), proc);
  }

  public int waitToRetire(String app) {
    return seconds(Scope.app(app), WAIT_TO_RETIRE);
  }

  public int defaultWait(String app) {
    return seconds(Scope.app(app), DEFAULT_WAIT);
  }

  /** The computed seconds (a stored value that is not a number counts as unset). */
  public int seconds(Scope scope, Property p) {
    String v = values.computed(p, scope);
    return v.matches("\\d{1,6}") ? Integer.parseInt(v) : Integer.parseInt(p.defaultFor(scope));
  }

  /** Stores the app's disabled and skipped lists; the caller holds the app's lock. */
  public void setLists(String app, String disabled, String skipped) {
    values.set(DISABLED, Scope.app(app), disabled);
    values.set(SKIPPED, Scope.app(app), skipped);
  }

  /** Dokku's {@code checks:report} flags for an app, or for {@code --global}. */
  public Map<String, String> report(Scope scope) {
    Map<String, String> f = PROPERTIES.report(values, scope, (p, s) -> String.valueOf(seconds(s, p)));
    if (!scope.isGlobal()) { // the lists are not properties: checks:disable/enable/skip write them
      f.put("--checks-disabled-list", disabled(scope.app()).isEmpty() ? "none" : disabled(scope.app()));
      f.put("--checks-skipped-list", skipped(scope.app()).isEmpty() ? "none" : skipped(scope.app()));
    }
    return f;
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

}
