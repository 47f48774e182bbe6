package jokku.scheduler.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.DokkuLabels;
import jokku.deploy.Builds;
import jokku.deploy.ImageRegistry;
import jokku.deploy.Platform;
import jokku.deploy.Release;
import jokku.deploy.StateFiles;
import jokku.engine.ContainerInfo;
import jokku.network.NetworkSync;
import jokku.property.Property;
import jokku.proxy.NginxUpstreams;
import jokku.run.RunService;
import jokku.scheduler.ProcessStatus;
import jokku.scheduler.Scheduler;
import jokku.store.Store;

/**
 * The {@code docker-local} scheduler: containers on this engine, driven by {@link Deployer}, {@link AppProcesses},
 * {@link Retirement}, {@link NetworkSync} and {@link RunService}, which this class only delegates to.
 */
public final class DockerLocalScheduler implements Scheduler {
  public static final String NAME = "docker-local";
  /** Dokku's {@code scheduler-docker-local} {@code init-process}: "true" or "false" overrides the image's default. */
  public static final Property INIT_PROCESS = Property.of("scheduler-docker-local", "init-process").appOnly().internal();
  private final Platform p;

  public DockerLocalScheduler(Platform platform) {
    this.p = platform;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** A release; with {@code registry:set ... push-on-release true} and a server, the image is pushed after it. */
  @Override
  public void deploy(String app) {
    new Deployer(p).deploy(app);
    ImageRegistry registry = new ImageRegistry(p.store());
    if (registry.pushOnRelease(app) && !registry.server(app).isEmpty()) {
      p.out().info1Quiet("Pushing image to " + registry.server(app));
      String ref = registry.push(p.engine(), line -> p.out().verboseQuiet(line), app, Release.image(app), "latest");
      p.out().verboseQuiet("Pushed " + ref);
    }
  }

  @Override
  public void restartProcess(String app, String proc) {
    new Deployer(p).restartProcess(app, proc);
  }

  @Override
  public void scale(String app, Map<String, Integer> updates, boolean deploy) {
    new Deployer(p).scale(app, updates, deploy);
  }

  @Override
  public boolean isDeployed(String app) {
    return new StateFiles(p.store()).isDeployed(app);
  }

  @Override
  public boolean stop(String app) {
    return new AppProcesses(p).stop(app);
  }

  @Override
  public boolean start(String app) {
    return new AppProcesses(p).start(app);
  }

  @Override
  public boolean rebuild(String app, Builds builds) {
    return builds.rebuild(app);
  }

  @Override
  public List<ProcessStatus> statuses(String app) {
    return new AppProcesses(p).statuses(app);
  }

  @Override
  public boolean hasProcesses(String app) {
    return !containers(app).isEmpty() || !new StateFiles(p.store()).containers(app).isEmpty();
  }

  /** Every container of the app (all states, forced) and its CONTAINER/IP/PORT files; the app counts as not deployed. */
  @Override
  public void removeProcesses(String app) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      List<String> ids = new ArrayList<>();
      for (ContainerInfo c : containers(app)) ids.add(c.id());
      if (!ids.isEmpty()) p.engine().removeContainers(ids, true);
      StateFiles state = new StateFiles(p.store());
      for (String dyno : state.containers(app).keySet()) state.remove(app, dyno);
      try (Store.Lock l = p.store().lock(app)) {
        state.markDeployed(app, false);
      }
    }
  }

  private List<ContainerInfo> containers(String app) {
    return p.engine().listContainers(List.of(DokkuLabels.APP + "=" + app), true);
  }

  /**
   * {@link NetworkSync} over every app's containers (one list request for all, the inspects of all apps made together),
   * then the proxy where listeners moved.
   */
  @Override
  public int rebuildNetworks(List<String> apps) {
    int total = 0;
    for (Map.Entry<String, NetworkSync.Result> e : new NetworkSync(p.engine(), p.store(), p.out(), new NginxUpstreams(p.store())::of).syncApps(apps).entrySet()) {
      String app = e.getKey();
      NetworkSync.Result r = e.getValue();
      if (r.listenersChanged()) {
        try {
          p.proxy().build(app);
        } catch (DokkuException ex) {
          p.out().warn(ex.getMessage()); // the count is of containers out of sync; nginx kept its previous config
        }
      }
      total += r.unsynced();
    }
    return total;
  }

  @Override
  public void retire() {
    new Retirement(p).retireAll();
  }

  @Override
  public RunService runner(String app) {
    return new RunService(p.engine(), p.store(), p.extraLabels());
  }
}
