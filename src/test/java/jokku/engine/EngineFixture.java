package jokku.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What tests do on the real engine beyond jokku's own port: set-up jokku never does (a container from a raw create
 * body, a build with the test's own query), the engine's raw documents to assert on, and clean-up that ignores the
 * engine's answer. It lives in the engine's package so that no test outside it sees the client, HTTP paths or
 * request bodies below {@link Engine}: those stay package-private.
 */
public final class EngineFixture {
  private EngineFixture() {}

  /** The engine at {@code dockerHost} (null or blank: the default socket), unscoped, with this process's TLS/ssh settings. */
  public static Engine open(String dockerHost) {
    return new Engine(new DockerClient(dockerHost, null));
  }

  /** Creates a container from an Engine API create body; its id. */
  @SuppressWarnings("unchecked")
  public static String createContainer(Engine e, Map<String, Object> body) {
    Map<String, Object> r = (Map<String, Object>) e.client().ok(e.client().call("POST", "/containers/create", body)).json();
    return String.valueOf(r.get("Id"));
  }

  /** Creates a container named {@code name} from an Engine API create body; its id. */
  public static String createContainer(Engine e, String name, Map<String, Object> body) {
    return e.containers().create(name, body);
  }

  /** The engine's task objects matching {@code filters}, as sent (for what jokku does not read, e.g. published ports). */
  public static List<Map<String, Object>> swarmTasks(SwarmApi api, Map<String, List<String>> filters) {
    return api.tasks(filters);
  }

  /** The engine's service object, as sent; empty when there is none. */
  public static Optional<Map<String, Object>> swarmService(SwarmApi api, String name) {
    return api.service(name);
  }

  /** The engine's inspect document of a container; an {@link EngineException} when it does not exist. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> containerDocument(Engine e, String id) {
    return (Map<String, Object>) e.client().ok(e.client().call("GET", "/containers/" + Engine.enc(id) + "/json", null)).json();
  }

  /** The listing documents of the containers carrying every label filter (stopped ones too), unscoped. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> containerDocuments(Engine e, List<String> labels) {
    String q = "/containers/json?all=1&" + Engine.filters(Map.of("label", labels));
    return (List<Map<String, Object>>) e.client().ok(e.client().call("GET", q, null)).json();
  }

  /** Removes a container with its anonymous volumes, whatever the engine answers. */
  public static void forceRemoveContainer(Engine e, String id) {
    e.client().call("DELETE", "/containers/" + Engine.enc(id) + "?force=1&v=1", null);
  }

  /** The engine's inspect document of a network; an {@link EngineException} when it does not exist. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> networkDocument(Engine e, String nameOrId) {
    return (Map<String, Object>) e.client().ok(e.client().call("GET", "/networks/" + Engine.enc(nameOrId), null)).json();
  }

  /** Whether the engine still knows the network (any answer but 404). */
  public static boolean networkExists(Engine e, String nameOrId) {
    return e.client().call("GET", "/networks/" + Engine.enc(nameOrId), null).status() != 404;
  }

  /** Removes a network, whatever the engine answers. */
  public static void forceRemoveNetwork(Engine e, String nameOrId) {
    e.client().call("DELETE", "/networks/" + Engine.enc(nameOrId), null);
  }

  /** Ids of the images carrying every label filter, intermediate ones too, unscoped. */
  @SuppressWarnings("unchecked")
  public static List<String> imageIdsWithIntermediates(Engine e, List<String> labels) {
    String q = "/images/json?all=1&" + Engine.filters(Map.of("label", labels));
    List<String> ids = new ArrayList<>();
    for (Object o : (List<Object>) e.client().ok(e.client().call("GET", q, null)).json()) ids.add(String.valueOf(((Map<?, ?>) o).get("Id")));
    return ids;
  }

  /** Removes an image (untagging it everywhere), whatever the engine answers. */
  public static void forceRemoveImage(Engine e, String ref) {
    e.client().call("DELETE", "/images/" + Engine.enc(ref) + "?force=1", null);
  }

  /** The engine's inspect document of an image; empty when it does not exist. */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> imageDocument(Engine e, String ref) {
    DockerClient.Response r = e.client().call("GET", "/images/" + Engine.enc(ref) + "/json", null);
    if (r.status() == 404) return Optional.empty();
    return Optional.of((Map<String, Object>) e.client().ok(r).json());
  }

  /** {@code docker save} of an image: the tarball {@code POST /images/load} takes. */
  public static byte[] saveImage(Engine e, String ref) {
    return e.client().ok(e.client().call("GET", "/images/" + Engine.enc(ref) + "/get", null)).body();
  }

  /** Removes a volume, whatever the engine answers. */
  public static void forceRemoveVolume(Engine e, String name) {
    e.client().call("DELETE", "/volumes/" + Engine.enc(name), null);
  }

  /** A build's answer: the HTTP status and the whole JSON-lines log. */
  public record Build(int status, String log) {}

  /** {@code POST /build?<query>} of a tar context, read to its end. */
  public static Build build(Engine e, String query, byte[] tar) {
    try (DockerClient.Stream s = e.client().stream("POST", "/build?" + query, new ByteArrayInputStream(tar), "application/x-tar")) {
      return new Build(s.status, new String(s.readAll(), StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The engine's events of {@code types} between two unix times, as its JSON-lines text. */
  public static String events(Engine e, long since, long until, List<String> types) {
    String q = "/events?since=" + since + "&until=" + until + "&" + Engine.filters(Map.of("type", types));
    return e.client().ok(e.client().call("GET", q, null)).text();
  }
}
