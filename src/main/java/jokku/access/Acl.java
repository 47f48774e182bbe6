package jokku.access;

import java.util.List;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.apps.AppName;
import jokku.store.Store;

/**
 * dokku-acl's per-app access lists: one empty file per key name in {@code $DOKKU_ROOT/<app>/acl/}, the folder removed
 * with its last entry. The same files dokku-acl reads, so a server's ACLs carry over.
 */
public final class Acl {
  static final String FOLDER = "acl";
  private static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private final Store store;

  public Acl(Store store) {
    this.store = store;
  }

  static boolean isAppName(String app) {
    return app != null && APP.matcher(app).matches() && !app.contains("..");
  }

  public List<String> names(String app) {
    return store.appFolderFiles(app, FOLDER);
  }

  public void add(String app, String name) {
    AppName.verify(store, app);
    KeyName.check(name);
    try (Store.Lock l = store.lock(app)) {
      if (names(app).contains(name)) throw new DokkuException(2, "User already has permissions to push to this repository");
      store.writeAppFile(app, FOLDER + "/" + name, "");
    }
  }

  /** Removes the name (absent is fine, as in dokku-acl), and the folder when it was the last. */
  public void remove(String app, String name) {
    AppName.verify(store, app);
    KeyName.check(name);
    try (Store.Lock l = store.lock(app)) {
      store.deleteAppFile(app, FOLDER + "/" + name);
      store.deleteEmptyAppFolder(app, FOLDER);
    }
  }
}
