package jokku.scheduler.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuLabels;
import jokku.engine.ContainerSpec;

/**
 * Pure functions from what a container should be to its container-create request: Dokku's names and labels
 * ({@link DokkuLabels}) for deploy containers, their environment, restart policy, init, network mode and published ports.
 */
public final class ContainerSpecs {
  public static final String DEFAULT_RESTART = "on-failure:10";

  private ContainerSpecs() {}

  /** One deploy container: instance {@code index} of process type {@code proc}. */
  public record DeploySpec(
      String app,
      String proc,
      int index,
      String image,
      List<String> cmd,
      Map<String, String> config,
      String port,
      List<String> publish,
      String networkMode,
      boolean init,
      String restartPolicy,
      Map<String, String> extraLabels) {

    public String dyno() {
      return proc + "." + index;
    }
  }

  public static String finalName(String app, String dyno) {
    return app + "." + dyno;
  }

  public static String upcomingName(String app, String dyno, int random) {
    return app + "." + dyno + ".upcoming-" + random;
  }

  public static boolean isUpcoming(String name) {
    return name.matches(".+\\.upcoming-\\d+$");
  }

  /** The container-create request of a deploy container. */
  public static ContainerSpec createSpec(DeploySpec s) {
    Map<String, String> labels = DokkuLabels.appLabels(s.app(), s.extraLabels());
    labels.put(DokkuLabels.CONTAINER_TYPE, "deploy");
    labels.put(DokkuLabels.PROCESS_TYPE, s.proc());
    labels.put(DokkuLabels.DYNO, s.dyno());
    ContainerSpec c = new ContainerSpec().image(s.image());
    if (!s.cmd().isEmpty()) c.cmd(s.cmd());
    c.env(env(s)).labels(labels).init(s.init()).restartPolicy(restartPolicy(s.restartPolicy()));
    if (!s.networkMode().isEmpty()) c.networkMode(s.networkMode());
    for (String p : s.publish()) c.publish(p, new ContainerSpec.PortBinding("", ""));
    return c;
  }

  /** Config values as real {@code KEY=value} entries, then {@code DYNO} and {@code PORT} (which win). */
  static List<String> env(DeploySpec s) {
    Map<String, String> env = new TreeMap<>(s.config());
    env.remove("DYNO");
    env.remove("PORT");
    List<String> l = new ArrayList<>();
    env.forEach((k, v) -> l.add(k + "=" + v));
    l.add("DYNO=" + s.dyno());
    l.add("PORT=" + s.port());
    return l;
  }

  /** {@code on-failure:10}, {@code always}, {@code unless-stopped}, {@code no} (empty: {@link #DEFAULT_RESTART}). */
  public static ContainerSpec.RestartPolicy restartPolicy(String policy) {
    return ContainerSpec.RestartPolicy.parse(policy == null || policy.isEmpty() ? DEFAULT_RESTART : policy);
  }

  /**
   * The ports a web container publishes when bind-all-interfaces is true: every distinct container port of the
   * port maps, as {@code <port>/tcp} or {@code <port>/udp} for the {@code udp} scheme, each on a random host port.
   */
  public static List<String> publishedPorts(List<jokku.ports.PortMap> maps) {
    List<String> l = new ArrayList<>();
    for (jokku.ports.PortMap m : maps) {
      String p = m.container() + (m.scheme().equals("udp") ? "/udp" : "/tcp");
      if (!l.contains(p)) l.add(p);
    }
    return l;
  }
}
