package jokku.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a command inside a running container ({@code POST /containers/{id}/exec}) and reports its exit code. */
public final class Execs {
  private final DockerClient c;

  public Execs(DockerClient client) {
    this.c = client;
  }

  /** The command's exit code, or -1 when it is still running after {@code timeoutSeconds}. */
  @SuppressWarnings("unchecked")
  public int run(String container, List<String> cmd, int timeoutSeconds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Cmd", cmd);
    body.put("AttachStdout", false);
    body.put("AttachStderr", false);
    Map<String, Object> created = (Map<String, Object>) c.ok(c.call("POST", "/containers/" + Engine.enc(container) + "/exec", body)).json();
    String id = String.valueOf(created.get("Id"));
    c.ok(c.call("POST", "/exec/" + Engine.enc(id) + "/start", Map.of("Detach", true, "Tty", false)));
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (true) {
      Map<String, Object> st = (Map<String, Object>) c.ok(c.call("GET", "/exec/" + Engine.enc(id) + "/json", null)).json();
      if (!Boolean.TRUE.equals(st.get("Running"))) {
        Object code = st.get("ExitCode");
        return code instanceof Number ? ((Number) code).intValue() : -1;
      }
      if (System.nanoTime() > deadline) return -1;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
  }
}
