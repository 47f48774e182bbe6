package jokku.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a command inside a running container ({@code POST /containers/{id}/exec}) and reports its exit code. */
public final class Execs {
  private final DockerClient c;

  Execs(DockerClient client) {
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

  /**
   * {@code docker exec [-i -t]}: runs {@code cmd} in a running container with its output copied to {@code out} and
   * {@code err} (one stream with a TTY) and, when {@code stdin}, {@code in} piped to it; returns the exit code.
   */
  @SuppressWarnings("unchecked")
  public int attached(String container, List<String> cmd, boolean tty, boolean stdin, int rows, int cols,
      java.io.InputStream in, java.io.OutputStream out, java.io.OutputStream err) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Cmd", cmd);
    body.put("AttachStdin", stdin);
    body.put("AttachStdout", true);
    body.put("AttachStderr", true);
    body.put("Tty", tty);
    Map<String, Object> created = (Map<String, Object>) c.ok(c.call("POST", "/containers/" + Engine.enc(container) + "/exec", body)).json();
    String id = String.valueOf(created.get("Id"));
    try (Hijacked io = c.hijack("POST", "/exec/" + Engine.enc(id) + "/start", Map.of("Detach", false, "Tty", tty))) {
      if (tty && rows > 0) {
        DockerClient.Response r = c.call("POST", "/exec/" + Engine.enc(id) + "/resize?h=" + rows + "&w=" + cols, null);
        if (r.status() >= 400 && r.status() != 409) c.ok(r);
      }
      if (stdin) {
        Thread pump = new Thread(() -> {
          try {
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
              io.write(buf, 0, n);
            }
          } catch (java.io.IOException ignored) {
            // the command stopped reading
          } finally {
            io.closeStdin();
          }
        }, "jokku-exec-stdin");
        pump.setDaemon(true);
        pump.start();
      }
      if (tty) io.in().transferTo(out);
      else Containers.demux(io.in(), out, err);
      out.flush();
      err.flush();
    } catch (java.io.IOException e) {
      // reading the engine's stream throws EngineResponseError: what failed is writing the output here
      throw LocalStreamError.writing(String.join(" ", cmd) + " in " + container, e);
    }
    Map<String, Object> st = (Map<String, Object>) c.ok(c.call("GET", "/exec/" + Engine.enc(id) + "/json", null)).json();
    Object code = st.get("ExitCode");
    return code instanceof Number ? ((Number) code).intValue() : 1;
  }
}
