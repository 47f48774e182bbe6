package jokku.deploy;

import java.util.List;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * The {@code ps} properties {@code ps:set} writes and the deploy, {@code ps:stop} and {@code ps:restore} read:
 * {@code procfile-path}, {@code restart-policy} (the deploy containers' policy; app, else global, else
 * {@code on-failure:10}), {@code restore} (false after {@code ps:stop}: {@code ps:restore} leaves the app stopped) and
 * {@code stop-timeout-seconds} (app, else global, else 30).
 */
public final class PsSettings {
  public static final List<String> KEYS = List.of("procfile-path", "restart-policy", "restore", "stop-timeout-seconds");
  public static final String RESTART_POLICIES = "no, always, unless-stopped, on-failure, on-failure:<max-retries>";

  private final Store store;

  public PsSettings(Store store) {
    this.store = store;
  }

  /** Refuses what {@code ps:set <scope> <key> <value>} must not write; "" (unset) is always valid. */
  public static void validate(String scope, String key, String value) {
    if (key.isEmpty()) throw new DokkuException("No property specified, valid properties include: " + String.join(", ", KEYS));
    if (!KEYS.contains(key)) throw new DokkuException("Invalid property specified, valid properties include: " + String.join(", ", KEYS));
    if (key.equals("restore") && scope.equals(Store.GLOBAL)) throw new DokkuException("Property cannot be specified globally");
    if (value.isEmpty()) return;
    switch (key) {
      case "restore" -> {
        if (!value.equals("true") && !value.equals("false")) throw new DokkuException("Invalid restore value '" + value + "', valid values include: true, false");
      }
      case "restart-policy" -> {
        if (!validRestartPolicy(value)) throw new DokkuException("Invalid restart-policy '" + value + "', valid values include: " + RESTART_POLICIES);
      }
      case "stop-timeout-seconds" -> {
        if (!value.matches("\\d{1,5}")) throw new DokkuException("Invalid stop-timeout-seconds '" + value + "': expected a whole number of seconds");
      }
      default -> {
        if (value.contains("\n")) throw new DokkuException("Invalid " + key + ": it must be one line");
      }
    }
  }

  static boolean validRestartPolicy(String p) {
    return p.equals("no") || p.equals("always") || p.equals("unless-stopped") || p.matches("on-failure(:\\d{1,4})?");
  }

  /** The deploy containers' restart policy: the app's, else the global one, else Dokku's {@code on-failure:10}. */
  public String restartPolicy(String app) {
    String v = store.property(Scale.PLUGIN, app, "restart-policy");
    if (v.isEmpty()) v = store.property(Scale.PLUGIN, Store.GLOBAL, "restart-policy");
    return v.isEmpty() ? ContainerSpecs.DEFAULT_RESTART : v;
  }

  /** False only when {@code restore} is {@code false} (set by {@code ps:stop} or {@code ps:set}). */
  public boolean restore(String app) {
    return !"false".equals(store.property(Scale.PLUGIN, app, "restore"));
  }
}
