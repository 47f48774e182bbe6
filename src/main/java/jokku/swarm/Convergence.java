package jokku.swarm;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.Out;

/**
 * Creates or updates one service and waits until swarm has converged: the rolling update {@code completed} and
 * every replica running (healthy, when the service has a health check). An update swarm rolls back (a task failed
 * or turned unhealthy) fails the deploy with swarm's message once the rollback is done; a new service whose tasks
 * keep failing is removed. Polls the manager; never sleeps longer than a quarter second.
 */
final class Convergence {
  static final long TIMEOUT_MS = 180_000;
  private final SwarmApi api;
  private final Out out;

  Convergence(SwarmApi api, Out out) {
    this.api = api;
    this.out = out;
  }

  void apply(String name, Map<String, Object> existing, Map<String, Object> spec, int replicas, long startPeriodMs) {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS + startPeriodMs;
    if (existing == null) {
      api.createService(spec);
      waitRunning(name, replicas, deadline, true);
      return;
    }
    String before = SwarmApi.str(existing, "UpdateStatus", "StartedAt");
    Object oldTemplate = SwarmApi.at(existing, "Spec", "TaskTemplate");
    api.updateService(SwarmApi.str(existing, "ID"), SwarmApi.version(existing), spec, false);
    Boolean rolling = null; // whether the task template changed, i.e. swarm replaces the tasks one by one
    while (true) {
      Map<String, Object> s = api.service(name).orElseThrow(() -> new DokkuException("Service " + name + " disappeared during the deploy"));
      if (rolling == null) rolling = !java.util.Objects.equals(oldTemplate, SwarmApi.at(s, "Spec", "TaskTemplate"));
      String started = SwarmApi.str(s, "UpdateStatus", "StartedAt");
      String state = started.equals(before) ? "" : SwarmApi.str(s, "UpdateStatus", "State");
      if (state.equals("rollback_completed") || state.equals("rollback_paused")) {
        throw new DokkuException("Deploy of " + name + " failed, the previous version keeps serving: " + SwarmApi.str(s, "UpdateStatus", "Message"));
      }
      if (state.equals("paused")) throw new DokkuException("Deploy of " + name + " paused by swarm: " + SwarmApi.str(s, "UpdateStatus", "Message"));
      if (!rolling || state.equals("completed")) {
        waitRunning(name, replicas, deadline, false);
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        if (!state.startsWith("rollback")) api.updateService(SwarmApi.str(s, "ID"), SwarmApi.version(s), castSpec(s), true);
        throw new DokkuException("Deploy of " + name + " did not converge in time; rolled back to the previous version");
      }
      Edge.sleep(250);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castSpec(Map<String, Object> s) {
    return (Map<String, Object>) s.get("Spec");
  }

  /** Waits until exactly {@code replicas} tasks are wanted and all of them run. */
  private void waitRunning(String name, int replicas, long deadline, boolean created) {
    while (true) {
      List<Map<String, Object>> tasks = api.tasks(Map.of("service", List.of(name)));
      int running = 0, wanted = 0, failed = 0;
      String lastError = "";
      for (Map<String, Object> t : tasks) {
        String desired = SwarmApi.str(t, "DesiredState"), state = SwarmApi.str(t, "Status", "State");
        if (desired.equals("running")) {
          wanted++;
          if (state.equals("running")) running++;
        }
        if (state.equals("failed") || state.equals("rejected")) {
          failed++;
          lastError = SwarmApi.str(t, "Status", "Err");
        }
      }
      if (running == replicas && wanted == replicas) return;
      if (created && failed >= Math.max(3, replicas * 3)) {
        api.service(name).ifPresent(s -> api.removeService(SwarmApi.str(s, "ID")));
        throw new DokkuException("Deploy of " + name + " failed: its tasks keep failing (" + lastError + ")");
      }
      if (System.currentTimeMillis() > deadline) {
        throw new DokkuException("Deploy of " + name + " did not converge in time: " + running + " of " + replicas + " tasks running"
            + (lastError.isEmpty() ? "" : " (" + lastError + ")"));
      }
      Edge.sleep(250);
    }
  }

}
