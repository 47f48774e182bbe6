package jokku.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Engine's event stream ({@code GET /events}) as a sequence of {@link Event}s: one dedicated connection, one JSON
 * object per line. {@link #close} may be called from another thread; it ends a blocked {@link #next} at once (the
 * socket channel is closed under it), which is how a watcher stops within a second.
 */
public final class EngineEvents implements AutoCloseable {
  /** One event: {@code type} (container, network, ...), {@code action}, the actor's id and attributes, its time. */
  public record Event(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
    public String attribute(String key) {
      return attributes.getOrDefault(key, "");
    }

    /** The engine's {@code since} value that replays this event and every later one: {@code seconds.nanoseconds}. */
    public String since() {
      return sinceOf(timeNano);
    }
  }

  private final DockerClient.Stream stream;
  private final InputStream body;
  private volatile boolean closed;

  private EngineEvents(DockerClient.Stream stream) {
    this.stream = stream;
    this.body = stream.body();
  }

  /**
   * Opens the stream of events of the given types and actions ({@code filters}: the engine's {@code type} and
   * {@code event} filters; empty lists mean all), from {@code since} ({@code seconds[.nanos]}, or "" for live only).
   * Throws {@link EngineUnreachable} when there is no engine, {@link EngineException} when it refuses.
   */
  static EngineEvents open(DockerClient client, List<String> types, List<String> actions, String since) {
    StringBuilder q = new StringBuilder("/events?");
    if (!since.isEmpty()) q.append("since=").append(Engine.enc(since)).append('&');
    Map<String, List<String>> f = new TreeMap<>();
    if (!types.isEmpty()) f.put("type", types);
    if (!actions.isEmpty()) f.put("event", actions);
    q.append(Engine.filters(f));
    DockerClient.Stream s = client.stream("GET", q.toString(), null, null);
    if (s.status >= 400) {
      String msg;
      try {
        msg = DockerClient.message(new DockerClient.Response(s.status, Map.of(), s.readAll()));
      } catch (IOException e) {
        msg = "HTTP " + s.status;
      } finally {
        s.close();
      }
      throw new EngineException(s.status, msg);
    }
    return new EngineEvents(s);
  }

  /** The next event; null when the engine ended the stream. Throws IOException when the connection broke. */
  public Event next() throws IOException {
    while (true) {
      String line = line();
      if (line == null) return null;
      if (line.isBlank()) continue;
      try {
        return parse(line);
      } catch (RuntimeException e) {
        // a line the engine never sends (not JSON): skipped rather than ending the stream
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(512);
    int c;
    while ((c = body.read()) != '\n') {
      if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
      b.write(c);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  /** An event from its JSON line (API 1.22+: Type, Action, Actor.ID, Actor.Attributes, timeNano). */
  static Event parse(String line) {
    Map<String, Object> m = Json.parseObject(line);
    Map<String, Object> actor = ContainerInfo.map(m.get("Actor"));
    Map<String, String> attrs = new TreeMap<>();
    ContainerInfo.map(actor.get("Attributes")).forEach((k, v) -> attrs.put(k, String.valueOf(v)));
    Object t = m.get("timeNano");
    long nano = t instanceof Number ? ((Number) t).longValue() : m.get("time") instanceof Number ? ((Number) m.get("time")).longValue() * 1_000_000_000L : 0;
    return new Event(NetworkInfo.str(m, "Type"), NetworkInfo.str(m, "Action"), NetworkInfo.str(actor, "ID"), attrs, nano);
  }

  /** {@code seconds.nanoseconds} (nine digits) for a time in nanoseconds since the epoch. */
  public static String sinceOf(long timeNano) {
    return (timeNano / 1_000_000_000L) + "." + String.format("%09d", timeNano % 1_000_000_000L);
  }

  public boolean closed() {
    return closed;
  }

  /** Ends the stream; safe from any thread and more than once. */
  @Override
  public void close() {
    closed = true;
    stream.close();
  }
}
