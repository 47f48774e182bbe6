package jokku.scheduler;

import java.util.List;
import java.util.Map;
import jokku.property.Check;
import jokku.property.PluginProperties;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The {@code scheduler} properties as Dokku stores them: {@code config/scheduler/<app|--global>/selected}, computed
 * as the app's, else the global one, else {@code docker-local}; and {@code shell} (what {@code enter} runs, else
 * {@code /bin/bash}), which {@code scheduler:set} does not set.
 */
public final class SchedulerSettings {
  public static final String DEFAULT = "docker-local";
  /** Every scheduler jokku has, in the order the error message names them. */
  public static final List<String> NAMES = List.of("docker-local", "null", "swarm");
  public static final Property SELECTED = Property.of("scheduler", "selected").defaultValue(DEFAULT)
      .check(Check.oneOf(NAMES, v -> "Invalid scheduler " + v + ", valid schedulers: " + String.join(", ", NAMES)));
  public static final Property SHELL = Property.of("scheduler", "shell").defaultValue("/bin/bash").internal();
  public static final PluginProperties PROPERTIES = PluginProperties.of("scheduler", SELECTED, SHELL);

  private final PropertyValues values;

  public SchedulerSettings(Store store) {
    this.values = new PropertyValues(store);
  }

  public String computed(Scope scope) {
    return values.computed(SELECTED, scope);
  }

  public String computed(String app) {
    return values.computed(SELECTED, app);
  }

  /** Writes the value ("" unsets); the caller holds the scope's lock. */
  void set(Scope scope, String value) {
    values.set(SELECTED, scope, value);
  }

  /**
   * Dokku's {@code scheduler:report} flags for an app, or for {@code --global}: the stored values as they are (empty
   * when unset), the default only in {@code computed}.
   */
  public Map<String, String> report(Scope scope) {
    return PROPERTIES.report(values, scope);
  }
}
