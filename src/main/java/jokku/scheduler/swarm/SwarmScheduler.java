package jokku.scheduler.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.DokkuLabels;
import jokku.deploy.Builds;
import jokku.deploy.Platform;
import jokku.deploy.Scale;
import jokku.deploy.StateFiles;
import jokku.engine.EngineException;
import jokku.engine.SwarmApi;
import jokku.engine.SwarmNode;
import jokku.engine.SwarmService;
import jokku.engine.SwarmTask;
import jokku.run.RunService;
import jokku.scheduler.ProcessStatus;
import jokku.scheduler.Scheduler;
import jokku.store.Store;

/**
 * The {@code swarm} scheduler: each app process type is a swarm service on the swarm this engine manages (see
 * {@link ServiceSpecs}); swarm places, restarts and reschedules the tasks, jokku never does. Deploys and rollbacks
 * are {@link SwarmDeploy}; this machine's nginx reaches the web tasks through the app's {@link Edge}.
 */
public final class SwarmScheduler implements Scheduler {
  public static final String NAME = "swarm";
  public static final String PLUGIN = "scheduler-swarm";
  private final Platform p;
  private final SwarmApi api;

  public SwarmScheduler(Platform platform) {
    this.p = platform;
    this.api = platform.engine().swarm();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void checkSelectable() {
    if (!api.isManager()) {
      throw new DokkuException("The engine at " + p.engine().address() + " is not a swarm manager (swarm state: "
          + api.localState() + "); run scheduler-swarm:initialize first");
    }
  }

  /** Refuses, with the reason, a network a swarm app cannot use (not swarm-scoped, not attachable). */
  @Override
  public void checkNetworks(String app, List<String> networks) {
    new SwarmDeploy(p, api).networks().prepare(app, networks.stream().filter(n -> !n.equals(SwarmNetworks.appNetwork(app))).toList());
  }

  private SwarmDeploy deployer() {
    checkSelectable();
    return new SwarmDeploy(p, api);
  }

  @Override
  public void deploy(String app) {
    deployer().release(app);
  }

  @Override
  public void restartProcess(String app, String proc) {
    Map<String, Integer> formation = new Scale(p.store()).read(app);
    if (!formation.containsKey(proc)) throw new DokkuException(proc + " is not a valid process type of " + app);
    deployer().update(app, Map.of(proc, formation.get(proc)), true);
  }

  @Override
  public void scale(String app, Map<String, Integer> updates, boolean deploy) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      Scale.store(p, app, updates);
    }
    if (!deploy || !isDeployed(app)) return;
    Map<String, Integer> formation = new Scale(p.store()).read(app);
    Map<String, Integer> changed = new LinkedHashMap<>();
    for (String proc : Scale.deployOrder(updates).keySet()) changed.put(proc, formation.getOrDefault(proc, 0));
    deployer().update(app, changed, false);
  }

  @Override
  public boolean isDeployed(String app) {
    return new StateFiles(p.store()).isDeployed(app);
  }

  /** {@code ps:stop}: every service scaled to 0 (the formation is kept for ps:start). */
  @Override
  public boolean stop(String app) {
    if (!isDeployed(app)) return false;
    p.out().info1Quiet("Stopping " + app);
    Map<String, Integer> zero = new LinkedHashMap<>();
    for (SwarmService s : new SwarmDeploy(p, api).services(app)) zero.put(s.label(DokkuLabels.PROCESS_TYPE), 0);
    if (!zero.isEmpty()) deployer().update(app, zero, false);
    try (Store.Lock l = p.store().lock(app)) {
      new jokku.property.PsSettings(p.store()).restore(app, false);
    }
    return true;
  }

  @Override
  public boolean start(String app) {
    if (!isDeployed(app)) return false;
    String running = ProcessStatus.runningState(statuses(app));
    if (!running.equals("true")) deploy(app);
    else p.out().warn("App " + app + " already running");
    return true;
  }

  @Override
  public boolean rebuild(String app, Builds builds) {
    return builds.rebuild(app);
  }

  /** One status per wanted task: {@code <proc>.<slot>}, the task's container (or task) id, its state. */
  @Override
  public List<ProcessStatus> statuses(String app) {
    List<ProcessStatus> l = new ArrayList<>();
    for (SwarmTask t : api.taskList(Map.of("label", List.of(DokkuLabels.APP + "=" + app), "desired-state", List.of("running")))) {
      String proc = t.containerLabel(DokkuLabels.PROCESS_TYPE);
      if (proc.isEmpty() || t.serviceId().isEmpty()) continue;
      l.add(new ProcessStatus(proc + "." + t.slot(), t.containerId().isEmpty() ? t.id() : t.containerId(), t.state()));
    }
    l.sort((a, b) -> a.dyno().compareTo(b.dyno()));
    return l;
  }

  @Override
  public boolean hasProcesses(String app) {
    try {
      SwarmDeploy d = new SwarmDeploy(p, api);
      return !d.services(app).isEmpty() || !d.edge().existing(app).isEmpty();
    } catch (EngineException e) {
      if (e.status() == 503) return false; // not a manager any more: nothing of the app can run here
      throw e;
    }
  }

  /** Services, edge, the app's own overlay and its listener files. */
  @Override
  public void removeProcesses(String app) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      SwarmDeploy d = new SwarmDeploy(p, api);
      boolean had = false;
      for (SwarmService s : d.services(app)) {
        api.removeService(s.id());
        had = true;
      }
      d.edge().remove(app);
      if (had) d.networks().removeAppNetwork(app);
      try (Store.Lock l = p.store().lock(app)) {
        StateFiles state = new StateFiles(p.store());
        state.clear(app);
        state.markDeployed(app, false);
        p.store().setProperty(PLUGIN, app, "image-ref", "");
      }
    }
  }

  @Override
  public int rebuildNetworks(List<String> apps) {
    int failed = 0;
    for (String app : apps) if (isDeployed(app)) failed += deployer().rebuildNetworks(app);
    return failed;
  }

  /**
   * {@code network:watch}: swarm keeps the tasks on their networks and restarts them itself, so no service is updated
   * here (that is {@code network:rebuild}'s job); only the edge is restarted when it is not running (the engine does
   * not restart a container on an attachable overlay after its own restart).
   */
  @Override
  public String heal(String app) {
    if (!isDeployed(app)) return "";
    return new SwarmDeploy(p, api).heal(app);
  }

  /** The app's services whose tasks swarm left unevenly spread while {@code nodeId} was away, rolled again (start-first). */
  @Override
  public boolean rebalance(String app, String nodeId) {
    if (!isDeployed(app)) return false;
    List<SwarmNode> nodes = api.nodeList();
    Map<String, Integer> uneven = new LinkedHashMap<>();
    SwarmDeploy d = new SwarmDeploy(p, api);
    for (SwarmService s : d.services(app)) {
      List<SwarmTask> tasks = api.taskList(Map.of("service", List.of(s.name()), "desired-state", List.of("running")));
      if (!Spread.uneven(s, tasks, nodes, nodeId)) continue;
      uneven.put(s.label(DokkuLabels.PROCESS_TYPE), s.replicaCount());
    }
    if (uneven.isEmpty()) return false;
    String host = nodes.stream().filter(n -> n.id().equals(nodeId)).map(SwarmNode::hostname).findFirst().orElse(nodeId);
    p.out().verboseQuiet("Spreading " + String.join(", ", uneven.keySet()) + " onto node " + host + " again");
    deployer().update(app, uneven, true);
    return true;
  }

  /** Swarm retires old tasks itself (its task history limit); nothing to do. */
  @Override
  public void retire() {}

  /**
   * One-off containers run on the manager's engine, on the app's networks as on docker-local; with no initial network
   * set, on the app's own overlay (where its tasks are) rather than the manager's bridge.
   */
  @Override
  public RunService runner(String app) {
    return new RunService(p.engine(), p.store(), p.extraLabels(), SwarmNetworks.appNetwork(app));
  }
}
