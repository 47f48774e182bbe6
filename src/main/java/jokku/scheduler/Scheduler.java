package jokku.scheduler;

import java.util.List;
import java.util.Map;
import jokku.deploy.Builds;
import jokku.run.RunService;

/**
 * Where an app's processes run (Dokku's {@code scheduler:set <app> selected <name>}): every command that creates,
 * changes, lists or removes an app's processes goes through this interface. {@code docker-local} runs containers on
 * this engine ({@link jokku.scheduler.local.DockerLocalScheduler}), {@code null} runs nothing ({@link NullScheduler}),
 * {@code swarm} runs services on a swarm the engine manages ({@link jokku.scheduler.swarm.SwarmScheduler}). The
 * builder (image from source) stays out of it: a build ends in {@link #deploy}.
 */
public interface Scheduler {
  /** The name {@code scheduler:set} stores. */
  String name();

  /** Refuses (one line) when this engine cannot run apps on this scheduler; called before it is selected. */
  default void checkSelectable() {}

  /** Refuses (one line, with the reason) networks this scheduler cannot attach the app's processes to. */
  default void checkNetworks(String app, List<String> networks) {}

  /** Dokku's {@code release-and-deploy}: the app's current image released and every process type deployed. */
  void deploy(String app);

  /** {@code ps:restart <app> <proc>}: every instance of one process type replaced. */
  void restartProcess(String app, String proc);

  /** {@code ps:scale}: stores the formation and, when {@code deploy} is set and the app is deployed, applies it. */
  void scale(String app, Map<String, Integer> updates, boolean deploy);

  /** Dokku's {@code is_deployed}. */
  boolean isDeployed(String app);

  /** {@code ps:stop}; false when the app was never deployed. */
  boolean stop(String app);

  /** {@code ps:start}; false when the app was never deployed. */
  boolean start(String app);

  /** {@code ps:rebuild}: builds from the remembered source with {@code builds} and deploys; false when nothing to do. */
  boolean rebuild(String app, Builds builds);

  /** Every process instance ({@code web.1}, ...) with its state, for {@code ps:report}. */
  List<ProcessStatus> statuses(String app);

  /** Whether the scheduler holds anything of the app (containers, services), running or not. */
  boolean hasProcesses(String app);

  /** Removes every process of the app and the state pointing at them (apps:destroy, a scheduler change). */
  void removeProcesses(String app);

  /** {@code network:rebuild[all]}: brings the apps' processes to their network settings; returns how many are not. */
  int rebuildNetworks(List<String> apps);

  /**
   * {@code network:watch}'s sync of one app after engine events about it. By default {@link #rebuildNetworks}; a
   * scheduler whose orchestrator keeps the processes on their networks itself (swarm) only restores what nothing else
   * does, cheaply. Returns what it did in the journal's words ({@code restarted the swarm edge api.edge}), or empty
   * when that is the network sync's output (the default: the journal says which network state changed).
   */
  default String heal(String app) {
    rebuildNetworks(List.of(app));
    return "";
  }

  /**
   * {@code network:watch}: the cluster node {@code nodeId} is ready again; the app's processes are spread onto it when
   * they were left unevenly on the others. False when nothing was to be done (the default: one engine, no nodes).
   */
  default boolean rebalance(String app, String nodeId) {
    return false;
  }

  /** {@code ps:retire}: what this scheduler leaves to retire (old containers, images). */
  void retire();

  /** {@code run}: the one-off containers of the app's image. */
  RunService runner(String app);
}
