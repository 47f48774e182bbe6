package jokku.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * Dokku's {@code builder} properties ({@code config/builder/<app|--global>/selected}, and {@code detected}, written
 * by each build): which builder turns an app's source into its image. jokku has two: {@code dockerfile} (the
 * engine builds the Dockerfile, also what an unset value detects) and {@code null} (nothing is built; the deploy
 * uses the image the app already has, or runs nothing on the null scheduler).
 */
public final class BuilderSettings {
  public static final String PLUGIN = "builder";
  public static final String SELECTED = "selected";
  public static final List<String> NAMES = List.of("dockerfile", "null");

  private final Store store;

  public BuilderSettings(Store store) {
    this.store = store;
  }

  /** Refuses an unknown property, the read-only {@code detected}, or a builder jokku does not have. */
  public static void validate(String key, String value) {
    if (key.equals("detected")) throw new DokkuException("detected is a read-only property");
    if (!key.equals(SELECTED)) throw new DokkuException("Invalid property specified, valid properties include: " + SELECTED);
    if (!value.isEmpty() && !NAMES.contains(value)) {
      throw new DokkuException("Invalid builder " + value + ", valid builders: " + String.join(", ", NAMES));
    }
  }

  public String selected(String scope) {
    return store.property(PLUGIN, scope, SELECTED);
  }

  /** The app's builder, else the global one, else "" (detected at build time). */
  public String computed(String app) {
    String own = selected(app);
    return own.isEmpty() ? selected(Store.GLOBAL) : own;
  }

  public boolean isNull(String app) {
    return computed(app).equals("null");
  }

  /** Writes the value ("" unsets); the caller holds the scope's lock. */
  public void set(String scope, String value) {
    store.setProperty(PLUGIN, scope, SELECTED, value);
  }

  void detected(String app, String builder) {
    try (Store.Lock l = store.lock(app)) {
      store.setProperty(PLUGIN, app, "detected", builder);
    }
  }

  /** Dokku's {@code builder:report} flags for an app, or for {@code --global}. */
  public Map<String, String> report(String scope) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--builder-global-selected", selected(Store.GLOBAL));
    if (Store.GLOBAL.equals(scope)) return f;
    f.put("--builder-computed-selected", computed(scope));
    f.put("--builder-selected", selected(scope));
    f.put("--builder-detected", store.property(PLUGIN, scope, "detected"));
    return f;
  }
}
