package jokku.proxy;

import java.util.List;
import java.util.Optional;
import jokku.DokkuException;
import jokku.Out;
import jokku.apps.AppLifecycle;
import jokku.certs.Certificates;
import jokku.network.Listeners;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * The proxy's domain, and the API deploys and {@code network:rebuild} call: {@link #build} writes an app's
 * {@code nginx.conf} from its domains, port maps and web listeners, validates the whole nginx configuration, and
 * reloads (or first starts) nginx; a rejected configuration is rolled back so nginx and the other apps keep serving.
 * Writes of nginx files are serialized by one lock across processes. Knows nothing of containers.
 */
public final class ProxyService implements AppLifecycle {
  public static final String CONF = "nginx.conf";
  static final String LOCK = "--proxy";

  private final Store store;
  private final Out out;
  private final ProxySettings settings;
  private final Nginx nginx;
  private final NginxSteps steps;
  private final ConfirmedBuilds confirmed = new ConfirmedBuilds();

  public ProxyService(Store store, Out out) {
    this.store = store;
    this.out = out;
    this.settings = new ProxySettings(store);
    this.nginx = new Nginx(NginxLayout.of(store, settings), Nginx.findBinary(System.getenv("PATH")));
    this.steps = new NginxSteps(nginx, out);
  }

  public Nginx nginx() {
    return nginx;
  }

  /** Rebuilds the app's proxy configuration, printing Dokku's lines; throws (after rolling back) when nginx refuses it. */
  public void build(String app) {
    try (Store.Lock lock = store.lock(LOCK)) {
      confirmed.forget(app);
      AppConfigPlan plan = plan(app);
      switch (plan.kind()) {
        case KEEP -> {}
        case REMOVE -> removeConfig(app);
        case WRITE -> {
          write(app, plan.text());
          if (plan.printed() != null) confirmed.confirmed(app, plan.text(), plan.printed());
        }
      }
    }
  }

  /**
   * The deploy's second build when it changed nothing the proxy reads since its first ({@link #build} of the app by
   * this instance, which nginx confirmed): the same lines, without reading every setting and rendering the file again
   * (~5 ms of a deploy). Commands that change what the proxy reads rebuild the app themselves under the proxy lock;
   * should the file no longer be the one written, or nginx no longer run, this is a full {@link #build}.
   */
  public void buildUnchanged(String app) {
    try (Store.Lock lock = store.lock(LOCK)) {
      if (!nginx.running() || !confirmed.replay(app, store.readAppFile(app, CONF), out)) build(app);
    }
  }

  /**
   * Writes the app's file, checks and reloads (or starts) nginx. When nginx already runs with this very file, its
   * {@code nginx.conf.d} and the main configuration unchanged, it is not reloaded (deploys build twice). When only
   * upstream server addresses changed since the file nginx runs with ({@link AddressChange}: containers back on
   * other addresses, what {@code network:watch} heals), the separate {@code nginx -t} is skipped: the master parses
   * the configuration on reload and keeps the old one when it refuses it.
   */
  private void write(String app, String text) {
    String previous = store.appFileExists(app, CONF) ? store.readAppFile(app, CONF) : null;
    boolean mainChanged = prepare();
    boolean start = nginx.layout().managed() && !nginx.running();
    boolean same = text.equals(previous);
    boolean filesChanged = store.appFolderChangedSince(app, "nginx.conf.d", CONF) || store.appFolderChangedSince(app, Certificates.DIR, CONF);
    if (same && !start && !mainChanged && nginx.running() && !filesChanged) {
      out.verboseQuiet(CONF + " unchanged, nginx not reloaded");
      return;
    }
    if (!same || start) new NginxBinds(store, nginx).require(app, previous, text, start);
    boolean addressesOnly = !same && !start && !mainChanged && !filesChanged && AddressChange.only(previous, text);
    if (!same) store.writeAppFile(app, CONF, text);
    out.verboseQuiet(start ? "Starting nginx" : "Reloading nginx");
    try {
      if (start) {
        check(app);
        nginx.start();
      } else if (addressesOnly) {
        steps.reloadAddresses(app);
      } else {
        check(app);
        steps.reload();
      }
    } catch (DokkuException e) {
      if (!same) restore(app, previous);
      throw e;
    }
    if (same) store.writeAppFile(app, CONF, text); // its time now says nginx runs with what nginx.conf.d and tls hold
  }

  /** Works out the app's configuration from the current settings, printing Dokku's lines; changes nothing. */
  AppConfigPlan plan(String app) {
    return AppConfigPlan.of(store, out, settings, nginx.layout(), this::nginxSettings, app);
  }

  /**
   * {@code proxy:set --global listen <value>} ("" unsets): every proxied app moves to the new address and port at
   * once, or nothing changes (see {@link ListenChange}).
   */
  public void changeListen(String value) {
    new ListenChange(this, store, out).apply(value);
  }

  public NginxSettings nginxSettings() {
    return new NginxSettings(store, nginx.layout().logRoot());
  }

  ProxySettings settings() {
    return settings;
  }

  /** {@code proxy:build-config --all}: every app; failures are reported and the others still built. */
  public int buildAll() {
    return buildEach(app -> true);
  }

  /** Rebuilds the apps that have a configuration (after a global change: listen address, global domains). */
  public int rebuildConfigured(java.util.function.Predicate<String> which) {
    return buildEach(app -> store.appFileExists(app, CONF) && which.test(app));
  }

  /** Builds every app the filter accepts; a failure is reported as a warning and counted, the others still built. */
  private int buildEach(java.util.function.Predicate<String> which) {
    int failed = 0;
    for (String app : store.apps()) {
      if (!which.test(app)) continue;
      try {
        build(app);
      } catch (DokkuException e) {
        out.warn(e.getMessage());
        failed++;
      }
    }
    return failed;
  }

  /** Deletes the app's configuration and reloads nginx (proxy disabled, {@code proxy:clear-config}, app destroyed). */
  public void removeConfig(String app) {
    try (Store.Lock lock = store.lock(LOCK)) {
      if (!store.appFileExists(app, CONF)) return;
      String previous = store.readAppFile(app, CONF);
      store.deleteAppFile(app, CONF);
      out.verboseQuiet("Deleted " + CONF);
      if (!nginx.running()) return;
      out.verboseQuiet("Reloading nginx");
      try {
        check(app);
        steps.reload();
      } catch (DokkuException e) {
        restore(app, previous);
        throw e;
      }
    }
  }

  /** The app's folder is gone ({@code apps:destroy}, {@code apps:rename}): reload nginx so it stops serving the app. */
  public void forget(String app) {
    try (Store.Lock lock = store.lock(LOCK)) {
      if (store.appFileExists(app, CONF) || !nginx.running()) return;
      check(null);
      steps.reload();
    }
  }

  /** {@code apps:destroy}: the app leaves nginx ({@link #forget}). */
  @Override
  public void destroyed(String app) {
    forget(app);
  }

  /** {@code apps:rename} / {@code apps:clone}: the old name leaves nginx (rename); a static listener is served at once. */
  @Override
  public void copied(AppLifecycle.Copy copy) {
    if (copy.renamed()) forget(copy.from());
    buildIfListening(copy.to());
  }

  /** Refuses, before they are saved, port maps whose host ports nginx could not bind (see {@link LowPorts}). */
  public void requireBindable(String app, List<PortMap> maps) {
    if (maps.stream().noneMatch(m -> m.host() < 1024) || !nginx.installed() || !settings.enabled(app) || !settings.type(app).equals("nginx")) return;
    if (!new Listeners(store).of(app, "web").isEmpty()) new NginxBinds(store, nginx).requirePorts(app, maps, settings.listen());
  }

  /** Builds when the app has web listeners (a copied static web listener); otherwise stays silent. */
  public void buildIfListening(String app) {
    if (!new Listeners(store).of(app, "web").isEmpty()) build(app);
  }

  /** The URLs the app answers on (the deploy prints them after {@code =====> Application deployed:}). */
  public List<String> urls(String app) {
    return new AppUrls(store).of(app);
  }

  /** Starts the managed nginx; false when it already runs. */
  public boolean start() {
    requireManaged("start");
    try (Store.Lock lock = store.lock(LOCK)) {
      prepare();
      if (nginx.running()) return false;
      check(null);
      nginx.start();
      return true;
    }
  }

  /** Stops the managed nginx; false when it was not running. */
  public boolean stop() {
    requireManaged("stop");
    try (Store.Lock lock = store.lock(LOCK)) {
      if (!nginx.running()) return false;
      nginx.stop();
      return true;
    }
  }

  public Optional<Long> master() {
    return nginx.master();
  }

  private void requireManaged(String what) {
    if (!nginx.layout().managed()) {
      throw new DokkuException("nginx is the host's (nginx-conf " + nginx.layout().mainConf() + "); " + what
          + " it with the host's tools, or unset it: proxy:set --global nginx-conf");
    }
  }

  /**
   * Whether nginx's workers can reach the files and sockets they open ({@link NginxAccess}), then {@code nginx -t};
   * throws, naming the app ({@code null}: the whole configuration), when either fails.
   */
  void check(String app) {
    NginxAccess.verify(store, nginx.layout(), app);
    steps.test(app);
  }

  void restore(String app, String previous) {
    if (previous == null) store.deleteAppFile(app, CONF);
    else store.writeAppFile(app, CONF, previous);
  }

  /** Folders, error pages, and (managed) the main configuration, rewritten only when they differ; true when the main one was. */
  boolean prepare() {
    return NginxMainConfig.prepare(nginx.layout());
  }
}
