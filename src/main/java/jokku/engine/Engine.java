package jokku.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Engine API operations jokku uses, over one {@link DockerClient}. Knows paths and JSON shapes; nothing else. */
public final class Engine {
  private final DockerClient c;

  public Engine(DockerClient client) {
    this.c = client;
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
}
