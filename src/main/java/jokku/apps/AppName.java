package jokku.apps;

import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.store.Store;

/** Dokku's app-name rules. Names are checked before any file is touched, so none can escape the state folders. */
public final class AppName {
  private static final Pattern NEW = Pattern.compile("^[a-z0-9][a-z0-9.-]*$");
  private static final Pattern OLD = Pattern.compile("^[a-z0-9][a-z0-9._-]*$");

  private AppName() {}

  /** For a new app: {@code ^[a-z0-9][a-z0-9.-]*$}. */
  public static void validateNew(String app) {
    if (app == null || app.isEmpty()) throw new DokkuException("Please specify an app to run the command on");
    if (!NEW.matcher(app).matches() || app.equals(".") || app.contains("..")) {
      throw new DokkuException("App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens");
    }
  }

  /** For an existing app: either rule, and the app folder must exist (exit 20 otherwise). */
  public static void verify(Store store, String app) {
    if (app == null || app.isEmpty()) throw new DokkuException("Please specify an app to run the command on");
    if (!NEW.matcher(app).matches() && !OLD.matcher(app).matches() || app.contains("..")) {
      throw new DokkuException("App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens");
    }
    if (!store.appExists(app)) throw DokkuException.appMissing(app);
  }
}
