package jokku.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.store.Store;

/**
 * The upstream blocks of an app's nginx configuration ({@link ProxyService#CONF}), which {@code network:rebuild},
 * {@code :check} and the watcher compare with the app's web listeners. The proxy's file, read here; {@code network}
 * (below the proxy) is handed {@link #of} by its callers.
 */
public final class NginxUpstreams {
  private final Store store;

  public NginxUpstreams(Store store) {
    this.store = store;
  }

  /** Upstream name → servers in the app's nginx.conf; null when there is none. */
  public Map<String, List<String>> of(String app) {
    String conf = store.readAppFile(app, ProxyService.CONF); // "" when missing
    if (conf.isEmpty() && !store.appFileExists(app, ProxyService.CONF)) return null;
    return parse(conf);
  }

  /** Parses the {@code upstream <name> { server <address>; ... }} blocks of an nginx configuration. */
  static Map<String, List<String>> parse(String conf) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    List<String> current = null;
    for (String raw : conf.split("\n")) {
      String line = raw.trim();
      if (line.startsWith("upstream ") && line.endsWith("{")) {
        current = new ArrayList<>();
        m.put(line.substring("upstream ".length(), line.length() - 1).trim(), current);
      } else if (current != null && line.startsWith("server ") && line.endsWith(";")) {
        current.add(line.substring("server ".length(), line.length() - 1).trim());
      } else if (line.equals("}")) {
        current = null;
      }
    }
    return m;
  }
}
