package jokku.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jokku.engine.DockerClient.Response;

/**
 * The engine port: every Engine API operation jokku uses, over one {@link DockerClient}. Domain packages talk to this
 * class (and the typed calls it hands out: {@link #containers()}, {@link #images()}, {@link #execs()},
 * {@link #swarm()}) and never see HTTP paths, JSON bodies of requests they did not build or the client below; label
 * scoping of container listings happens here and only here. Not final, so a test of pure logic can fake the engine
 * here, at the port, overriding the calls it expects (real-engine tests use the real one).
 */
public class Engine implements AutoCloseable {
  private final DockerClient c;
  private final List<String> scope;
  private final Supplier<DockerClient> connections;

  Engine(DockerClient client) {
    this(client, List.of());
  }

  /** A fake engine at the port for a test of pure logic: it overrides the calls it expects; any other has no client. */
  protected Engine() {
    this(null);
  }

  /**
   * An engine whose container listings only see containers carrying every {@code scope} label filter
   * ({@code key=value} or {@code key}): a jokku run with {@code JOKKU_LABELS} (a test, the demo) never finds, and
   * so never stops or removes, containers of same-named apps it did not create.
   */
  Engine(DockerClient client, List<String> scope) {
    this(client, scope, null);
  }

  /** As above; {@code connections} makes the clients of {@link #connection()} (null: {@link DockerClient#another}). */
  Engine(DockerClient client, List<String> scope, Supplier<DockerClient> connections) {
    this.c = client;
    this.scope = List.copyOf(scope);
    this.connections = connections;
  }

  /**
   * The engine at {@code dockerHost} (null or blank: the default socket) with the TLS and ssh settings {@code env}
   * holds (see {@link DockerClient#DockerClient(String, Map, java.io.PrintStream)}), its listings scoped to
   * {@code scope}, each request traced to {@code trace} when not null.
   */
  public static Engine open(String dockerHost, Map<String, String> env, java.io.PrintStream trace, List<String> scope) {
    return new Engine(new DockerClient(dockerHost, env, trace), scope);
  }

  /** The engine {@code env}'s {@code DOCKER_HOST} names, scoped to its {@code JOKKU_LABELS}, untraced. */
  public static Engine open(Map<String, String> env) {
    return open(env.get("DOCKER_HOST"), env, null, JokkuLabels.filters(JokkuLabels.parse(env.get(JokkuLabels.VARIABLE))));
  }

  /**
   * Another engine on a connection of its own (same address, scope and tracing), for requests made concurrently with
   * this one's; whoever asks closes its client.
   */
  public Engine connection() {
    return new Engine(connections == null ? c.another() : connections.get(), scope, connections);
  }

  /** {@code labels} plus this engine's scope: the label filters of every container and image listing. */
  private List<String> scoped(List<String> labels) {
    if (scope.isEmpty()) return labels;
    List<String> all = new ArrayList<>(labels);
    for (String s : scope) if (!all.contains(s)) all.add(s);
    return all;
  }

  /** The client below the port; package-private, so nothing outside {@code engine} reaches past the port. */
  DockerClient client() {
    return c;
  }

  /** The engine's address ({@code unix:///var/run/docker.sock}, {@code ssh://...}, {@code tcp://...}). */
  public String address() {
    return c.address();
  }

  public Containers containers() {
    return new Containers(c);
  }

  public Images images() {
    return new Images(c);
  }

  public Execs execs() {
    return new Execs(c);
  }

  /** This engine's swarm: the swarm itself, nodes, services and tasks. */
  public SwarmApi swarm() {
    return new SwarmApi(c);
  }

  @Override
  public void close() {
    c.close();
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

  /** Creates a network; returns its id. */
  @SuppressWarnings("unchecked")
  public String createNetwork(NetworkSpec spec) {
    Map<String, Object> r = (Map<String, Object>) c.ok(c.call("POST", "/networks/create", spec.body())).json();
    return String.valueOf(r.get("Id"));
  }

  /**
   * The nodes a swarm-scoped network is active on (its gossip peers, as {@code hostname (address)}, in the engine's
   * order), from the manager's verbose inspect.
   */
  public List<String> networkPeers(String nameOrId) {
    Object detail = c.ok(c.call("GET", "/networks/" + enc(nameOrId) + "?verbose=true", null)).json();
    List<String> l = new ArrayList<>();
    if (detail instanceof Map<?, ?> m && m.get("Peers") instanceof List<?> peers) {
      for (Object p : peers) if (p instanceof Map<?, ?> peer) l.add(peer.get("Name") + " (" + peer.get("IP") + ")");
    }
    return l;
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

  /** Rows of {@code docker container ls -a} for the containers carrying every label filter (and this engine's scope). */
  public List<ContainerSummary> containerRows(List<String> labels) {
    return ContainerSummary.list(c, scoped(labels));
  }

  /** The container's restart policy and state; empty when it does not exist. */
  public java.util.Optional<ContainerRestarts> restarts(String id) {
    return ContainerRestarts.inspect(c, id);
  }

  /** The engine's inspect document of a container (for {@code ps:inspect}); empty when it does not exist. */
  @SuppressWarnings("unchecked")
  public java.util.Optional<Map<String, Object>> inspectDocument(String id) {
    Response r = c.call("GET", "/containers/" + enc(id) + "/json", null);
    if (r.status() == 404) return java.util.Optional.empty();
    return java.util.Optional.of((Map<String, Object>) c.ok(r).json());
  }

  /**
   * The engine's inspect document of a container with each {@code Config.Env} entry passed through {@code envEntry}
   * (e.g. to mask values); empty when the container does not exist.
   */
  @SuppressWarnings("unchecked")
  public java.util.Optional<Map<String, Object>> inspectDocument(String id, java.util.function.UnaryOperator<String> envEntry) {
    return inspectDocument(id).map(doc -> {
      if (doc.get("Config") instanceof Map<?, ?> config && config.get("Env") instanceof List<?> env) {
        List<String> out = new ArrayList<>();
        for (Object o : env) out.add(envEntry.apply(String.valueOf(o)));
        ((Map<String, Object>) config).put("Env", out);
      }
      return doc;
    });
  }

  /** Registers a wait for the container's {@code condition} ({@code next-exit}, {@code not-running}, {@code removed}). */
  public ContainerWait waitFor(String id, String condition) {
    return ContainerWait.register(c, id, condition);
  }

  /** Sizes the container's TTY; a container gone or not running is fine. */
  public void resizeTty(String id, int rows, int cols) {
    ContainerTty.resize(c, id, rows, cols);
  }

  /** The content of the regular file at {@code path} in the container, or empty when there is none. */
  public java.util.Optional<byte[]> readFile(String id, String path) {
    return ContainerArchive.readFile(c, id, path);
  }

  /** Extracts a tar archive into the folder {@code path} of a (created) container. */
  public void putArchive(String id, String path, byte[] tar) {
    c.ok(c.callBytes("PUT", "/containers/" + enc(id) + "/archive?path=" + enc(path), tar, "application/x-tar"));
  }

  /** The container's log lines with timestamps (following it when {@code follow}); close them when done. */
  public LogLines logLines(String id, boolean follow, int tail, String since) {
    DockerClient.Stream s = LogLines.open(c, id, follow, tail, since);
    return new LogLines(s.body(), s);
  }

  /** The engine's events of {@code types} and {@code actions} (empty: all) from {@code since} ("" for live only). */
  public EngineEvents events(List<String> types, List<String> actions, String since) {
    return EngineEvents.open(c, types, actions, since);
  }

  /** Ids of images carrying every label filter (and this engine's scope), only the untagged ones when {@code dangling}. */
  public List<String> imageIds(List<String> labels, boolean dangling) {
    return new Images(c).ids(scoped(labels), dangling);
  }

  /** An image's configuration; empty when the image does not exist. */
  public java.util.Optional<ImageConfig> image(String ref) {
    return ImageConfig.inspect(c, ref);
  }

  /** Removes the containers a few side by side, as {@code docker rm -f a b c}; the first failure is thrown at the end. */
  public void removeContainers(List<String> ids, boolean force) {
    new ContainerRemover(c).removeAll(ids, force);
  }

  /** Stops (each with its own timeout) and removes the containers side by side; the failures by id. */
  public Map<String, RuntimeException> stopAndRemove(List<ContainerRemover.Retiree> containers) {
    return new ContainerRemover(c).stopAndRemoveAll(containers);
  }

  /** Removes a container (with its anonymous volumes); a missing one is fine. */
  public void removeContainer(String id, boolean force) {
    Response r = c.call("DELETE", "/containers/" + enc(id) + "?v=1&force=" + (force ? "1" : "0"), null);
    if (r.status() != 404) c.ok(r);
  }
}
