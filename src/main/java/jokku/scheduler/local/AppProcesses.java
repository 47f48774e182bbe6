package jokku.scheduler.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuLabels;
import jokku.deploy.Platform;
import jokku.deploy.StateFiles;
import jokku.engine.ContainerInfo;
import jokku.engine.EngineException;
import jokku.scheduler.ProcessStatus;
import jokku.store.Store;

/**
 * The state of an app's processes (each a {@link ProcessStatus}, {@code missing} when its container is gone) and the commands acting on them without a new image: status of each dyno (one
 * list request for all of them), {@code ps:stop} and {@code ps:start}.
 */
public final class AppProcesses {
  private final Platform p;

  public AppProcesses(Platform platform) {
    this.p = platform;
  }

  /** Every dyno with a CONTAINER file, in process-type and numeric order. */
  public List<ProcessStatus> statuses(String app) {
    Map<String, String> files = new StateFiles(p.store()).containers(app);
    List<ProcessStatus> l = new ArrayList<>();
    if (files.isEmpty()) return l;
    Map<String, String> states = new HashMap<>();
    for (ContainerInfo c : p.engine().listContainers(List.of(DokkuLabels.APP + "=" + app), true)) states.put(c.id(), c.state());
    files.forEach((dyno, id) -> l.add(new ProcessStatus(dyno, id, states.getOrDefault(id, "missing"))));
    return l;
  }

  /**
   * {@code ps:stop}: every running container of the app stops with restarts disabled; the state files stay, so
   * {@code ps:start} brings the app back. Returns false when the app was never deployed.
   */
  public boolean stop(String app) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      if (!new StateFiles(p.store()).isDeployed(app)) return false;
      p.out().info1Quiet("Stopping " + app);
      int timeout = new Retirement(p).stopTimeout(app);
      for (ContainerInfo c : p.engine().listContainers(List.of(DokkuLabels.APP + "=" + app), false)) {
        try {
          p.containers().updateRestartPolicy(c.id(), "no", 0);
          p.engine().stopContainer(c.id(), timeout);
        } catch (EngineException e) {
          if (!e.notFound()) throw e;
        }
      }
      try (Store.Lock l = p.store().lock(app)) {
        new jokku.property.PsSettings(p.store()).restore(app, false);
      }
      return true;
    }
  }

  /**
   * {@code ps:start}: an app whose dynos do not all run is released and deployed again; one that runs is left
   * alone. The proxy is rebuilt either way. Returns false when the app was never deployed.
   */
  public boolean start(String app) {
    Deployer deployer = new Deployer(p);
    if (!new StateFiles(p.store()).isDeployed(app)) return false;
    String running = ProcessStatus.runningState(statuses(app));
    if (running.equals("mixed")) p.out().warn("App is running in mixed mode, releasing");
    if (!running.equals("true")) deployer.deploy(app);
    else p.out().warn("App " + app + " already running");
    try (Store.Lock l = p.store().lock(app)) {
      new jokku.property.PsSettings(p.store()).restore(app, true); // ps:stop cleared it; started again, it is restored at boot
    }
    p.proxy().build(app);
    return true;
  }
}
