package jokku.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A wait registered with the engine before the container starts ({@code POST /containers/{id}/wait?condition=}),
 * so a fast or auto-removed container cannot exit unnoticed. The engine answers the headers at once and the body
 * when the condition is met; {@link #exitCode()} reads it.
 */
public final class ContainerWait implements AutoCloseable {
  private final DockerClient.Stream stream;
  private final DockerClient client;

  private ContainerWait(DockerClient client, DockerClient.Stream stream) {
    this.client = client;
    this.stream = stream;
  }

  /** Registers the wait; {@code condition} is {@code next-exit}, {@code not-running} or {@code removed}. */
  public static ContainerWait register(DockerClient c, String id, String condition) {
    DockerClient.Stream s = c.stream("POST", "/containers/" + Engine.enc(id) + "/wait?condition=" + Engine.enc(condition), null, null);
    if (s.status >= 400) {
      try {
        throw new EngineException(s.status, DockerClient.message(new DockerClient.Response(s.status, Map.of(), s.readAll())));
      } catch (IOException e) {
        throw new EngineUnreachable(c.address(), e.getMessage());
      } finally {
        s.close();
      }
    }
    return new ContainerWait(c, s);
  }

  /** Blocks until the condition is met; returns the container's exit code. */
  @SuppressWarnings("unchecked")
  public int exitCode() {
    try {
      Object j = Json.parse(new String(stream.readAll(), StandardCharsets.UTF_8));
      Map<String, Object> m = (Map<String, Object>) j;
      Object err = m.get("Error");
      if (err instanceof Map && ((Map<String, Object>) err).get("Message") != null) {
        String msg = String.valueOf(((Map<String, Object>) err).get("Message"));
        if (!msg.isEmpty()) throw new EngineException(500, msg);
      }
      return ((Number) m.get("StatusCode")).intValue();
    } catch (IOException e) {
      throw new EngineUnreachable(client.address(), e.getMessage());
    } finally {
      stream.close();
    }
  }

  @Override
  public void close() {
    stream.close();
  }
}
