package jokku.scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * The {@code scheduler} properties as Dokku stores them: {@code config/scheduler/<app|--global>/selected}. The
 * computed value is the app's, else the global one, else {@code docker-local}.
 */
public final class SchedulerSettings {
  public static final String PLUGIN = "scheduler";
  public static final String SELECTED = "selected";
  public static final String DEFAULT = "docker-local";
  /** Every scheduler jokku has, in the order the error message names them. */
  public static final List<String> NAMES = List.of("docker-local", "null", "swarm");

  private final Store store;

  public SchedulerSettings(Store store) {
    this.store = store;
  }

  public String selected(String scope) {
    return store.property(PLUGIN, scope, SELECTED);
  }

  public String globalComputed() {
    String g = selected(Store.GLOBAL);
    return g.isEmpty() ? DEFAULT : g;
  }

  public String computed(String app) {
    String own = selected(app);
    return own.isEmpty() ? globalComputed() : own;
  }

  /** Refuses an unknown property or scheduler name (before anything changes). */
  public static void validate(String key, String value) {
    if (!key.equals(SELECTED)) throw new DokkuException("Invalid property specified, valid properties include: " + SELECTED);
    if (!value.isEmpty() && !NAMES.contains(value)) {
      throw new DokkuException("Invalid scheduler " + value + ", valid schedulers: " + String.join(", ", NAMES));
    }
  }

  /** Writes the value ("" unsets); the caller holds the scope's lock. */
  public void set(String scope, String value) {
    store.setProperty(PLUGIN, scope, SELECTED, value);
  }

  /**
   * Dokku's {@code scheduler:report} flags for an app, or for {@code --global}: the stored values as they are (empty
   * when unset), the default only in {@code computed}.
   */
  public Map<String, String> report(String scope) {
    Map<String, String> f = new LinkedHashMap<>();
    boolean global = scope.equals(Store.GLOBAL);
    f.put("--scheduler-computed-selected", global ? globalComputed() : computed(scope));
    f.put("--scheduler-global-selected", selected(Store.GLOBAL));
    if (!global) f.put("--scheduler-selected", selected(scope));
    return f;
  }
}
