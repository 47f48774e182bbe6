package jokku.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Engine API's swarm calls (v1.41): the swarm itself, nodes, services and tasks. Knows no app. */
public final class SwarmApi {
  private final DockerClient c;

  /** Domain code gets this from {@link Engine#swarm()}. */
  SwarmApi(DockerClient client) {
    this.c = client;
  }

  /** {@code GET /info}'s {@code Swarm} object. */
  @SuppressWarnings("unchecked")
  Map<String, Object> swarmInfo() {
    Map<String, Object> info = (Map<String, Object>) c.ok(c.call("GET", "/info", null)).json();
    Object s = info.get("Swarm");
    return s instanceof Map ? (Map<String, Object>) s : Map.of();
  }

  /** {@code GET /info}'s {@code Swarm} object, typed. */
  public SwarmInfo info() {
    return SwarmInfo.from(swarmInfo());
  }

  /** True when this engine is a manager of an active swarm (it can create services). */
  public boolean isManager() {
    Map<String, Object> s = swarmInfo();
    return "active".equals(s.get("LocalNodeState")) && Boolean.TRUE.equals(s.get("ControlAvailable"));
  }

  /** This engine's swarm state: {@code inactive}, {@code pending}, {@code active}, {@code error}, {@code locked}. */
  public String localState() {
    Object s = swarmInfo().get("LocalNodeState");
    return s == null ? "inactive" : s.toString();
  }

  /**
   * Makes this engine the manager of a new swarm listening on port 2377 (advertising {@code advertiseAddr}, overlay
   * subnets /24 out of {@code addrPool}; "" leaves either to the engine); returns the node id as the engine sends it.
   */
  public String init(String advertiseAddr, String addrPool) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ListenAddr", "0.0.0.0:2377");
    if (!advertiseAddr.isEmpty()) body.put("AdvertiseAddr", advertiseAddr);
    if (!addrPool.isEmpty()) {
      body.put("DefaultAddrPool", List.of(addrPool));
      body.put("SubnetSize", 24);
    }
    return String.valueOf(c.ok(c.call("POST", "/swarm/init", body)).json());
  }

  /** Joins this engine to the swarm managed at {@code manager} ({@code host:port}) with a join token. */
  public void join(String advertiseAddr, String manager, String token) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ListenAddr", "0.0.0.0:2377");
    if (!advertiseAddr.isEmpty()) body.put("AdvertiseAddr", advertiseAddr);
    body.put("RemoteAddrs", List.of(manager));
    body.put("JoinToken", token);
    c.ok(c.call("POST", "/swarm/join", body));
  }

  public void leave(boolean force) {
    c.ok(c.call("POST", "/swarm/leave?force=" + force, null));
  }

  /** The token a node joins with as a manager ({@code manager}) or a worker. */
  public String joinToken(boolean manager) {
    return str(swarm(), "JoinTokens", manager ? "Manager" : "Worker");
  }

  /** Sets a node's role ({@code worker}, {@code manager}), keeping the rest of its spec. */
  public void setNodeRole(String id, String role) {
    setNodeSpec(id, "Role", role);
  }

  /** Sets a node's availability ({@code active}, {@code pause}, {@code drain}), keeping the rest of its spec. */
  public void setNodeAvailability(String id, String availability) {
    setNodeSpec(id, "Availability", availability);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> swarm() {
    return (Map<String, Object>) c.ok(c.call("GET", "/swarm", null)).json();
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> nodes() {
    return (List<Map<String, Object>>) c.ok(c.call("GET", "/nodes", null)).json();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> node(String idOrName) {
    return (Map<String, Object>) c.ok(c.call("GET", "/nodes/" + Engine.enc(idOrName), null)).json();
  }

  /** The swarm's nodes, typed. */
  public List<SwarmNode> nodeList() {
    return nodes().stream().map(SwarmNode::from).toList();
  }

  /** One node, typed. */
  public SwarmNode nodeInfo(String idOrName) {
    return SwarmNode.from(node(idOrName));
  }

  /** Sets one field of a node's spec ({@code Role}, {@code Availability}), keeping the rest, at the node's current version. */
  @SuppressWarnings("unchecked")
  void setNodeSpec(String id, String key, String value) {
    Map<String, Object> n = node(id);
    Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) n.get("Spec"));
    spec.put(key, value);
    updateNode(id, version(n), spec);
  }

  void updateNode(String id, long version, Map<String, Object> spec) {
    c.ok(c.call("POST", "/nodes/" + Engine.enc(id) + "/update?version=" + version, spec));
  }

  public void removeNode(String id, boolean force) {
    c.ok(c.call("DELETE", "/nodes/" + Engine.enc(id) + "?force=" + force, null));
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> services(Map<String, List<String>> filters) {
    return (List<Map<String, Object>>) c.ok(c.call("GET", "/services?filters=" + Engine.enc(Json.write(filters)), null)).json();
  }

  /** The services matching {@code filters}, typed. */
  public List<SwarmService> serviceList(Map<String, List<String>> filters) {
    return services(filters).stream().map(SwarmService::from).toList();
  }

  /** One service by name or id, typed; empty when there is none. */
  public Optional<SwarmService> serviceInfo(String name) {
    return service(name).map(SwarmService::from);
  }

  @SuppressWarnings("unchecked")
  Optional<Map<String, Object>> service(String name) {
    DockerClient.Response r = c.call("GET", "/services/" + Engine.enc(name), null);
    if (r.status() == 404) return Optional.empty();
    return Optional.of((Map<String, Object>) c.ok(r).json());
  }

  public void createService(ServiceSpec spec) {
    createService(spec.body());
  }

  /** Updates {@code service} (at the version it was read) to {@code spec}; {@code rollback}: swarm's rollback to its previous spec. */
  public void updateService(SwarmService service, ServiceSpec spec, boolean rollback) {
    updateService(service.id(), service.version(), spec.body(), rollback);
  }

  void createService(Map<String, Object> spec) {
    c.ok(c.call("POST", "/services/create", spec));
  }

  /** {@code POST /services/{id}/update?version=N}; the engine's warnings (e.g. an image it could not resolve) are ignored. */
  void updateService(String id, long version, Map<String, Object> spec, boolean rollback) {
    String q = "/services/" + Engine.enc(id) + "/update?version=" + version + (rollback ? "&rollback=previous" : "");
    c.ok(c.call("POST", q, spec));
  }

  public void removeService(String id) {
    DockerClient.Response r = c.call("DELETE", "/services/" + Engine.enc(id), null);
    if (r.status() != 404) c.ok(r);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> tasks(Map<String, List<String>> filters) {
    return (List<Map<String, Object>>) c.ok(c.call("GET", "/tasks?filters=" + Engine.enc(Json.write(filters)), null)).json();
  }

  /** The tasks matching {@code filters}, typed. */
  public List<SwarmTask> taskList(Map<String, List<String>> filters) {
    return tasks(filters).stream().map(SwarmTask::from).toList();
  }

  /** Whether the call failed because the engine is not a swarm manager (or not in a swarm). */
  public static boolean notManager(EngineException e) {
    return e.getMessage().contains("not a swarm manager") || e.getMessage().contains("This node is not");
  }

  /** A field path in nested engine maps, or null. */
  @SuppressWarnings("unchecked")
  public static Object at(Map<String, Object> m, String... path) {
    Object cur = m;
    for (String k : path) {
      if (!(cur instanceof Map)) return null;
      cur = ((Map<String, Object>) cur).get(k);
    }
    return cur;
  }

  public static String str(Map<String, Object> m, String... path) {
    Object o = at(m, path);
    return o == null ? "" : o.toString();
  }

  public static long version(Map<String, Object> m) {
    Object v = at(m, "Version", "Index");
    return v instanceof Number n ? n.longValue() : 0;
  }
}
