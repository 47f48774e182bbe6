package jokku.engine;

import java.io.IOException;
import java.util.Map;

/**
 * A wait registered with the engine before the container starts ({@code POST /containers/{id}/wait?condition=}),
 * so a fast or auto-removed container cannot exit unnoticed. The engine answers the headers at once and the body
 * when the condition is met; {@link #exitCode()} reads it.
 */
public final class ContainerWait implements AutoCloseable {
  private final DockerClient.Stream stream;

  private ContainerWait(DockerClient.Stream stream) {
    this.stream = stream;
  }

  /** Registers the wait; {@code condition} is {@code next-exit}, {@code not-running} or {@code removed}. */
  static ContainerWait register(DockerClient c, String id, String condition) {
    DockerClient.Stream s = c.stream("POST", "/containers/" + Engine.enc(id) + "/wait?condition=" + Engine.enc(condition), null, null);
    if (s.status >= 400) {
      try (s) {
        throw new EngineException(s.status, DockerClient.message(new DockerClient.Response(s.status, Map.of(), s.readAll())));
      } catch (IOException e) {
        throw HttpFraming.broke(s.body(), e);
      }
    }
    return new ContainerWait(s);
  }

  /** Blocks until the condition is met; returns the container's exit code. */
  public int exitCode() {
    try (stream) {
      return statusCode(new DockerClient.Response(stream.status, Map.of(), stream.readAll()), HttpFraming.request(stream.body()));
    } catch (IOException e) {
      throw HttpFraming.broke(stream.body(), e);
    }
  }

  /**
   * The exit code in a wait response ({@code {"StatusCode":0,"Error":null}}); the engine's error message when it
   * reports one; an answer without a status code is an {@link EngineResponseError} naming {@code what} was asked.
   */
  @SuppressWarnings("unchecked")
  static int statusCode(DockerClient.Response r, String what) {
    String asked = what == null ? "a wait" : what;
    Object j;
    try {
      j = r.body().length == 0 ? null : Json.parse(r.body());
    } catch (IllegalArgumentException e) {
      throw new EngineResponseError("The Docker engine's answer to " + asked + " is not valid JSON: " + e.getMessage());
    }
    Map<String, Object> m = j instanceof Map ? (Map<String, Object>) j : Map.of();
    if (m.get("Error") instanceof Map<?, ?> err && err.get("Message") != null) {
      String msg = String.valueOf(err.get("Message"));
      if (!msg.isEmpty()) throw new EngineException(500, msg);
    }
    if (m.get("StatusCode") instanceof Number n) return n.intValue();
    throw new EngineResponseError("The Docker engine's answer to " + asked + " has no exit code: \""
        + HttpFraming.abbreviate(r.text().strip()) + "\"");
  }

  @Override
  public void close() {
    stream.close();
  }
}
