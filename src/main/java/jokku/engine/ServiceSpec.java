package jokku.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A swarm service spec as sent to {@code POST /services/create} or {@code /services/{id}/update}: built from a typed
 * {@link Request} ({@link #of}), or the spec a service has now ({@link SwarmService#spec()}), sent back as the engine
 * gave it (with every field jokku does not model). {@link #body()} is the one place a request becomes the Engine
 * API spec.
 */
public final class ServiceSpec {
  /** A health check run inside each task ({@code CMD-SHELL ...} or {@code CMD ...}); durations in nanoseconds. */
  public record Health(List<String> test, long interval, long timeout, int retries, long startPeriod) {}

  /** A network the tasks join, with their aliases on it. */
  public record Network(String target, List<String> aliases) {}

  /** How updates (or rollbacks) roll: tasks at a time, delay, on failure, monitor (ns), failure ratio, start-/stop-first. */
  public record Rollout(int parallelism, int delay, String failureAction, long monitor, int maxFailureRatio, String order) {}

  /** The task's container: image, command (empty: the image's), labels, {@code KEY=value} env, init, stop grace (ns), health. */
  public record Container(String image, List<String> command, Map<String, String> labels, List<String> env, boolean init,
      long stopGracePeriod, Health health) {}

  /**
   * A replicated service: name and labels, its task (container, networks, restart condition and delay (ns), force-update
   * counter), replicas, update and rollback, endpoint mode and the target ports published in host mode (tcp).
   */
  public record Request(String name, Map<String, String> labels, Container container, List<Network> networks, String restartCondition,
      long restartDelay, long forceUpdate, int replicas, Rollout update, Rollout rollback, String endpointMode, List<Integer> hostPorts) {}

  private final Map<String, Object> body;

  private ServiceSpec(Map<String, Object> body) {
    this.body = body;
  }

  public static ServiceSpec of(Request r) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("Name", r.name());
    spec.put("Labels", new LinkedHashMap<>(r.labels()));
    spec.put("TaskTemplate", task(r));
    spec.put("Mode", Map.of("Replicated", Map.of("Replicas", r.replicas())));
    spec.put("UpdateConfig", rollout(r.update()));
    spec.put("RollbackConfig", rollout(r.rollback()));
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("Mode", r.endpointMode());
    if (!r.hostPorts().isEmpty()) {
      List<Object> ports = new ArrayList<>();
      for (int p : r.hostPorts()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Protocol", "tcp");
        m.put("TargetPort", p);
        m.put("PublishMode", "host");
        ports.add(m);
      }
      endpoint.put("Ports", ports);
    }
    spec.put("EndpointSpec", endpoint);
    return new ServiceSpec(spec);
  }

  /** The spec of an engine's service object, as the engine sent it (a test's scripted answers too). */
  public static ServiceSpec read(Map<String, Object> spec) {
    return new ServiceSpec(spec);
  }

  private static Map<String, Object> task(Request r) {
    Container c = r.container();
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("Image", c.image());
    if (!c.command().isEmpty()) container.put("Command", c.command());
    container.put("Labels", new LinkedHashMap<>(c.labels()));
    container.put("Env", c.env());
    container.put("Init", c.init());
    container.put("StopGracePeriod", c.stopGracePeriod());
    if (c.health() != null) container.put("HealthCheck", health(c.health()));
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("ContainerSpec", container);
    List<Object> nets = new ArrayList<>();
    for (Network n : r.networks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Target", n.target());
      m.put("Aliases", n.aliases());
      nets.add(m);
    }
    task.put("Networks", nets);
    task.put("RestartPolicy", Map.of("Condition", r.restartCondition(), "Delay", r.restartDelay()));
    task.put("ForceUpdate", r.forceUpdate());
    return task;
  }

  private static Map<String, Object> health(Health h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Test", h.test());
    m.put("Interval", h.interval());
    m.put("Timeout", h.timeout());
    m.put("Retries", h.retries());
    m.put("StartPeriod", h.startPeriod());
    return m;
  }

  private static Map<String, Object> rollout(Rollout u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Parallelism", u.parallelism());
    m.put("Delay", u.delay());
    m.put("FailureAction", u.failureAction());
    m.put("Monitor", u.monitor());
    m.put("MaxFailureRatio", u.maxFailureRatio());
    m.put("Order", u.order());
    return m;
  }

  /** This spec with one more service label (the labels it has are kept). */
  @SuppressWarnings("unchecked")
  public ServiceSpec withLabel(String key, String value) {
    Map<String, Object> copy = new LinkedHashMap<>(body);
    Map<String, Object> labels = body.get("Labels") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    labels.put(key, value);
    copy.put("Labels", labels);
    return new ServiceSpec(copy);
  }

  /** The health check's start period in nanoseconds, 0 when there is none. */
  public long startPeriod() {
    return SwarmApi.at(body, "TaskTemplate", "ContainerSpec", "HealthCheck", "StartPeriod") instanceof Number n ? n.longValue() : 0;
  }

  /** Whether two specs (null: none) run the same tasks (the same task template): updating between them replaces no task. */
  public static boolean sameTasks(ServiceSpec a, ServiceSpec b) {
    return java.util.Objects.equals(a == null ? null : a.body.get("TaskTemplate"), b == null ? null : b.body.get("TaskTemplate"));
  }

  /** The Engine API service spec. */
  public Map<String, Object> body() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceSpec s && body.equals(s.body);
  }

  @Override
  public int hashCode() {
    return body.hashCode();
  }

  @Override
  public String toString() {
    return Json.write(body);
  }
}
