package jokku.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jokku.engine.DockerClient.Response;

/** The Engine API operations jokku uses, over one {@link DockerClient}. Knows paths and JSON shapes; nothing else. */
public final class Engine {
  private final DockerClient c;
  private final List<String> scope;
  private final Supplier<DockerClient> connections;

  public Engine(DockerClient client) {
    this(client, List.of());
  }

  /**
   * An engine whose container listings only see containers carrying every {@code scope} label filter
   * ({@code key=value} or {@code key}): a jokku run with {@code JOKKU_LABELS} (a test, the demo) never finds, and
   * so never stops or removes, containers of same-named apps it did not create.
   */
  public Engine(DockerClient client, List<String> scope) {
    this(client, scope, null);
  }

  /** As above; {@code connections} makes the clients of {@link #connection()} (null: {@link DockerClient#another}). */
  public Engine(DockerClient client, List<String> scope, Supplier<DockerClient> connections) {
    this.c = client;
    this.scope = List.copyOf(scope);
    this.connections = connections;
  }

  /**
   * Another engine on a connection of its own (same address, scope and tracing), for requests made concurrently with
   * this one's; whoever asks closes its client.
   */
  public Engine connection() {
    return new Engine(connections == null ? c.another() : connections.get(), scope, connections);
  }

  /** {@code labels} plus this engine's scope: the label filters of every container listing. */
  public List<String> scoped(List<String> labels) {
    if (scope.isEmpty()) return labels;
    List<String> all = new ArrayList<>(labels);
    for (String s : scope) if (!all.contains(s)) all.add(s);
    return all;
  }

  public DockerClient client() {
    return c;
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The {@code filters} query parameter for label (and other) filters. */
  public static String filters(Map<String, List<String>> f) {
    Map<String, Object> m = new LinkedHashMap<>();
    f.forEach((k, vs) -> {
      Map<String, Object> set = new LinkedHashMap<>();
      for (String v : vs) set.put(v, Boolean.TRUE);
      m.put(k, set);
    });
    return "filters=" + enc(Json.write(m));
  }

  // ---- networks ----

  @SuppressWarnings("unchecked")
  public List<NetworkInfo> listNetworks() {
    List<NetworkInfo> l = new ArrayList<>();
    Object j = c.ok(c.call("GET", "/networks", null)).json();
    for (Object o : (List<Object>) j) l.add(NetworkInfo.from((Map<String, Object>) o));
    return l;
  }

  /** Inspects a network by exact name or id; throws {@link EngineException} with status 404 if absent. */
  @SuppressWarnings("unchecked")
  public NetworkInfo inspectNetwork(String nameOrId) {
    return NetworkInfo.from((Map<String, Object>) c.ok(c.call("GET", "/networks/" + enc(nameOrId), null)).json());
  }

  /** Creates a network from an Engine API create body; returns its id. */
  @SuppressWarnings("unchecked")
  public String createNetwork(Map<String, Object> body) {
    Map<String, Object> r = (Map<String, Object>) c.ok(c.call("POST", "/networks/create", body)).json();
    return String.valueOf(r.get("Id"));
  }

  public void removeNetwork(String nameOrId) {
    c.ok(c.call("DELETE", "/networks/" + enc(nameOrId), null));
  }

  /** Connects a container to a network, with DNS aliases (may be empty). */
  public void connect(String network, String container, List<String> aliases) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    if (!aliases.isEmpty()) endpoint.put("Aliases", aliases);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Container", container);
    body.put("EndpointConfig", endpoint);
    c.ok(c.call("POST", "/networks/" + enc(network) + "/connect", body));
  }

  public void disconnect(String network, String container, boolean force) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Container", container);
    body.put("Force", force);
    c.ok(c.call("POST", "/networks/" + enc(network) + "/disconnect", body));
  }

  // ---- containers ----

  /** Containers matching label filters ({@code key} or {@code key=value}), one request; {@code all} includes stopped ones. */
  @SuppressWarnings("unchecked")
  public List<ContainerInfo> listContainers(List<String> labels, boolean all) {
    String q = "/containers/json?all=" + (all ? "1" : "0") + "&" + filters(Map.of("label", scoped(labels)));
    List<ContainerInfo> l = new ArrayList<>();
    for (Object o : (List<Object>) c.ok(c.call("GET", q, null)).json()) l.add(ContainerInfo.fromList((Map<String, Object>) o));
    return l;
  }

  /** Inspects a container; throws {@link EngineException} 404 when it does not exist. */
  @SuppressWarnings("unchecked")
  public ContainerInfo inspectContainer(String id) {
    return ContainerInfo.fromInspect((Map<String, Object>) c.ok(c.call("GET", "/containers/" + enc(id) + "/json", null)).json());
  }

  public void stopContainer(String id, int timeoutSeconds) {
    Response r = c.call("POST", "/containers/" + enc(id) + "/stop?t=" + timeoutSeconds, null);
    if (r.status() != 304) c.ok(r);
  }

  /** Removes a container (with its anonymous volumes); a missing one is fine. */
  public void removeContainer(String id, boolean force) {
    Response r = c.call("DELETE", "/containers/" + enc(id) + "?v=1&force=" + (force ? "1" : "0"), null);
    if (r.status() != 404) c.ok(r);
  }
}
