package jokku.property;

import java.util.List;
import jokku.DokkuException;

/**
 * The {@code ps} properties: {@code procfile-path} (where the Procfile is in the image, else {@code Procfile}),
 * {@code restart-policy} (the deploy containers' policy, else {@code on-failure:10}), {@code restore} (per app; false
 * after {@code ps:stop}, so {@code ps:restore} leaves the app stopped) and {@code stop-timeout-seconds} (else 30);
 * {@code scale} and {@code can-scale} are jokku's own. Declared here, beside the model, because the image, run,
 * deploy and swarm packages all read them.
 */
public final class PsSettings {
  public static final String PLUGIN = "ps";
  public static final String RESTART_POLICIES = "no, always, unless-stopped, on-failure, on-failure:<max-retries>";
  public static final Property PROCFILE_PATH = Property.of(PLUGIN, "procfile-path").defaultValue("Procfile").check(v -> {
    if (v.contains("\n")) throw new DokkuException("Invalid procfile-path: it must be one line");
  });
  public static final Property RESTART_POLICY = Property.of(PLUGIN, "restart-policy").defaultValue("on-failure:10")
      .check(Check.matches("no|always|unless-stopped|on-failure(:\\d{1,4})?", v -> "Invalid restart-policy '" + v + "', valid values include: " + RESTART_POLICIES));
  /** Reported as Dokku does, as {@code --restore} (true unless false). */
  public static final Property RESTORE = Property.of(PLUGIN, "restore").appOnly().reportedByPlugin()
      .check(Check.oneOf(List.of("true", "false"), v -> "Invalid restore value '" + v + "', valid values include: true, false"));
  public static final Property STOP_TIMEOUT_SECONDS = Property.of(PLUGIN, "stop-timeout-seconds").defaultValue("30")
      .check(Check.matches("\\d{1,5}", v -> "Invalid stop-timeout-seconds '" + v + "': expected a whole number of seconds"));
  public static final Property CAN_SCALE = Property.of(PLUGIN, "can-scale").appOnly().internal();
  /** The formation, one {@code proc=count} line per process type ({@code deploy/Scale}). */
  public static final Property SCALE = Property.of(PLUGIN, "scale").appOnly().internal();
  public static final PluginProperties PROPERTIES = PluginProperties.of(PLUGIN, PROCFILE_PATH, RESTART_POLICY, RESTORE, STOP_TIMEOUT_SECONDS, CAN_SCALE, SCALE)
      .listsKeysWhenMissing();

  private final PropertyValues values;

  public PsSettings(jokku.store.Store store) {
    this.values = new PropertyValues(store);
  }

  public PropertyValues values() {
    return values;
  }

  /** The deploy containers' restart policy: the app's, else the global one, else Dokku's {@code on-failure:10}. */
  public String restartPolicy(Scope scope) {
    return values.computed(RESTART_POLICY, scope);
  }

  public String restartPolicy(String app) {
    return restartPolicy(Scope.app(app));
  }

  /** False only when {@code restore} is {@code false} (set by {@code ps:stop} or {@code ps:set}). */
  public boolean restore(String app) {
    return !"false".equals(values.app(RESTORE, app));
  }

  /** Marks the app to be restored at boot ({@code true}), or not ({@code false}, after {@code ps:stop}). */
  public void restore(String app, boolean restore) {
    values.set(RESTORE, Scope.app(app), restore ? "" : "false");
  }

  /**
   * The app's stop-timeout-seconds, else the global one; {@code unset} when neither is set (the deploy's 30, the
   * engine's 10 for run containers) or the value is not a number.
   */
  public int stopTimeout(String app, int unset) {
    String v = values.chosen(STOP_TIMEOUT_SECONDS, Scope.app(app));
    return v.matches("\\d{1,5}") ? Integer.parseInt(v) : unset;
  }

  /** The deploy's stop timeout: {@link #stopTimeout} else 30. */
  public int stopTimeout(String app) {
    return stopTimeout(app, Integer.parseInt(STOP_TIMEOUT_SECONDS.defaultFor(Scope.GLOBAL)));
  }

  /** Where the Procfile is in the image: the app's procfile-path, else the global one, else {@code Procfile}. */
  public String procfilePath(String app) {
    return values.computed(PROCFILE_PATH, app);
  }

  /** Whether procfile-path is set (app or global): the file it names must then be in the image. */
  public boolean procfilePathSet(String app) {
    return !values.chosen(PROCFILE_PATH, Scope.app(app)).isEmpty();
  }
}
