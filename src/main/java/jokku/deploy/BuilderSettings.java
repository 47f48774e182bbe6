package jokku.deploy;

import java.util.List;
import java.util.Map;
import jokku.property.Check;
import jokku.property.PluginProperties;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * Dokku's {@code builder} properties ({@code config/builder/<app|--global>/selected}, and {@code detected}, written
 * by each build): which builder turns an app's source into its image. jokku has two: {@code dockerfile} (the
 * engine builds the Dockerfile, also what an unset value detects) and {@code null} (nothing is built; the deploy
 * uses the image the app already has, or runs nothing on the null scheduler).
 */
public final class BuilderSettings {
  public static final List<String> NAMES = List.of("dockerfile", "null");
  public static final Property SELECTED = Property.of("builder", "selected")
      .check(Check.oneOf(NAMES, v -> "Invalid builder " + v + ", valid builders: " + String.join(", ", NAMES)));
  public static final Property DETECTED = Property.of("builder", "detected").appOnly().readOnly().reportsOwnValueOnly();
  public static final PluginProperties PROPERTIES = PluginProperties.of("builder", SELECTED, DETECTED).globalReportWithoutComputed();

  private final Store store;
  private final PropertyValues values;

  public BuilderSettings(Store store) {
    this.store = store;
    this.values = new PropertyValues(store);
  }

  /** The app's builder, else the global one, else "" (detected at build time). */
  public String computed(String app) {
    return values.computed(SELECTED, app);
  }

  public boolean isNull(String app) {
    return computed(app).equals("null");
  }

  void detected(String app, String builder) {
    try (Store.Lock l = store.lock(app)) {
      values.set(DETECTED, Scope.app(app), builder);
    }
  }

  /** Dokku's {@code builder:report} flags for an app, or for {@code --global}. */
  public Map<String, String> report(Scope scope) {
    return PROPERTIES.report(values, scope);
  }
}
