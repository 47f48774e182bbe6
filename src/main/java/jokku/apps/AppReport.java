package jokku.apps;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.store.Store;

/** The values behind {@code apps:report}: Dokku's five {@code --app-...} flags, in sorted order. */
public final class AppReport {
  public static final String TYPE = "app";
  public static final List<String> FLAGS = List.of("--app-created-at", "--app-deploy-source", "--app-deploy-source-metadata", "--app-dir", "--app-locked");

  private final Store store;

  public AppReport(Store store) {
    this.store = store;
  }

  public Map<String, String> of(String app) {
    Map<String, String> m = new TreeMap<>();
    m.put("--app-created-at", store.property(Apps.PLUGIN, app, Apps.CREATED_AT));
    m.put("--app-deploy-source", store.property(Apps.PLUGIN, app, "deploy-source"));
    m.put("--app-deploy-source-metadata", store.property(Apps.PLUGIN, app, "deploy-source-metadata"));
    m.put("--app-dir", store.appDir(app).toAbsolutePath().toString());
    m.put("--app-locked", String.valueOf(store.isDeployLocked(app)));
    return m;
  }
}
