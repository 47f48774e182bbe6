package jokku.ports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * An app's port maps: the user's ({@code ports:set}, property {@code ports/<app>/map}) win over those detected from
 * the image at deploy ({@code ports/<app>/map-detected}); with neither, Dokku's default {@code http:<proxy port>:5000},
 * where the proxy port is the proxy plugin's: the port of its global listen setting ({@code proxy:set --global
 * listen}), else 80. The proxy sits above this package (it serves the maps), so it hands that port in
 * ({@code ProxySettings.ports}); it is asked only when a default map is needed.
 */
public final class Ports {
  public static final String PLUGIN = "ports";
  public static final int DEFAULT_CONTAINER_PORT = 5000;
  private final Store store;
  private final IntSupplier proxyPort;

  public Ports(Store store, IntSupplier proxyPort) {
    this.store = store;
    this.proxyPort = proxyPort;
  }

  public List<PortMap> user(String app) {
    return user(store, app);
  }

  public List<PortMap> detected(String app) {
    return detected(store, app);
  }

  private static List<PortMap> user(Store store, String app) {
    return PortMap.parseList(store.property(PLUGIN, app, "map"));
  }

  private static List<PortMap> detected(Store store, String app) {
    return PortMap.parseList(store.property(PLUGIN, app, "map-detected"));
  }

  public List<PortMap> effective(String app) {
    List<PortMap> u = user(app);
    return u.isEmpty() ? detectedOrDefault(app) : u;
  }

  /** The maps detected at deploy, else Dokku's default {@code http:<proxy port>:5000} (its {@code getDetectedPortMaps}). */
  public List<PortMap> detectedOrDefault(String app) {
    List<PortMap> d = detected(app);
    return d.isEmpty() ? List.of(new PortMap("http", defaultHostPort(), DEFAULT_CONTAINER_PORT)) : d;
  }

  /** The host port of the default map: the proxy's port. */
  public int defaultHostPort() {
    return proxyPort.getAsInt();
  }

  /**
   * The container port web containers listen on ({@code PORT}): the first non-udp effective map's, or "" if none.
   * The default map's container port does not depend on the proxy's listen setting, so that is not read (every app
   * of {@code network:rebuildall} asks).
   */
  public static String webPort(Store store, String app) {
    List<PortMap> maps = user(store, app);
    if (maps.isEmpty()) maps = detected(store, app);
    if (maps.isEmpty()) return String.valueOf(DEFAULT_CONTAINER_PORT);
    for (PortMap m : maps) if (!m.scheme().equals("udp")) return String.valueOf(m.container());
    return "";
  }

  public void setDetected(String app, List<PortMap> maps) {
    store.setProperty(PLUGIN, app, "map-detected", PortMap.formatList(maps));
  }

  public void setUser(String app, List<PortMap> maps) {
    store.setProperty(PLUGIN, app, "map", PortMap.formatList(sorted(maps)));
  }

  /** Drops the user's maps, so the detected (or default) ones apply again. */
  public void clearUser(String app) {
    store.setProperty(PLUGIN, app, "map", "");
  }

  /** The maps after {@code ports:add}: the effective ones (not just the user's, as in Dokku) plus the new ones. */
  public List<PortMap> withAdded(String app, List<PortMap> added) {
    List<PortMap> all = new ArrayList<>(effective(app));
    for (PortMap m : added) {
      if (all.contains(m)) throw new DokkuException("Error validating all port mappings: The same scheme:host-port is being reused: " + m.scheme() + ":" + m.host());
      all.add(m);
    }
    checkConflicts(all);
    return all;
  }

  /** The maps after {@code ports:remove} of full maps or bare host ports (a map with scheme "" holds a host port). */
  public List<PortMap> withRemoved(String app, List<PortMap> removed) {
    List<PortMap> left = new ArrayList<>();
    for (PortMap m : effective(app)) {
      boolean drop = false;
      for (PortMap r : removed) drop |= r.scheme().isEmpty() ? r.host() == m.host() : r.equals(m);
      if (!drop) left.add(m);
    }
    return left;
  }

  /**
   * Parses maps given by a user, accepting what the proxy serves: {@code http}, and {@code https} (served once the
   * app has a certificate); {@code tcp}/{@code udp} need nginx stream proxying, which jokku does not manage yet. Duplicates
   * fail as in Dokku; so do two maps on one host port.
   */
  public static List<PortMap> parseUser(List<String> args) {
    if (args.isEmpty()) throw new DokkuException("No port mapping specified");
    List<PortMap> l = new ArrayList<>();
    for (String a : args) {
      PortMap m = PortMap.parse(a);
      checkSupported(m);
      if (l.contains(m)) throw new DokkuException("Error validating port mappings: The same scheme:host-port is being reused: " + m.scheme() + ":" + m.host());
      l.add(m);
    }
    checkConflicts(l);
    return l;
  }

  /** For {@code ports:remove}: full maps, or bare host ports (returned with an empty scheme). */
  public static List<PortMap> parseRemovals(List<String> args) {
    if (args.isEmpty()) throw new DokkuException("No port mapping specified");
    List<PortMap> l = new ArrayList<>();
    for (String a : args) {
      if (a.matches("\\d{1,5}")) {
        int p = Integer.parseInt(a);
        if (p < 1 || p > 65535) throw new DokkuException("Invalid port '" + a + "': ports must be between 1 and 65535");
        l.add(new PortMap("", p, 0));
      } else {
        l.add(PortMap.parse(a));
      }
    }
    return l;
  }

  static void checkSupported(PortMap m) {
    switch (m.scheme()) {
      case "http", "https" -> { }
      default -> throw new DokkuException("Unsupported port mapping " + m + ": " + m.scheme()
          + " needs nginx stream proxying, which jokku does not support yet; publish the port with network:set <app> bind-all-interfaces true");
    }
  }

  /**
   * After a certificate is added (Dokku's {@code post-certs-update}): unless an {@code https:443} map exists, each
   * {@code http:80} map gets an {@code https:443} twin. True when maps were added.
   */
  public boolean addHttpsFor80(String app) {
    List<PortMap> all = effective(app);
    List<PortMap> added = new ArrayList<>();
    for (PortMap m : all) {
      if (m.scheme().equals("https") && m.host() == 443) return false;
      PortMap twin = new PortMap("https", 443, m.container());
      if (m.scheme().equals("http") && m.host() == 80 && !added.contains(twin)) added.add(twin);
    }
    if (added.isEmpty()) return false;
    setUser(app, withAdded(app, added));
    return true;
  }

  /** After a certificate is removed (Dokku's {@code post-certs-remove}): the {@code https:443} maps go. */
  public void removeHttps443(String app) {
    List<PortMap> https = new ArrayList<>();
    for (PortMap m : user(app)) if (m.scheme().equals("https") && m.host() == 443) https.add(m);
    if (!https.isEmpty()) setUser(app, withRemoved(app, https));
  }

  static void checkConflicts(List<PortMap> maps) {
    Map<Integer, PortMap> byHost = new LinkedHashMap<>();
    for (PortMap m : maps) {
      PortMap seen = byHost.putIfAbsent(m.host(), m);
      if (seen != null && seen.scheme().equals(m.scheme()) && seen.container() != m.container()) {
        throw new DokkuException("Port mappings " + seen + " and " + m + " use the same host port");
      }
    }
  }

  static List<PortMap> sorted(List<PortMap> maps) {
    List<PortMap> l = new ArrayList<>(maps);
    l.sort(Comparator.comparing(PortMap::scheme).thenComparingInt(PortMap::host).thenComparingInt(PortMap::container));
    return l;
  }
}
