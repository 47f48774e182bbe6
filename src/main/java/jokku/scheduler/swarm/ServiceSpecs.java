package jokku.scheduler.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuLabels;

/**
 * The Engine API service spec of one app process type on a swarm. Pure data: every choice the swarm scheduler makes
 * about a service is here, so it is tested by equality. One service per app and process type, named
 * {@code <app>-<proc>}; {@code dnsrr} endpoints (no IPVS needed); start-first rolling updates, one task at a time,
 * rolled back when a task fails or never becomes healthy.
 */
public final class ServiceSpecs {
  public static final String SERVICE_LABEL = "com.jokku.swarm-service";
  static final long SECOND = 1_000_000_000L;
  /** How long swarm watches each updated task for failure before moving on. */
  static final long MONITOR = 5 * SECOND;

  private ServiceSpecs() {}

  /** A network the tasks join, with their aliases on it. */
  public record Attachment(String network, List<String> aliases) {}

  /** A health check run inside each task ({@code CMD-SHELL} or {@code CMD}); durations in seconds. */
  public record Health(List<String> test, int intervalSeconds, int timeoutSeconds, int retries, int startPeriodSeconds) {}

  /** Everything a process type's service depends on. */
  public record Input(
      String app,
      String proc,
      String image,
      List<String> args,
      Map<String, String> env,
      String port,
      int replicas,
      List<Attachment> networks,
      Health health,
      List<Integer> hostPorts,
      boolean init,
      int stopGraceSeconds,
      long forceUpdate,
      Map<String, String> labels) {}

  public static String name(String app, String proc) {
    return app + "-" + proc;
  }

  public static Map<String, Object> spec(Input in) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("Name", name(in.app(), in.proc()));
    Map<String, String> labels = new LinkedHashMap<>(in.labels());
    labels.put(DokkuLabels.PROCESS_TYPE, in.proc());
    labels.put(SERVICE_LABEL, "true");
    spec.put("Labels", labels);
    spec.put("TaskTemplate", task(in));
    spec.put("Mode", Map.of("Replicated", Map.of("Replicas", in.replicas())));
    spec.put("UpdateConfig", update(true));
    spec.put("RollbackConfig", update(false));
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("Mode", "dnsrr");
    if (!in.hostPorts().isEmpty()) {
      List<Object> ports = new ArrayList<>();
      for (int p : in.hostPorts()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Protocol", "tcp");
        m.put("TargetPort", p);
        m.put("PublishMode", "host");
        ports.add(m);
      }
      endpoint.put("Ports", ports);
    }
    spec.put("EndpointSpec", endpoint);
    return spec;
  }

  private static Map<String, Object> task(Input in) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("Image", in.image());
    if (!in.args().isEmpty()) container.put("Command", in.args());
    Map<String, String> containerLabels = new LinkedHashMap<>(in.labels());
    containerLabels.put(DokkuLabels.CONTAINER_TYPE, "deploy");
    containerLabels.put(DokkuLabels.PROCESS_TYPE, in.proc());
    container.put("Labels", containerLabels);
    container.put("Env", env(in));
    container.put("Init", in.init());
    container.put("StopGracePeriod", in.stopGraceSeconds() * SECOND);
    if (in.health() != null) container.put("HealthCheck", health(in.health()));
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("ContainerSpec", container);
    List<Object> nets = new ArrayList<>();
    for (Attachment a : in.networks()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("Target", a.network());
      n.put("Aliases", a.aliases());
      nets.add(n);
    }
    task.put("Networks", nets);
    task.put("RestartPolicy", Map.of("Condition", "any", "Delay", SECOND));
    task.put("ForceUpdate", in.forceUpdate());
    return task;
  }

  /** Config values, then {@code DYNO} (the task's slot, e.g. {@code web.2}) and {@code PORT}, which win. */
  static List<String> env(Input in) {
    Map<String, String> env = new TreeMap<>(in.env());
    env.remove("DYNO");
    env.remove("PORT");
    List<String> l = new ArrayList<>();
    env.forEach((k, v) -> l.add(k + "=" + v));
    l.add("DYNO=" + in.proc() + ".{{.Task.Slot}}");
    if (!in.port().isEmpty()) l.add("PORT=" + in.port());
    return l;
  }

  static Map<String, Object> health(Health h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Test", h.test());
    m.put("Interval", h.intervalSeconds() * SECOND);
    m.put("Timeout", h.timeoutSeconds() * SECOND);
    m.put("Retries", h.retries());
    m.put("StartPeriod", h.startPeriodSeconds() * SECOND);
    return m;
  }

  /** Start-first, one task at a time; the update (not the rollback) rolls back on failure. */
  static Map<String, Object> update(boolean forUpdate) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Parallelism", 1);
    m.put("Delay", 0);
    if (forUpdate) m.put("FailureAction", "rollback");
    else m.put("FailureAction", "pause");
    m.put("Monitor", MONITOR);
    m.put("MaxFailureRatio", 0);
    m.put("Order", "start-first");
    return m;
  }
}
