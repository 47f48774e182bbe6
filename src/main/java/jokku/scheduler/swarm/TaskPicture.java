package jokku.scheduler.swarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jokku.engine.SwarmNode;
import jokku.engine.SwarmTask;

/**
 * One look at a service's tasks with the nodes they are on, as a deploy needs it: a task on a node that is not
 * {@code ready} (down, disconnected, unknown) is gone, whatever state it last reported, since that node can no longer
 * run it nor report on it (swarm restarts such tasks elsewhere). Pure: built from the engine's task and node maps.
 */
final class TaskPicture {
  /** Task states before {@code running}, in swarm's order: a task in one of them has not started yet. */
  private static final List<String> BEFORE_RUNNING = List.of("new", "allocated", "pending", "assigned", "accepted", "preparing", "ready", "starting");

  /** A task as the deploy reports it: {@code <service>.<slot>}, its node's hostname (or empty), state and error. */
  record Task(String id, String name, String node, boolean nodeLost, String desired, String state, String error) {
    boolean wanted() {
      return desired.equals("running") && !nodeLost;
    }

    boolean running() {
      return wanted() && state.equals("running");
    }

    boolean failed() {
      return state.equals("failed") || state.equals("rejected");
    }

    /**
     * Given to a node that was lost before it ran, and already replaced by swarm (no longer wanted): it will never
     * report running, and swarm's updater waits for exactly that.
     */
    boolean strandedOnLostNode() {
      return nodeLost && BEFORE_RUNNING.contains(state) && !desired.equals("running") && !desired.equals("ready");
    }

    /** Waiting for a node: the scheduler found none that fits (its error says why). */
    boolean unplaceable() {
      return desired.equals("running") && state.equals("pending") && !error.isEmpty();
    }

    /** {@code web-web.2 on node3 (down): assigned (error)}. */
    String describe() {
      return name + (node.isEmpty() ? "" : " on " + node + (nodeLost ? " (down)" : "")) + ": " + state + (error.isEmpty() ? "" : " (" + error + ")");
    }
  }

  final List<Task> tasks;

  TaskPicture(List<Task> tasks) {
    this.tasks = tasks;
  }

  static TaskPicture of(String service, List<SwarmTask> tasks, List<SwarmNode> nodes) {
    Map<String, String> hostnames = new HashMap<>();
    Map<String, Boolean> lost = new HashMap<>();
    for (SwarmNode n : nodes) {
      hostnames.put(n.id(), n.hostname());
      lost.put(n.id(), !n.ready());
    }
    List<Task> l = new ArrayList<>();
    for (SwarmTask t : tasks) {
      String node = t.nodeId();
      l.add(new Task(t.id(), service + "." + t.slot(), hostnames.getOrDefault(node, node.isEmpty() ? "" : node),
          !node.isEmpty() && lost.getOrDefault(node, true), t.desiredState(), t.state(), t.error()));
    }
    return new TaskPicture(l);
  }

  int running() {
    return (int) tasks.stream().filter(Task::running).count();
  }

  int wanted() {
    return (int) tasks.stream().filter(Task::wanted).count();
  }

  int failed() {
    return (int) tasks.stream().filter(Task::failed).count();
  }

  /** The error of a failed task, or empty. */
  String lastError() {
    String e = "";
    for (Task t : tasks) if (t.failed() && !t.error().isEmpty()) e = t.error();
    return e;
  }

  List<Task> stranded() {
    return tasks.stream().filter(Task::strandedOnLostNode).toList();
  }

  List<Task> unplaceable() {
    return tasks.stream().filter(Task::unplaceable).toList();
  }

  /** Why the service is not converged: every wanted task that does not run, and every task still on a lost node. */
  String why() {
    List<String> l = new ArrayList<>();
    for (Task t : tasks) if ((t.desired().equals("running") && !t.running()) || (t.nodeLost() && BEFORE_RUNNING.contains(t.state()))) l.add(t.describe());
    return String.join("; ", l);
  }
}
