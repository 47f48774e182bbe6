package jokku.ports;

import java.util.List;
import jokku.store.Store;

/**
 * An app's port maps: the user's ({@code ports:set}, property {@code ports/<app>/map}) win over those detected from
 * the image at deploy ({@code ports/<app>/map-detected}); with neither, Dokku's default {@code http:80:5000}.
 */
public final class Ports {
  public static final String PLUGIN = "ports";
  private final Store store;

  public Ports(Store store) {
    this.store = store;
  }

  public List<PortMap> user(String app) {
    return PortMap.parseList(store.property(PLUGIN, app, "map"));
  }

  public List<PortMap> detected(String app) {
    return PortMap.parseList(store.property(PLUGIN, app, "map-detected"));
  }

  public List<PortMap> effective(String app) {
    List<PortMap> u = user(app);
    if (!u.isEmpty()) return u;
    List<PortMap> d = detected(app);
    return d.isEmpty() ? List.of(new PortMap("http", 80, 5000)) : d;
  }

  /** The container port web containers listen on ({@code PORT}): the first non-udp map's, or "" if none. */
  public String webPort(String app) {
    for (PortMap m : effective(app)) if (!m.scheme().equals("udp")) return String.valueOf(m.container());
    return "";
  }

  public void setDetected(String app, List<PortMap> maps) {
    store.setProperty(PLUGIN, app, "map-detected", PortMap.formatList(maps));
  }

  public void setUser(String app, List<PortMap> maps) {
    store.setProperty(PLUGIN, app, "map", PortMap.formatList(maps));
  }
}
