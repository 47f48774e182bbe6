package jokku.config;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.property.Scope;
import jokku.store.Store;

/** An app's environment ({@code $DOKKU_ROOT/<app>/ENV}) and the global one ({@code $DOKKU_ROOT/ENV}). */
public final class Config {
  private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
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

  /** Replaces the app's (or the global) environment atomically. Hold the scope's lock. */
  public void write(Scope scope, Map<String, String> env) {
    var file = scope.isGlobal() ? store.root().resolve("ENV") : store.appDir(scope.app()).resolve("ENV");
    Store.writeAtomic(file, EnvFile.format(env), true);
  }

  public Map<String, String> read(Scope scope) {
    return scope.isGlobal() ? global() : app(scope.app());
  }

  /** Variable names a shell can source back from the ENV file: {@code [A-Za-z_][A-Za-z0-9_]*}. */
  public static void validateKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new DokkuException("Invalid env key '" + key + "': names must match [A-Za-z_][A-Za-z0-9_]*");
    }
  }

  /** Sets variables of an app (or the global ones): read, change and atomic rewrite under the scope's lock. */
  public void set(Scope scope, Map<String, String> entries) {
    for (String k : entries.keySet()) validateKey(k);
    update(scope, env -> env.putAll(entries));
  }

  /** Removes variables (missing ones are fine) under the scope's lock; returns the keys that were set. */
  public java.util.Set<String> unset(Scope scope, Collection<String> keys) {
    java.util.Set<String> removed = new java.util.TreeSet<>();
    update(scope, env -> {
      for (String k : keys) if (env.remove(k) != null) removed.add(k);
    });
    return removed;
  }

  /** Removes every variable under the scope's lock; returns the keys that were set. */
  public java.util.Set<String> clear(Scope scope) {
    java.util.Set<String> removed = new java.util.TreeSet<>();
    update(scope, env -> {
      removed.addAll(env.keySet());
      env.clear();
    });
    return removed;
  }

  private void update(Scope scope, Consumer<Map<String, String>> change) {
    try (Store.Lock l = store.lock(scope.folder())) {
      if (!scope.isGlobal() && !store.appExists(scope.app())) throw DokkuException.appMissing(scope.app());
      Map<String, String> env = new TreeMap<>(read(scope));
      Map<String, String> before = new TreeMap<>(env);
      change.accept(env);
      if (!env.equals(before)) write(scope, env);
    }
  }
}
