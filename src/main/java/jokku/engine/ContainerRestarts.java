package jokku.engine;

import java.util.Map;

/** A container's restart policy and where it stands ({@code HostConfig.RestartPolicy}, {@code RestartCount}, State). */
public record ContainerRestarts(String policy, int maxRetries, int restartCount, boolean running, boolean restarting, int exitCode) {
  /** Inspects the container; empty when it does not exist. */
  @SuppressWarnings("unchecked")
  static java.util.Optional<ContainerRestarts> inspect(DockerClient c, String id) {
    DockerClient.Response r = c.call("GET", "/containers/" + Engine.enc(id) + "/json", null);
    if (r.status() == 404) return java.util.Optional.empty();
    Map<String, Object> m = (Map<String, Object>) c.ok(r).json();
    Map<String, Object> policy = ContainerInfo.map(ContainerInfo.map(m.get("HostConfig")).get("RestartPolicy"));
    Map<String, Object> st = ContainerInfo.map(m.get("State"));
    return java.util.Optional.of(new ContainerRestarts(NetworkInfo.str(policy, "Name"), num(policy.get("MaximumRetryCount")), num(m.get("RestartCount")),
        Boolean.TRUE.equals(st.get("Running")), Boolean.TRUE.equals(st.get("Restarting")), num(st.get("ExitCode"))));
  }

  private static int num(Object o) {
    return o instanceof Number ? ((Number) o).intValue() : 0;
  }
}
