package jokku.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The scheduler-to-proxy contract in the app folder: {@code CONTAINER.<proc>.<n>} (full id and a newline),
 * {@code IP.<proc>.<n>} and, for web, {@code PORT.<proc>.<n>} (no newline), and Dokku's {@code common deployed}
 * property that marks an app deployed. Every write holds the app lock.
 */
public final class StateFiles {
  /** Dokku's {@code common} plugin's {@code deployed} ("true" once a deploy released, unset when the processes went). */
  static final Property DEPLOYED = Property.of("common", "deployed").appOnly().internal();
  private static final List<String> KINDS = List.of("CONTAINER.", "IP.", "PORT.");
  private final Store store;

  public StateFiles(Store store) {
    this.store = store;
  }

  /** dyno ({@code web.1}) → container id, in process-type then numeric order. */
  public Map<String, String> containers(String app) {
    Map<String, String> m = new TreeMap<>(StateFiles::compareDynos);
    for (String f : store.appFiles(app, "CONTAINER.")) {
      String dyno = f.substring("CONTAINER.".length());
      if (!dyno.matches("[A-Za-z0-9_-]+\\.\\d+")) continue;
      String id = store.readAppFile(app, f).trim();
      if (!id.isEmpty()) m.put(dyno, id);
    }
    return m;
  }

  /** The port a web dyno's container listens on ({@code PORT.<dyno>}), "" when there is none. */
  public String port(String app, String dyno) {
    return store.readAppFile(app, "PORT." + dyno).trim();
  }

  /** Dokku's {@code is_deployed}: the {@code common deployed} property, else any CONTAINER file. */
  public boolean isDeployed(String app) {
    return "true".equals(new PropertyValues(store).app(DEPLOYED, app)) || !containers(app).isEmpty();
  }

  /** Marks the app deployed (a release) or not (its processes removed); the caller holds the app lock. */
  public void markDeployed(String app, boolean deployed) {
    PropertyValues values = new PropertyValues(store);
    String value = deployed ? "true" : "";
    if (deployed && value.equals(values.app(DEPLOYED, app))) return; // already marked: no write, no fsync
    values.set(DEPLOYED, Scope.app(app), value);
  }

  /** Instance numbers of a process type that have a CONTAINER file. */
  public List<Integer> indexes(String app, String proc) {
    List<Integer> l = new java.util.ArrayList<>();
    for (String dyno : containers(app).keySet()) if (dyno.startsWith(proc + ".")) l.add(Integer.parseInt(dyno.substring(proc.length() + 1)));
    return l;
  }

  /** Every state file's content, to put back exactly if a deploy fails. */
  public Map<String, String> snapshot(String app) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kind : KINDS) for (String f : store.appFiles(app, kind)) m.put(f, store.readAppFile(app, f));
    return m;
  }

  public void restore(String app, Map<String, String> snapshot) {
    try (Store.Lock l = store.lock(app)) {
      for (String kind : KINDS) for (String f : store.appFiles(app, kind)) if (!snapshot.containsKey(f)) store.deleteAppFile(app, f);
      snapshot.forEach((f, content) -> store.writeAppFileIfChanged(app, f, content));
    }
  }

  /** Points a dyno at a new container: CONTAINER, IP (when known) and PORT (web only, when non-empty). */
  public void write(String app, String dyno, String id, String ip, String port) {
    try (Store.Lock l = store.lock(app)) {
      store.writeAppFileIfChanged(app, "CONTAINER." + dyno, id + "\n");
      if (ip.isEmpty()) store.deleteAppFile(app, "IP." + dyno);
      else store.writeAppFileIfChanged(app, "IP." + dyno, ip);
      if (port.isEmpty()) store.deleteAppFile(app, "PORT." + dyno);
      else store.writeAppFileIfChanged(app, "PORT." + dyno, port);
      for (String legacy : List.of("CONTAINER", "IP", "PORT")) store.deleteAppFile(app, legacy);
    }
  }

  /** Every state file goes (the app's processes were removed); the caller holds the app lock. */
  public void clear(String app) {
    for (String kind : KINDS) for (String f : store.appFiles(app, kind)) store.deleteAppFile(app, f);
  }

  /**
   * The web listener files ({@code IP.web.*}, {@code PORT.web.*}) go: a scheduler whose web instances sit behind one
   * listener (swarm's edge) is about to name it with {@link #writeWebListener}; the caller holds the deploy lock.
   */
  public void removeWebListeners(String app) {
    for (String kind : List.of("IP.web.", "PORT.web.")) for (String f : store.appFiles(app, kind)) store.deleteAppFile(app, f);
  }

  /** {@code IP.web.1} names the one listener in front of the app's web instances (no PORT file: it is in the address). */
  public void writeWebListener(String app, String listener) {
    try (Store.Lock l = store.lock(app)) {
      store.writeAppFile(app, "IP.web.1", listener);
    }
  }

  public void remove(String app, String dyno) {
    try (Store.Lock l = store.lock(app)) {
      for (String kind : KINDS) store.deleteAppFile(app, kind + dyno);
    }
  }

  public static int compareDynos(String a, String b) {
    int da = a.lastIndexOf('.'), db = b.lastIndexOf('.');
    int c = a.substring(0, da).compareTo(b.substring(0, db));
    return c != 0 ? c : Integer.compare(Integer.parseInt(a.substring(da + 1)), Integer.parseInt(b.substring(db + 1)));
  }
}
