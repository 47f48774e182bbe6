package jokku.scheduler.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuLabels;
import jokku.engine.ServiceSpec;

/**
 * The service spec of one app process type on a swarm. Pure data: every choice the swarm scheduler makes
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

  public static ServiceSpec spec(Input in) {
    Map<String, String> labels = new LinkedHashMap<>(in.labels());
    labels.put(DokkuLabels.PROCESS_TYPE, in.proc());
    labels.put(SERVICE_LABEL, "true");
    Map<String, String> containerLabels = new LinkedHashMap<>(in.labels());
    containerLabels.put(DokkuLabels.CONTAINER_TYPE, "deploy");
    containerLabels.put(DokkuLabels.PROCESS_TYPE, in.proc());
    ServiceSpec.Container container = new ServiceSpec.Container(in.image(), in.args(), containerLabels, env(in), in.init(),
        in.stopGraceSeconds() * SECOND, in.health() == null ? null : health(in.health()));
    List<ServiceSpec.Network> networks = new ArrayList<>();
    for (Attachment a : in.networks()) networks.add(new ServiceSpec.Network(a.network(), a.aliases()));
    return ServiceSpec.of(new ServiceSpec.Request(name(in.app(), in.proc()), labels, container, networks, "any", SECOND, in.forceUpdate(),
        in.replicas(), update(true), update(false), "dnsrr", in.hostPorts()));
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

  static ServiceSpec.Health health(Health h) {
    return new ServiceSpec.Health(h.test(), h.intervalSeconds() * SECOND, h.timeoutSeconds() * SECOND, h.retries(), h.startPeriodSeconds() * SECOND);
  }

  /** Start-first, one task at a time; the update (not the rollback) rolls back on failure. */
  static ServiceSpec.Rollout update(boolean forUpdate) {
    return new ServiceSpec.Rollout(1, 0, forUpdate ? "rollback" : "pause", MONITOR, 0, "start-first");
  }
}
