package jokku.deploy;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.ImageConfig;
import jokku.image.Procfile;
import jokku.ports.PortMap;
import jokku.ports.Ports;
import jokku.proxy.ProxySettings;
import jokku.store.Store;

/**
 * The scheduler-independent steps of Dokku's release-and-deploy, for schedulers other than docker-local: the app's
 * image and what it declares (Procfile, app.json, exposed ports), the formation re-synced with the Procfile, the
 * predeploy and release tasks before, the postdeploy task and the commit after.
 */
public final class Release {
  private final Platform p;
  private final String app;
  private final ImageMetadata meta;

  private Release(Platform p, String app, ImageMetadata meta) {
    this.p = p;
    this.app = app;
    this.meta = meta;
  }

  /** The app's image, what a build tags and a deploy runs. */
  public static String image(String app) {
    return "dokku/" + app + ":latest";
  }

  /** The current image ({@code dokku/<app>:latest}) and its metadata; its detected ports are recorded. */
  public static Release of(Platform p, String app) {
    ImageConfig image = p.engine().image(image(app))
        .orElseThrow(() -> new DokkuException("App image (" + image(app) + ") not found"));
    Release r = new Release(p, app, ImageMetadata.load(p, app, image));
    Ports ports = ProxySettings.ports(p.store());
    List<PortMap> detected = r.meta.detectedPorts();
    if (!detected.equals(ports.detected(app))) {
      try (Store.Lock l = p.store().lock(app)) {
        ports.setDetected(app, detected);
      }
    }
    return r;
  }

  public ImageConfig image() {
    return meta.image();
  }

  public Procfile procfile() {
    return meta.procfile();
  }

  public AppJson appJson() {
    return meta.appJson();
  }

  /** The formation re-synced with the Procfile (stored when it changed), in deploy order. */
  public Map<String, Integer> formation() {
    try (Store.Lock l = p.store().lock(app)) {
      Scale scale = new Scale(p.store());
      Map<String, Integer> current = scale.read(app);
      Map<String, Integer> synced = Scale.merge(current, Map.of(), meta.procfile());
      if (!synced.equals(current) || scale.stored(app).isBlank()) scale.write(app, synced);
      return Scale.deployOrder(synced);
    }
  }

  /** The predeploy (app.json) and release (Procfile) tasks, in one-off containers on this engine. */
  public void runReleaseTasks() {
    ReleaseTasks tasks = new ReleaseTasks(p);
    tasks.predeploy(app, meta);
    tasks.release(app, meta);
  }

  public void runPostdeploy() {
    new ReleaseTasks(p).postdeploy(app, meta);
  }

  /** Records what the deploy ran with and marks the app deployed. */
  public void commit() {
    try (Store.Lock l = p.store().lock(app)) {
      meta.commit(p.store(), app);
      new StateFiles(p.store()).markDeployed(app, true);
      new jokku.property.PsSettings(p.store()).restore(app, true);
    }
  }

  /** The process's argv from the Procfile with its env and port (empty: the image's own command). */
  public List<String> argv(String proc, Map<String, String> env, String port) {
    return meta.procfile().argv(proc, env, port).orElse(List.of());
  }

  /** {@code =====> Application deployed:} and the URLs, printed even under --quiet as Dokku does. */
  public void printDeployed() {
    p.out().info2("Application deployed:");
    for (String url : p.proxy().urls(app)) p.out().verbose(url);
  }
}
