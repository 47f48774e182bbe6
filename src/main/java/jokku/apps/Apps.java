package jokku.apps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.DokkuLabels;
import jokku.Out;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.store.Store;

/**
 * App lifecycle: create, destroy, rename, clone. An app is its folder under {@code $DOKKU_ROOT}, every plugin's
 * property folder ({@code config/<plugin>/<app>}) and data folder ({@code data/<plugin>/<app>}), and the containers
 * labelled {@code com.dokku.app-name=<app>}. Every step holds the app's lock; engine work that can fail comes before
 * any file changes. What the other plugins do when an app goes away or is copied is the {@link AppLifecycle} list,
 * told in order at each step.
 */
public final class Apps {
  public static final String PLUGIN = "apps";
  public static final String CREATED_AT = "created-at";
  /** Runtime state of an app's containers, which never carries over to another app. */
  private static final Pattern RUNTIME_FILE = Pattern.compile("^(CONTAINER|IP|PORT)(\\..*)?$");

  private final Store store;
  private final Supplier<Engine> engine;
  private final Out out;
  private final List<AppLifecycle> listeners;

  /** @param out where Dokku's {@code Creating}, {@code Destroying}, {@code Renaming} and {@code Cloning} lines go */
  public Apps(Store store, Supplier<Engine> engine, Out out, List<AppLifecycle> listeners) {
    this.store = store;
    this.engine = engine;
    this.out = out;
    this.listeners = List.copyOf(listeners);
  }

  /** Fails with Dokku's message when the name is taken. */
  public void checkFree(String app) {
    if (store.appExists(app)) throw new DokkuException("Name is already taken");
  }

  /** {@code apps:create}: the app folder and its {@code created-at} property. */
  public void create(String app) {
    AppName.validateNew(app);
    checkFree(app);
    try (Store.Lock l = store.lock(app)) {
      checkFree(app);
      creating(app);
      createUnlocked(app);
    }
  }

  private void creating(String app) {
    out.info1Quiet("Creating " + app + "...");
  }

  /** {@code -----> Destroying <app> (including all add-ons)}, then each listener's {@link AppLifecycle#destroying}. */
  private void destroying(String app) {
    out.info1("Destroying " + app + " (including all add-ons)");
    for (AppLifecycle l : listeners) l.destroying(app);
  }

  private void createUnlocked(String app) {
    store.createAppDir(app);
    store.setProperty(PLUGIN, app, CREATED_AT, String.valueOf(System.currentTimeMillis() / 1000));
  }

  /**
   * {@code apps:destroy}: removes the app's containers (all states, forced), then every property, data folder and
   * the app folder. Docker networks are left alone.
   */
  public void destroy(String app) {
    AppName.verify(store, app);
    try (Store.Lock l = store.lock(app)) {
      AppName.verify(store, app);
      try (Store.Lock deploy = store.tryDeployLock(app)) {
        List<ContainerInfo> containers = containers(app);
        destroying(app);
        remove(containers);
        deleteState(app);
      }
    }
    for (AppLifecycle l : listeners) l.destroyed(app);
  }

  /**
   * {@code apps:rename}: creates the new app with the old one's properties (every plugin), data and environment but
   * none of its container state, then destroys the old app and its containers; the listeners are told (with
   * whether the old app had containers, so a deploy can bring the new app up unless {@code deploy} is off).
   */
  public void rename(String oldApp, String newApp, boolean deploy) {
    checkPair(oldApp, newApp);
    out.info1Quiet("Renaming " + oldApp + " to " + newApp);
    boolean hadContainers;
    try (Store.Lock a = store.lock(first(oldApp, newApp)); Store.Lock b = store.lock(second(oldApp, newApp))) {
      checkPair(oldApp, newApp);
      try (Store.Lock deployLock = store.tryDeployLock(oldApp)) {
        List<ContainerInfo> containers = containers(oldApp);
        creating(newApp);
        createUnlocked(newApp);
        copyState(oldApp, newApp);
        destroying(oldApp);
        remove(containers);
        deleteState(oldApp);
        hadContainers = !containers.isEmpty();
      }
    }
    copied(new AppLifecycle.Copy(oldApp, newApp, true, deploy, () -> hadContainers));
  }

  /**
   * {@code apps:clone}: a new app with the old one's properties, data and environment, and its own creation time;
   * the listeners are told (whether the old app has containers is asked of the engine only if one needs it).
   */
  public void clone(String oldApp, String newApp, boolean deploy) {
    checkPair(oldApp, newApp);
    out.info1Quiet("Cloning " + oldApp + " to " + newApp);
    try (Store.Lock a = store.lock(first(oldApp, newApp)); Store.Lock b = store.lock(second(oldApp, newApp))) {
      checkPair(oldApp, newApp);
      creating(newApp);
      createUnlocked(newApp);
      copyState(oldApp, newApp);
      store.setProperty(PLUGIN, newApp, CREATED_AT, String.valueOf(System.currentTimeMillis() / 1000));
    }
    copied(new AppLifecycle.Copy(oldApp, newApp, false, deploy, () -> !containers(oldApp).isEmpty()));
  }

  private void copied(AppLifecycle.Copy copy) {
    for (AppLifecycle l : listeners) l.copied(copy);
  }

  /** Everything {@code apps:rename} / {@code apps:clone} check before starting, with Dokku's messages. */
  public void checkPair(String oldApp, String newApp) {
    if (oldApp == null || oldApp.isEmpty()) throw new DokkuException("Please specify an app to run the command on");
    if (newApp == null || newApp.isEmpty()) throw new DokkuException("Please specify an new app name");
    AppName.verify(store, oldApp);
    AppName.validateNew(newApp);
    checkFree(newApp);
  }

  private static String first(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String second(String a, String b) {
    return a.compareTo(b) <= 0 ? b : a;
  }

  private List<ContainerInfo> containers(String app) {
    return new ArrayList<>(engine.get().listContainers(List.of(DokkuLabels.APP + "=" + app), true));
  }

  private void remove(List<ContainerInfo> containers) {
    if (containers.isEmpty()) return;
    List<String> ids = new ArrayList<>();
    for (ContainerInfo c : containers) ids.add(c.id());
    engine.get().removeContainers(ids, true);
  }

  /**
   * Copies every plugin's properties and data and the app folder, leaving out container state, deploy locks and the
   * generated {@code nginx.conf} (it names the old app; the proxy writes the new app's own).
   */
  private void copyState(String from, String to) {
    for (String plugin : store.plugins()) store.copyTree(store.propertyDir(plugin, from), store.propertyDir(plugin, to), p -> false);
    Predicate<Path> lockFile = p -> p.getFileName().toString().equals(".deploy.lock");
    for (String plugin : store.dataPlugins()) store.copyTree(store.dataDir(plugin, from), store.dataDir(plugin, to), lockFile);
    store.copyTree(store.appDir(from), store.appDir(to),
        p -> lockFile.test(p) || p.getNameCount() == 1 && (RUNTIME_FILE.matcher(p.toString()).matches() || p.toString().equals("nginx.conf")));
  }

  /** Removes the app's properties and data (every plugin), then its folder, so a failure leaves the app listed. */
  private void deleteState(String app) {
    for (String plugin : store.plugins()) store.deleteFolder(store.propertyDir(plugin, app));
    for (String plugin : store.dataPlugins()) store.deleteFolder(store.dataDir(plugin, app));
    store.deleteTree(store.appDir(app));
  }
}
