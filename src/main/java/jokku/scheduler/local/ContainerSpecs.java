package jokku.scheduler.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuLabels;

/**
 * Pure functions from what a container should be to the Engine API create body: Dokku's names and labels
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

  /** The Engine API body for {@code POST /containers/create} of a deploy container. */
  public static Map<String, Object> createBody(DeploySpec s) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", s.image());
    if (!s.cmd().isEmpty()) body.put("Cmd", s.cmd());
    body.put("Env", env(s));
    Map<String, String> labels = DokkuLabels.appLabels(s.app(), s.extraLabels());
    labels.put(DokkuLabels.CONTAINER_TYPE, "deploy");
    labels.put(DokkuLabels.PROCESS_TYPE, s.proc());
    labels.put(DokkuLabels.DYNO, s.dyno());
    body.put("Labels", labels);
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("Init", s.init());
    host.put("RestartPolicy", restartPolicy(s.restartPolicy()));
    if (!s.networkMode().isEmpty()) host.put("NetworkMode", s.networkMode());
    if (!s.publish().isEmpty()) {
      Map<String, Object> exposed = new LinkedHashMap<>();
      Map<String, Object> bindings = new LinkedHashMap<>();
      for (String p : s.publish()) {
        exposed.put(p, Map.of());
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("HostIp", "");
        b.put("HostPort", "");
        bindings.put(p, List.of(b));
      }
      body.put("ExposedPorts", exposed);
      host.put("PortBindings", bindings);
    }
    body.put("HostConfig", host);
    return body;
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

  /** {@code on-failure:10}, {@code always}, {@code unless-stopped}, {@code no} as the engine's restart policy object. */
  public static Map<String, Object> restartPolicy(String policy) {
    Map<String, Object> m = new LinkedHashMap<>();
    String p = policy == null || policy.isEmpty() ? DEFAULT_RESTART : policy;
    int colon = p.indexOf(':');
    m.put("Name", colon < 0 ? p : p.substring(0, colon));
    if (colon > 0) m.put("MaximumRetryCount", Integer.parseInt(p.substring(colon + 1)));
    return m;
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
