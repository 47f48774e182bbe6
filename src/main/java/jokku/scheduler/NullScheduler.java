package jokku.scheduler;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.deploy.Builds;
import jokku.deploy.Platform;
import jokku.deploy.Scale;
import jokku.run.RunService;
import jokku.store.Store;

/**
 * The {@code null} scheduler (Dokku 0.33+): the app has no processes at all, e.g. a service running elsewhere that
 * jokku only proxies through its {@code static-web-listener}. It always counts as deployed; a deploy, start or
 * rebuild builds the proxy and prints the URLs; scaling stores the formation and runs nothing.
 */
public final class NullScheduler implements Scheduler {
  public static final String NAME = "null";
  private final Platform p;

  public NullScheduler(Platform platform) {
    this.p = platform;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void deploy(String app) {
    p.out().info1Quiet("Deploying " + app + " via the null scheduler...");
    p.proxy().build(app);
    p.out().info2("Application deployed:");
    for (String url : p.proxy().urls(app)) p.out().verbose(url);
  }

  @Override
  public void restartProcess(String app, String proc) {
    deploy(app);
  }

  @Override
  public void scale(String app, Map<String, Integer> updates, boolean deploy) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      Scale.store(p, app, updates);
    }
  }

  @Override
  public boolean isDeployed(String app) {
    return true;
  }

  @Override
  public boolean stop(String app) {
    return true;
  }

  @Override
  public boolean start(String app) {
    p.proxy().build(app);
    return true;
  }

  @Override
  public boolean rebuild(String app, Builds builds) {
    deploy(app);
    return true;
  }

  @Override
  public List<ProcessStatus> statuses(String app) {
    return List.of();
  }

  @Override
  public boolean hasProcesses(String app) {
    return false;
  }

  @Override
  public void removeProcesses(String app) {}

  @Override
  public int rebuildNetworks(List<String> apps) {
    return 0;
  }

  @Override
  public void retire() {}

  @Override
  public RunService runner(String app) {
    throw new DokkuException("App " + app + " uses the null scheduler: it has no image to run commands in");
  }
}
