package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.engine.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code network:graph} over two apps sharing a network, one behind nginx, a container jokku does not manage on the
 * shared network, and drift made by hand: rendered to SVG by the real Graphviz {@code dot} (the test reads the SVG's
 * text), and as dot, Mermaid and JSON.
 */
@Tag("engine")
class NetworkGraphTest {
  final Jokku j = new Jokku();
  final Engine engine = TestEngine.engine();
  final FakeDeploy d = new FakeDeploy(j, engine);
  String api, client, shared, initial, stranger, apiWeb1, clientWorker;

  @BeforeEach
  void twoAppsOnASharedNetwork() throws IOException {
    d.proxyOnLoopback();
    api = d.app("api");
    client = d.app("client");
    shared = d.network("shared");
    initial = d.network("init");
    d.set(api, NetworkProperty.INITIAL_NETWORK, initial);
    d.set(api, NetworkProperty.ATTACH_POST_DEPLOY, shared);
    d.set(client, NetworkProperty.ATTACH_POST_CREATE, shared);
    apiWeb1 = d.deploy(api, "web", 1);
    d.deploy(api, "web", 2);
    clientWorker = d.deploy(client, "worker", 1);
    assertEquals(0, j.run("domains:set", api, "api.example.test").code());
    Jokku.Result built = j.run("proxy:build-config", api);
    assertEquals(0, built.code(), built.toString());
    stranger = j.name("stranger");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", TestImages.busybox());
    body.put("Cmd", List.of("sleep", "3600"));
    body.put("Labels", TestEngine.labels(j.runId));
    body.put("HostConfig", Map.of("NetworkMode", shared));
    Containers cs = engine.containers();
    cs.start(EngineFixture.createContainer(engine, stranger, body));
    engine.disconnect(shared, clientWorker, false); // drift: the client left the shared network
  }

  @AfterEach
  void cleanup() {
    d.cleanup();
  }

  @Test
  void graph_rendersSvgWithGraphvizShowingAppsNetworksAliasesNginxStrangersAndDrift() throws IOException {
    Path svg = Jokku.tempDir("jokku-graph-").resolve("net.svg");
    Jokku.Result r = j.run("network:graph", api, client, "--output", svg.toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals("-----> Network graph of 2 apps written to " + svg + "\n", r.out());
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(svg)), "readable like any file");
    String text = Files.readString(svg);
    assertTrue(text.startsWith("<?xml") && text.contains("<svg"), text);
    List<String> texts = texts(text);
    for (String must : List.of("app " + api, "app " + client, "web x2", "worker x1", "network " + shared, "network " + initial,
        api + ".web", client + ".worker", "(initial)", "nginx", "api.example.test", "http:80:5000".replace("80", port()), stranger,
        "(not managed by jokku)", "network-missing")) {
      assertTrue(texts.contains(must), must + " not among the SVG's texts " + texts);
    }
    assertTrue(text.contains("stroke=\"#d1242f\"") && text.contains("stroke-dasharray"), "the drift edge is dashed red");
  }

  @Test
  void graph_dotMermaidAndJsonGoToStdout() {
    Jokku.Result dot = j.run("network:graph", api, client, "--format", "dot");
    assertEquals(0, dot.code(), dot.toString());
    assertTrue(dot.out().startsWith("digraph jokku {\n") && dot.out().endsWith("}\n"), dot.out());
    assertTrue(dot.out().contains("  \"" + api + "/web\" -> \"net:" + shared + "\" [label=\"" + api + ".web\"];\n"), dot.out());
    assertTrue(dot.out().contains("  \"" + client + "/worker\" -> \"net:" + shared + "\" [label=\"" + client + ".worker\\nnetwork-missing\", color=\"#d1242f\""), dot.out());

    Jokku.Result mermaid = j.run("network:graph", api, "--format", "mermaid");
    assertEquals(0, mermaid.code(), mermaid.toString());
    String apiId = api.replace('-', '_'), sharedId = shared.replace('-', '_');
    assertTrue(mermaid.out().startsWith("flowchart LR\n"), mermaid.out());
    assertTrue(mermaid.out().contains("    proc_" + apiId + "_web[\"web x2\"]\n"), mermaid.out());
    assertTrue(mermaid.out().contains("  proc_" + apiId + "_web ---|\"" + api + ".web\"| net_" + sharedId + "\n"), mermaid.out());
    assertTrue(mermaid.out().contains("  nginx -->|\"api.example.test<br/>http:" + port() + ":5000\"| proc_" + apiId + "_web\n"), mermaid.out());
    assertTrue(mermaid.out().contains("[\"" + stranger + "<br/>(not managed by jokku)\"] --- net_" + sharedId), mermaid.out());

    Jokku.Result json = j.run("network:graph", api, client, "--format", "json");
    assertEquals(0, json.code(), json.toString());
    Map<String, Object> m = Json.parseObject(json.out());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> apps = (List<Map<String, Object>>) m.get("apps");
    assertEquals(List.of(api, client), apps.stream().map(a -> a.get("name")).toList());
    assertEquals(initial, apps.get(0).get("initial_network"));
    assertEquals(Map.of("domains", List.of("api.example.test"), "ports", List.of("http:" + port() + ":5000")), apps.get(0).get("nginx"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> procs = (List<Map<String, Object>>) apps.get(1).get("processes");
    assertEquals(List.of(Map.of("network", "bridge", "aliases", List.of(), "initial", true),
        Map.of("network", shared, "aliases", List.of(client + ".worker"), "initial", false, "drift", "network-missing")), procs.get(0).get("networks"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> nets = (List<Map<String, Object>>) m.get("networks");
    Map<String, Object> sharedNet = nets.stream().filter(n -> n.get("name").equals(shared)).findFirst().orElseThrow();
    assertEquals(List.of(stranger), sharedNet.get("unmanaged_containers"));
    assertEquals("bridge", sharedNet.get("driver"));
  }

  @Test
  void graph_badInput() throws IOException {
    Jokku.Result ghost = j.run("network:graph", api, j.name("ghost"));
    assertEquals(20, ghost.code());
    assertEquals(" !     App " + j.name("ghost") + " does not exist\n", ghost.err());
    Path dir = Jokku.tempDir("jokku-graph-");
    Jokku.Result missing = j.run("network:graph", api, "--output", dir.resolve("no/such/g.svg").toString());
    assertEquals(1, missing.code());
    assertEquals(" !     Unable to write " + dir.resolve("no/such/g.svg") + ": folder " + dir.resolve("no/such") + " does not exist\n", missing.err());
    Jokku.Result folder = j.run("network:graph", api, "--format", "dot", "--output", dir.toString());
    assertEquals(1, folder.code());
    assertEquals(" !     Unable to write " + dir + ": it is a folder\n", folder.err());
    Path noDot = Files.createDirectories(dir.resolve("bin"));
    j.env.put("PATH", noDot.toString());
    Jokku.Result noGraphviz = j.run("network:graph", api);
    assertEquals(1, noGraphviz.code());
    assertEquals(" !     Graphviz is not installed: apt-get install graphviz (or use --format dot, mermaid or json, which need no Graphviz)\n", noGraphviz.err());
    Jokku.Result text = j.run("network:graph", api, "--format", "mermaid");
    assertEquals(0, text.code(), "text formats need no Graphviz:\n" + text);
    Jokku.Result format = j.run("network:graph", api, "--format", "gif");
    assertEquals(1, format.code());
    assertEquals(" !     Invalid --format value specified: gif (svg, png, dot, mermaid or json)\n", format.err());
  }

  private String port() {
    String listen = j.run("proxy:report", "--global").out();
    Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(listen);
    assertTrue(m.find(), listen);
    return m.group(1);
  }

  /** The text of every {@code <text>} element, entities decoded. */
  private static List<String> texts(String svg) {
    List<String> l = new ArrayList<>();
    Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
    while (m.find()) l.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#45;", "-").replace("&amp;", "&"));
    return l;
  }
}
