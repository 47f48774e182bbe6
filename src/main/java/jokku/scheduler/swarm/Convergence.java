package jokku.scheduler.swarm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import jokku.DokkuException;
import jokku.Out;
import jokku.engine.ServiceSpec;
import jokku.engine.SwarmApi;
import jokku.engine.SwarmService;

/**
 * Creates or updates one service and waits until swarm has converged: the rolling update {@code completed} and
 * every replica running (healthy, when the service has a health check) on a node that is up. An update swarm rolls
 * back (a task failed or turned unhealthy) fails the deploy with swarm's message and the failing task's node and
 * error once the rollback is done; a new service whose tasks keep failing is removed.
 *
 * <p>Faults: a node lost during the update leaves swarm's updater waiting forever for a task it had just given that
 * node (moby's updater has no timeout there), while swarm already runs the node's tasks elsewhere. Such a task is
 * gone, so the update is issued again, marked with those tasks ({@link #resumed}): swarm's new updater keeps the
 * replacements and finishes. Swarm's rollback waits the same way for a task it gave a node lost meanwhile: it is
 * resumed the same way, towards the spec the deploy replaced, and the deploy fails at once with swarm's reason and
 * every node lost during the rollback, instead of waiting out {@link #TIMEOUT_MS}.
 * Swarm then records that spec as the previous one, so a rollback after that point is jokku's own update back to
 * the spec it replaced. A task the scheduler cannot place anywhere ({@code no suitable node}) for {@link #STALL_MS}
 * fails the deploy at once, saying which task and why. Polls the manager every {@link #POLL_MS}; time is read from
 * a {@link Clock} and waited through a pause, both given (the system clock and a real sleep, except in tests).
 */
final class Convergence {
  static final long TIMEOUT_MS = 180_000;
  /** How long a task may wait for a node the scheduler cannot find before the deploy is declared unable to converge. */
  static final long STALL_MS = 20_000;
  /** The service label a resumed update carries: the ids of the tasks lost with their node. */
  static final String RESUMED_LABEL = "com.jokku.swarm-resumed-without-tasks";
  /** The pause between two polls of the manager. */
  static final long POLL_MS = 250;
  private final SwarmApi api;
  private final Out out;
  private final Clock clock;
  private final LongConsumer pause;

  Convergence(SwarmApi api, Out out) {
    this(api, out, Clock.systemUTC(), Edge::sleep);
  }

  /** With the clock deadlines are read from and the pause that waits {@code n} ms of it between polls. */
  Convergence(SwarmApi api, Out out, Clock clock, LongConsumer pause) {
    this.api = api;
    this.out = out;
    this.clock = clock;
    this.pause = pause;
  }

  void apply(String name, SwarmService existing, ServiceSpec spec, int replicas, long startPeriodMs) {
    long deadline = clock.millis() + TIMEOUT_MS + startPeriodMs;
    if (existing == null) {
      api.createService(spec);
      waitRunning(name, replicas, deadline, true);
      return;
    }
    String before = existing.updateStartedAt();
    ServiceSpec oldSpec = existing.spec();
    api.updateService(existing, spec, false);
    Boolean rolling = null; // whether the task template changed, i.e. swarm replaces the tasks one by one
    boolean reissued = false;
    String rolledBack = null; // why swarm rolled back, once its rollback had to be resumed without a lost node's task
    List<TaskPicture.Task> lostInRollback = new ArrayList<>(); // the tasks the rollback went on without
    Set<String> lostTasks = new HashSet<>();
    Stall stall = new Stall();
    while (true) {
      SwarmService s = api.serviceInfo(name).orElseThrow(() -> new DokkuException("Service " + name + " disappeared during the deploy"));
      if (rolling == null) rolling = !ServiceSpec.sameTasks(oldSpec, s.spec());
      String started = s.updateStartedAt();
      String state = started.equals(before) ? "" : s.updateState();
      if (state.equals("rollback_completed") || state.equals("rollback_paused")) {
        String why = rolledBack != null ? rolledBack + lostDuringRollback(lostInRollback) : explain(name, s.updateMessage());
        if (reissued) restore(name, oldSpec, deadline);
        throw new DokkuException("Deploy of " + name + " failed, the previous version keeps serving: " + why);
      }
      if (state.equals("paused")) throw new DokkuException("Deploy of " + name + " paused by swarm: " + explain(name, s.updateMessage()));
      if (rolledBack != null && state.equals("completed")) {
        waitRunning(name, replicas, deadline, false);
        throw new DokkuException("Deploy of " + name + " failed, the previous version keeps serving: " + rolledBack + lostDuringRollback(lostInRollback));
      }
      if (!rolling || state.equals("completed")) {
        waitRunning(name, replicas, deadline, false);
        return;
      }
      TaskPicture picture = picture(name);
      List<TaskPicture.Task> lost = picture.stranded().stream().filter(t -> !lostTasks.contains(t.id())).toList();
      if (!lost.isEmpty() && (state.equals("updating") || state.equals("rollback_started"))) {
        // a resumed rollback is an update towards the replaced spec: a node lost during it is lost during the rollback
        boolean rollingBack = state.equals("rollback_started") || rolledBack != null;
        for (TaskPicture.Task t : lost) {
          lostTasks.add(t.id());
          out.verboseQuiet("Node " + t.node() + " was lost during the " + (rollingBack ? "rollback" : "deploy") + " (" + t.describe()
              + "); swarm runs " + t.name() + " on another node");
        }
        ServiceSpec target = s.spec();
        if (state.equals("rollback_started")) {
          // swarm's rollback waits for the lost task as its update would: resumed the same way, towards the replaced spec
          if (rolledBack == null) rolledBack = explain(name, s.updateMessage());
          if (reissued) target = oldSpec;
          reissued = false; // the resumed rollback's target is the replaced spec itself: nothing left to restore
        }
        if (rollingBack) {
          lostInRollback.addAll(lost);
        } else if (rolledBack == null) {
          reissued = true;
        }
        api.updateService(s, resumed(target, lostTasks), false);
        continue;
      }
      String stuck = stall.check(picture, clock.millis());
      if (stuck != null || clock.millis() > deadline) {
        if (!state.startsWith("rollback")) rollBack(s, reissued ? oldSpec : null);
        throw new DokkuException("Deploy of " + name + (stuck != null ? " cannot converge: " + stuck : " did not converge in time: " + picture.why())
            + "; rolled back to the previous version");
      }
      pause.accept(POLL_MS);
    }
  }

  /**
   * {@code ; node <node> was lost during the rollback (<task>), which went on without it}, or with several nodes
   * {@code ; nodes <a> and <b> were lost ... (<task>; <task>), which went on without them}: the lost tasks ordered by
   * node and task name. Empty when no node was lost.
   */
  static String lostDuringRollback(List<TaskPicture.Task> lost) {
    if (lost.isEmpty()) return "";
    List<TaskPicture.Task> sorted = lost.stream().sorted(Comparator.comparing(TaskPicture.Task::node).thenComparing(TaskPicture.Task::name)
        .thenComparing(TaskPicture.Task::id)).toList();
    List<String> nodes = sorted.stream().map(TaskPicture.Task::node).distinct().toList();
    String tasks = String.join("; ", sorted.stream().map(TaskPicture.Task::describe).toList());
    if (nodes.size() == 1) return "; node " + nodes.get(0) + " was lost during the rollback (" + tasks + "), which went on without it";
    String named = String.join(", ", nodes.subList(0, nodes.size() - 1)) + " and " + nodes.get(nodes.size() - 1);
    return "; nodes " + named + " were lost during the rollback (" + tasks + "), which went on without them";
  }

  /**
   * The service's spec marked with the lost tasks ({@link #RESUMED_LABEL}, a service label: no task is replaced for
   * it). Swarm ignores an update to the very spec its updater is working towards, so the mark is what restarts it.
   */
  static ServiceSpec resumed(ServiceSpec spec, Set<String> lostTasks) {
    return spec.withLabel(RESUMED_LABEL, String.join(",", new TreeSet<>(lostTasks)));
  }

  /** Swarm's rollback to the previous spec, or (after a re-issued update made the new spec the previous one) an update to {@code oldSpec}. */
  private void rollBack(SwarmService s, ServiceSpec oldSpec) {
    if (oldSpec == null) api.updateService(s, s.spec(), true);
    else api.updateService(s, oldSpec, false);
  }

  /** After swarm "rolled back" to the re-issued new spec: the update back to the spec the deploy replaced, waited for. */
  private void restore(String name, ServiceSpec oldSpec, long deadline) {
    SwarmService s = api.serviceInfo(name).orElseThrow(() -> new DokkuException("Service " + name + " disappeared during the deploy"));
    rollBack(s, oldSpec);
    String before = s.updateStartedAt();
    while (clock.millis() < deadline) {
      SwarmService now = api.serviceInfo(name).orElseThrow(() -> new DokkuException("Service " + name + " disappeared during the deploy"));
      String state = now.updateStartedAt().equals(before) ? "" : now.updateState();
      if (!state.isEmpty() && !state.equals("updating")) return;
      pause.accept(POLL_MS);
    }
  }

  /** Swarm's message, with the node, state and error of the task it names ({@code ... of task <id>}). */
  private String explain(String name, String message) {
    String id = message.substring(message.lastIndexOf(' ') + 1);
    for (TaskPicture.Task t : picture(name).tasks) if (!id.isEmpty() && t.id().equals(id)) return message + " (" + t.describe() + ")";
    return message;
  }

  private TaskPicture picture(String name) {
    return TaskPicture.of(name, api.taskList(Map.of("service", List.of(name))), api.nodeList());
  }

  /** Waits until exactly {@code replicas} tasks are wanted and all of them run on nodes that are up. */
  private void waitRunning(String name, int replicas, long deadline, boolean created) {
    Stall stall = new Stall();
    while (true) {
      TaskPicture picture = picture(name);
      if (picture.running() == replicas && picture.wanted() == replicas) return;
      if (created && picture.failed() >= Math.max(3, replicas * 3)) {
        api.serviceInfo(name).ifPresent(s -> api.removeService(s.id()));
        throw new DokkuException("Deploy of " + name + " failed: its tasks keep failing (" + picture.lastError() + ")");
      }
      String stuck = stall.check(picture, clock.millis());
      if (stuck != null) {
        if (created) api.serviceInfo(name).ifPresent(s -> api.removeService(s.id()));
        throw new DokkuException("Deploy of " + name + " cannot converge: " + stuck);
      }
      if (clock.millis() > deadline) {
        throw new DokkuException("Deploy of " + name + " did not converge in time: " + picture.running() + " of " + replicas + " tasks running: " + picture.why());
      }
      pause.accept(POLL_MS);
    }
  }

  /** Tasks the scheduler could not place, continuously since the first time seen; the reason once that lasted {@link #STALL_MS}. */
  private static final class Stall {
    private boolean waiting;
    private long since;

    /** {@code now}: the convergence clock's reading, in ms. */
    String check(TaskPicture picture, long now) {
      List<TaskPicture.Task> unplaceable = picture.unplaceable();
      if (unplaceable.isEmpty()) {
        waiting = false;
        return null;
      }
      if (!waiting) {
        waiting = true;
        since = now;
      }
      if (now - since < STALL_MS) return null;
      return "swarm finds no node for " + String.join("; ", unplaceable.stream().map(TaskPicture.Task::describe).toList());
    }
  }
}
