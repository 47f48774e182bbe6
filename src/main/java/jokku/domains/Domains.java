package jokku.domains;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jokku.DokkuException;
import jokku.apps.AppLifecycle;
import jokku.store.Store;

/**
 * The domains an app is served on, in Dokku's layout: the app's own list in {@code $DOKKU_ROOT/<app>/VHOST} and the
 * global list in {@code $DOKKU_ROOT/VHOST}, one domain per line. An app without a VHOST file is served on its
 * default domains, {@code <app>.<global domain>} for each global domain, worked out when asked (so apps created before
 * a global domain was set get it too); an empty VHOST file means "no domains". Callers validate (all of it) and hold
 * the app's lock (or the global one) before any mutation.
 */
public final class Domains implements AppLifecycle {
  public static final String FILE = "VHOST";

  private final Store store;

  public Domains(Store store) {
    this.store = store;
  }

  // ---- global ----

  /** The global domains, in file order. */
  public List<String> global() {
    return lines(store.readRootFile(FILE));
  }

  /** True when at least one global domain is a valid host name (Dokku's "global vhost enabled"). */
  public boolean globalEnabled() {
    for (String d : global()) if (Hostnames.isValid(d)) return true;
    return false;
  }

  public void setGlobal(List<String> domains) {
    store.writeRootFile(FILE, join(domains));
  }

  // ---- per app ----

  /** True when the app has its own list (possibly empty) rather than the defaults. */
  public boolean hasOwnList(String app) {
    return store.appFileExists(app, FILE);
  }

  /** The app's own list, empty when it has none. */
  public List<String> own(String app) {
    return lines(store.readAppFile(app, FILE));
  }

  /** What the app is served on: its own list when it has one, else its default domains. */
  public List<String> of(String app) {
    return hasOwnList(app) ? own(app) : defaults(app);
  }

  /**
   * Dokku's default domains: for each global domain that is a host name (not an IP address, not a wildcard),
   * {@code <app>.<domain>}, except that an app whose name has a dot and does not end in {@code .<domain>} is served on
   * its own name.
   */
  public List<String> defaults(String app) {
    Set<String> out = new LinkedHashSet<>();
    for (String g : global()) {
      if (!Hostnames.isValid(g) || Hostnames.isIp(g) || Hostnames.isWildcard(g)) continue;
      boolean ownName = app.contains(".") && !app.endsWith("." + g);
      String d = ownName ? app : app + "." + g;
      if (Hostnames.isValid(d)) out.add(d);
    }
    return new ArrayList<>(out);
  }

  public void set(String app, List<String> domains) {
    store.writeAppFile(app, FILE, join(domains));
  }

  /** No domains at all (an empty VHOST file). */
  public void clear(String app) {
    store.writeAppFile(app, FILE, "");
  }

  /** Back to the default domains (no VHOST file). */
  public void reset(String app) {
    store.deleteAppFile(app, FILE);
  }

  /** {@code apps:rename} / {@code apps:clone}: {@link #renameDefaults}. */
  @Override
  public void copied(AppLifecycle.Copy copy) {
    renameDefaults(copy.from(), copy.to());
  }

  /**
   * After {@code apps:rename}/{@code apps:clone} copied the app's list: the old app's default domains in it become the
   * new app's ({@code old.example.com} → {@code new.example.com}); other domains are kept as they are.
   */
  public void renameDefaults(String oldApp, String newApp) {
    if (!hasOwnList(newApp)) return;
    List<String> from = defaults(oldApp), to = defaults(newApp), next = new ArrayList<>();
    for (String d : own(newApp)) {
      int i = from.indexOf(d);
      String mapped = i >= 0 && i < to.size() ? to.get(i) : d;
      if (!next.contains(mapped)) next.add(mapped);
    }
    set(newApp, next);
  }

  /** Fails when another app already serves one of the domains (nginx would pick one of them at random). */
  public void checkUnclaimed(String app, List<String> domains) {
    if (domains.isEmpty()) return;
    for (String other : store.apps()) {
      if (other.equals(app)) continue;
      List<String> theirs = of(other);
      for (String d : domains) {
        if (theirs.contains(d)) throw new DokkuException("Domain " + d + " is already used by app " + other);
      }
    }
  }

  /** Validates and lower-cases every domain; the first bad one fails the whole call. */
  public static List<String> validateAll(List<String> domains) {
    Set<String> out = new LinkedHashSet<>();
    for (String d : domains) out.add(Hostnames.validate(d));
    return new ArrayList<>(out);
  }

  static List<String> lines(String content) {
    List<String> l = new ArrayList<>();
    for (String s : content.split("\\s+")) if (!s.isEmpty() && !l.contains(s)) l.add(s);
    return l;
  }

  private static String join(List<String> domains) {
    return domains.isEmpty() ? "" : String.join("\n", domains) + "\n";
  }
}
