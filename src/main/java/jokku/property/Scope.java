package jokku.property;

/**
 * Where a property value lives: one app's, or the plugin's global one ({@code config/<plugin>/--global/}). The
 * folder name {@code --global} is the store's business; code asks {@link #isGlobal}.
 */
public record Scope(String app) {
  /** The plugin-wide scope ({@code --global} on the command line). */
  public static final Scope GLOBAL = new Scope(null);

  public static Scope app(String app) {
    return new Scope(app);
  }

  /** The scope a report or command names: {@code --global}, else the app. */
  public static Scope of(String appOrGlobal) {
    return jokku.store.Store.GLOBAL.equals(appOrGlobal) ? GLOBAL : new Scope(appOrGlobal);
  }

  public boolean isGlobal() {
    return app == null;
  }

  /** The folder (and lock) name in the store: the app's name, or {@code --global}. */
  public String folder() {
    return app == null ? jokku.store.Store.GLOBAL : app;
  }

  @Override
  public String toString() {
    return folder();
  }
}
