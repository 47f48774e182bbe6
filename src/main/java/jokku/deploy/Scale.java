package jokku.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuException;
import jokku.image.Procfile;
import jokku.property.PropertyValues;
import jokku.property.PsSettings;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * An app's formation: how many containers of each process type run. Stored as Dokku does, one {@code proc=count}
 * line per type in the {@code ps/<app>/scale} property; an app without the property runs {@code web=1} (what
 * Dokku's apps:create writes).
 */
public final class Scale {
  static final String RELEASE = "release";
  private final PropertyValues values;

  public Scale(Store store) {
    this.values = new PropertyValues(store);
  }

  /** The stored formation as it is ("" when none is stored). */
  public String stored(String app) {
    return values.app(PsSettings.SCALE, app);
  }

  /** The stored formation in stored order, or {@code web=1} when none is stored. */
  public Map<String, Integer> read(String app) {
    String stored = stored(app);
    if (stored.isBlank()) {
      Map<String, Integer> m = new LinkedHashMap<>();
      m.put("web", 1);
      return m;
    }
    return parse(List.of(stored.split("\n")), true);
  }

  public void write(String app, Map<String, Integer> formation) {
    List<String> lines = new ArrayList<>();
    formation.forEach((p, n) -> lines.add(p + "=" + n));
    values.set(PsSettings.SCALE, Scope.app(app), String.join("\n", lines));
  }

  /** Parses {@code proc=count} tuples with Dokku's messages; the first occurrence of a type wins. */
  public static Map<String, Integer> parse(List<String> tuples, boolean lenient) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String t : tuples) {
      if (t.isBlank() && lenient) continue;
      int eq = t.indexOf('=');
      if (eq < 0) throw new DokkuException("Missing count for process type " + t);
      String proc = t.substring(0, eq).trim();
      String count = t.substring(eq + 1).trim();
      if (!count.matches("\\d{1,6}")) throw new DokkuException("Invalid count for process type " + proc);
      if (!proc.matches("[A-Za-z0-9_-]+")) throw new DokkuException("Invalid process type " + proc);
      m.putIfAbsent(proc, Integer.parseInt(count));
    }
    return m;
  }

  /**
   * Dokku's {@code updateScale}: applies updates to the stored formation, refusing to scale up a type the Procfile
   * does not define, and adds every Procfile type that has no entry with a count of 0. The {@code release} entry is
   * a release task, never a process.
   */
  public static Map<String, Integer> merge(Map<String, Integer> current, Map<String, Integer> updates, Procfile procfile) {
    for (Map.Entry<String, Integer> u : updates.entrySet()) {
      boolean defined = procfile.has(u.getKey()) && !u.getKey().equals(RELEASE);
      if ((!procfile.isEmpty() && !defined || u.getKey().equals(RELEASE)) && u.getValue() != 0) {
        throw new DokkuException(u.getKey() + " is not a valid process name to scale up");
      }
    }
    Map<String, Integer> m = new LinkedHashMap<>(updates);
    current.forEach(m::putIfAbsent);
    for (String p : procfile.processTypes()) if (!p.equals(RELEASE)) m.putIfAbsent(p, 0);
    m.remove(RELEASE);
    if (!procfile.isEmpty()) m.entrySet().removeIf(e -> !procfile.has(e.getKey()) && e.getValue() == 0);
    return m;
  }

  /** A formation before and after a {@link #store}. */
  public record Change(Map<String, Integer> before, Map<String, Integer> after) {}

  /**
   * {@code ps:scale}'s first half on every scheduler: the updates merged into the stored formation ({@link #merge},
   * validated against the deployed image's Procfile, else none) and stored under the app's lock. The caller holds
   * the deploy lock.
   */
  public static Change store(Platform p, String app, Map<String, Integer> updates) {
    Procfile procfile = p.engine().image(Release.image(app)).map(img -> ImageMetadata.load(p, app, img).procfile()).orElse(Procfile.empty());
    Scale scale = new Scale(p.store());
    try (Store.Lock appLock = p.store().lock(app)) {
      Map<String, Integer> before = scale.read(app);
      Map<String, Integer> after = merge(before, updates, procfile);
      List<String> tuples = new ArrayList<>();
      updates.forEach((k, v) -> tuples.add(k + "=" + v));
      p.out().info1Quiet("Scaling " + app + " processes: " + String.join(" ", tuples));
      scale.write(app, after);
      return new Change(before, after);
    }
  }

  /** The formation in deploy order: {@code web} first, then the other types by name. */
  public static Map<String, Integer> deployOrder(Map<String, Integer> formation) {
    Map<String, Integer> m = new LinkedHashMap<>();
    if (formation.containsKey("web")) m.put("web", formation.get("web"));
    new TreeMap<>(formation).forEach(m::putIfAbsent);
    return m;
  }
}
