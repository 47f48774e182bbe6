package jokku.scheduler.local;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.DokkuException;
import jokku.DokkuLabels;
import jokku.deploy.ChecksSettings;
import jokku.deploy.ImageMetadata;
import jokku.deploy.Platform;
import jokku.deploy.Release;
import jokku.deploy.ReleaseTasks;
import jokku.deploy.Scale;
import jokku.deploy.StateFiles;
import jokku.engine.ContainerInfo;
import jokku.engine.ImageConfig;
import jokku.image.Procfile;
import jokku.ports.PortMap;
import jokku.ports.Ports;
import jokku.proxy.ProxySettings;
import jokku.store.Store;

/**
 * Deploys an app's image ({@code dokku/<app>:latest}) on the docker-local scheduler: a full release (tasks, every
 * process type of the formation, every instance replaced), the restart of one process type, or a scale change
 * (instances added or retired). One deploy per app at a time (the deploy lock); each run is a {@link DeployRun}.
 */
public final class Deployer {
  /** What a run does to the process types it names. */
  enum Mode {
    /** Release tasks, every process type of the formation, every instance replaced, unscaled types retired. */
    RELEASE,
    /** One process type, every instance replaced. */
    RESTART,
    /** Only the instances a scale change adds or removes. */
    SCALE
  }

  private final Platform p;

  public Deployer(Platform platform) {
    this.p = platform;
  }

  /** Dokku's {@code release-and-deploy}: the app's current image, released and deployed. */
  public void deploy(String app) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      run(app, Mode.RELEASE, Map.of());
    }
  }

  /** Replaces every instance of one process type. */
  public void restartProcess(String app, String proc) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      Map<String, Integer> formation = new Scale(p.store()).read(app);
      if (!formation.containsKey(proc)) throw new DokkuException(proc + " is not a valid process type of " + app);
      run(app, Mode.RESTART, Map.of(proc, formation.get(proc)));
    }
  }

  /**
   * {@code ps:scale}: stores the new formation ({@link Scale#store}), then, when the app is deployed and
   * {@code deploy} is set, adds or retires instances of the types whose count changed.
   */
  public void scale(String app, Map<String, Integer> updates, boolean deploy) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      Scale.Change change = Scale.store(p, app, updates);
      Map<String, Integer> before = change.before();
      Map<String, Integer> after = change.after();
      if (!deploy || !new StateFiles(p.store()).isDeployed(app)) return;
      Map<String, Integer> changed = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> e : Scale.deployOrder(updates).entrySet()) {
        if (!e.getValue().equals(before.get(e.getKey())) || new StateFiles(p.store()).indexes(app, e.getKey()).size() != e.getValue()) {
          changed.put(e.getKey(), after.getOrDefault(e.getKey(), 0));
        }
      }
      if (!changed.isEmpty()) run(app, Mode.SCALE, changed);
    }
  }

  private void run(String app, Mode mode, Map<String, Integer> counts) {
    ImageConfig image = p.engine().image(Release.image(app))
        .orElseThrow(() -> new DokkuException("App image (" + Release.image(app) + ") not found"));
    ImageMetadata meta = ImageMetadata.load(p, app, image);
    NetworkPhases networks = new NetworkPhases(p.engine(), p.store(), p.out());
    networks.verifyNetworksExist(app);
    recordDetectedPorts(app, meta);
    Retirement retirement = new Retirement(p);
    ChecksSettings checks = new ChecksSettings(p.store());
    StateFiles state = new StateFiles(p.store());
    List<ContainerInfo> listed = collectStrays(app, retirement, state, checks.waitToRetire(app));
    if (mode == Mode.RELEASE) {
      counts = releaseFormation(app, meta.procfile());
      p.out().info1Quiet("Releasing " + app + "...");
      ReleaseTasks tasks = new ReleaseTasks(p);
      tasks.predeploy(app, meta);
      tasks.release(app, meta);
      p.out().info2Quiet("Processing deployment checks");
      if (meta.appJson().startupChecks("web").isEmpty()) {
        p.out().verboseQuiet("No web healthchecks found in app.json. Simple container checks will be performed.");
      }
      p.out().info1Quiet("Deploying " + app + " via the docker-local scheduler...");
    }
    new DeployRun(p, app, meta, Scale.deployOrder(counts), mode, networks, checks, state, retirement, listed).execute();
  }

  /** The formation re-synced with the Procfile (Dokku's post-release-builder), stored when it changed. */
  private Map<String, Integer> releaseFormation(String app, Procfile procfile) {
    try (Store.Lock l = p.store().lock(app)) {
      Scale scale = new Scale(p.store());
      Map<String, Integer> current = scale.read(app);
      Map<String, Integer> synced = Scale.merge(current, Map.of(), procfile);
      if (!synced.equals(current) || scale.stored(app).isBlank()) scale.write(app, synced);
      return synced;
    }
  }

  /** Dokku's port detection from the image's ExposedPorts, stored as {@code ports/<app>/map-detected}. */
  private void recordDetectedPorts(String app, ImageMetadata meta) {
    Ports ports = ProxySettings.ports(p.store());
    List<PortMap> detected = meta.detectedPorts();
    if (!detected.equals(ports.detected(app))) {
      try (Store.Lock l = p.store().lock(app)) {
        ports.setDetected(app, detected);
      }
    }
  }

  /**
   * Containers an interrupted deploy left behind (the deploy lock is held, so nothing else is creating them). Returns
   * the app's containers as listed for it, which the run's renaming starts from.
   */
  private List<ContainerInfo> collectStrays(String app, Retirement retirement, StateFiles state, int wait) {
    List<ContainerInfo> all = p.engine().listContainers(List.of(DokkuLabels.APP + "=" + app), true);
    Set<String> referenced = new HashSet<>(state.containers(app).values());
    retirement.collectStrays(app, all, referenced, wait);
    return all;
  }
}
