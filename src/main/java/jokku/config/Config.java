package jokku.config;

import java.util.Map;
import java.util.TreeMap;
import jokku.store.Store;

/** An app's environment ({@code $DOKKU_ROOT/<app>/ENV}) and the global one ({@code $DOKKU_ROOT/ENV}). */
public final class Config {
  private final Store store;

  public Config(Store store) {
    this.store = store;
  }

  public Map<String, String> app(String app) {
    return EnvFile.parse(Store.read(store.appDir(app).resolve("ENV")));
  }

  public Map<String, String> global() {
    return EnvFile.parse(Store.read(store.root().resolve("ENV")));
  }

  /** Global values overridden by the app's: what containers of the app get. */
  public Map<String, String> merged(String app) {
    Map<String, String> m = new TreeMap<>(global());
    m.putAll(app(app));
    return m;
  }

  /** Replaces the app's (or, for {@link Store#GLOBAL}, the global) environment atomically. Hold the app lock. */
  public void write(String scope, Map<String, String> env) {
    var file = Store.GLOBAL.equals(scope) ? store.root().resolve("ENV") : store.appDir(scope).resolve("ENV");
    Store.writeAtomic(file, EnvFile.format(env), true);
  }

  public Map<String, String> read(String scope) {
    return Store.GLOBAL.equals(scope) ? global() : app(scope);
  }
}
