package jokku.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.deploy.AppJson;
import jokku.deploy.ChecksSettings;
import jokku.deploy.ImageMetadata;
import jokku.deploy.Platform;
import jokku.deploy.ProxyHook;
import jokku.deploy.Scale;
import jokku.deploy.StateFiles;
import jokku.engine.ImageConfig;
import jokku.image.Procfile;
import jokku.ports.PortMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Pure pieces of the deploy lifecycle: formation arithmetic, checks lists, create bodies, port detection, app.json. */
@Tag("unit")
class DeployUnitsTest {
  @Test
  void scaleParse_usesDokkusMessages() {
    assertEquals(Map.of("web", 2, "worker", 0), Scale.parse(List.of("web=2", "worker=0", "web=5"), false));
    assertEquals("Missing count for process type web", assertThrows(DokkuException.class, () -> Scale.parse(List.of("web"), false)).getMessage());
    assertEquals("Invalid count for process type web", assertThrows(DokkuException.class, () -> Scale.parse(List.of("web=two"), false)).getMessage());
    assertThrows(DokkuException.class, () -> Scale.parse(List.of("web=-1"), false));
  }

  @Test
  void scaleMerge_validatesAgainstTheProcfileAndAddsItsTypes() {
    Procfile procfile = Procfile.parseStrict("web: a\nworker: b\nrelease: c\n");
    Map<String, Integer> merged = Scale.merge(Map.of("web", 1), Map.of("worker", 2), procfile);
    assertEquals(Map.of("web", 1, "worker", 2), merged);
    assertEquals("clock is not a valid process name to scale up",
        assertThrows(DokkuException.class, () -> Scale.merge(Map.of("web", 1), Map.of("clock", 1), procfile)).getMessage());
    assertEquals(Map.of("web", 1), Scale.merge(Map.of("web", 1), Map.of("clock", 0), procfile).entrySet().stream()
        .filter(e -> !e.getKey().equals("worker")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertEquals(Map.of("web", 1, "clock", 3), Scale.merge(Map.of("web", 1), Map.of("clock", 3), Procfile.empty()));
  }

  @Test
  void scaleDeployOrder_putsWebFirst() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("worker", 1);
    m.put("clock", 1);
    m.put("web", 2);
    assertEquals(List.of("web", "clock", "worker"), List.copyOf(Scale.deployOrder(m).keySet()));
  }

  @Test
  void checksMove_followsDokkusListArithmetic() {
    assertArrayEquals(new String[] {"_all_", ""}, ChecksSettings.move("_all_", "web", "worker", true));
    assertArrayEquals(new String[] {"web,worker", "clock"}, ChecksSettings.move("worker", "web", "clock,worker", true));
    assertArrayEquals(new String[] {"web", ""}, ChecksSettings.move("web", "_all_", "", true));
    assertArrayEquals(new String[] {"worker", ""}, ChecksSettings.move("web", "web,worker", "", false));
  }

  @Test
  void createBody_carriesDokkusLabelsEnvRestartInitNetworkAndPorts() {
    ContainerSpecs.DeploySpec s = new ContainerSpecs.DeploySpec("api", "web", 2, "dokku/api:latest", List.of("httpd", "-p", "5000"),
        Map.of("FOO", "a b=c", "PORT", "1", "DYNO", "x"), "5000", List.of("5000/tcp", "53/udp"), "appnet", true,
        "on-failure:10", Map.of("com.jokku.test", "run1"));
    Map<String, Object> b = ContainerSpecs.createSpec(s).body();
    assertEquals("dokku/api:latest", b.get("Image"));
    assertEquals(List.of("httpd", "-p", "5000"), b.get("Cmd"));
    assertEquals(List.of("FOO=a b=c", "DYNO=web.2", "PORT=5000"), b.get("Env"));
    @SuppressWarnings("unchecked")
    Map<String, String> labels = (Map<String, String>) b.get("Labels");
    assertEquals("api", labels.get("com.dokku.app-name"));
    assertEquals("deploy", labels.get("com.dokku.container-type"));
    assertEquals("web", labels.get("com.dokku.process-type"));
    assertEquals("web.2", labels.get("com.dokku.dyno"));
    assertEquals("", labels.get("dokku"));
    assertEquals("run1", labels.get("com.jokku.test"));
    @SuppressWarnings("unchecked")
    Map<String, Object> host = (Map<String, Object>) b.get("HostConfig");
    assertEquals(true, host.get("Init"));
    assertEquals(Map.of("Name", "on-failure", "MaximumRetryCount", 10), host.get("RestartPolicy"));
    assertEquals("appnet", host.get("NetworkMode"));
    assertEquals(List.of("5000/tcp", "53/udp"), List.copyOf(((Map<?, ?>) host.get("PortBindings")).keySet()));
    assertEquals(List.of("5000/tcp", "53/udp"), List.copyOf(((Map<?, ?>) b.get("ExposedPorts")).keySet()));
  }

  @Test
  void createBody_withoutProcfileOrPublishingLeavesTheImageDefaults() {
    ContainerSpecs.DeploySpec s = new ContainerSpecs.DeploySpec("api", "worker", 1, "dokku/api:latest", List.of(), Map.of(), "", List.of(), "",
        true, "on-failure:10", Map.of());
    Map<String, Object> b = ContainerSpecs.createSpec(s).body();
    assertFalse(b.containsKey("Cmd"));
    assertFalse(b.containsKey("ExposedPorts"));
    assertFalse(((Map<?, ?>) b.get("HostConfig")).containsKey("NetworkMode"));
    assertEquals(List.of("DYNO=worker.1", "PORT="), b.get("Env"));
  }

  @Test
  void publishedPorts_areDistinctContainerPortsWithUdpKept() {
    assertEquals(List.of("5000/tcp", "5353/udp"), ContainerSpecs.publishedPorts(List.of(new PortMap("http", 80, 5000),
        new PortMap("https", 443, 5000), new PortMap("udp", 53, 5353))));
  }

  @Test
  void names_followDokku() {
    assertEquals("api.web.1", ContainerSpecs.finalName("api", "web.1"));
    assertTrue(ContainerSpecs.isUpcoming(ContainerSpecs.upcomingName("api", "web.1", 123)));
    assertFalse(ContainerSpecs.isUpcoming("api.web.1.1700000000"));
  }

  @Test
  void detectedPorts_useDokkusRules() {
    ImageConfig img = new ImageConfig("sha256:x", "/app", List.of(), List.of(), Map.of(), List.of("443/tcp", "80/tcp", "53/udp"));
    ImageMetadata m = new ImageMetadata(img, Procfile.empty(), AppJson.NONE);
    assertEquals(List.of(new PortMap("udp", 53, 53), new PortMap("http", 80, 80), new PortMap("https", 443, 443)), m.detectedPorts());
  }

  @Test
  void appJson_readsStartupChecksAndScripts() {
    AppJson a = AppJson.parse("{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"name\":\"ready\",\"path\":\"/ready\",\"attempts\":2},"
        + "{\"type\":\"liveness\",\"path\":\"/live\"}]},\"scripts\":{\"dokku\":{\"predeploy\":\"./migrate\",\"postdeploy\":\"echo done\"}}}");
    assertEquals(1, a.startupChecks("web").size());
    assertEquals("/ready", a.startupChecks("web").get(0).path());
    assertEquals(2, a.startupChecks("web").get(0).attemptsOrDefault());
    assertEquals(5, a.startupChecks("web").get(0).timeoutOrDefault());
    assertTrue(a.startupChecks("worker").isEmpty());
    assertEquals("./migrate", a.predeploy());
    assertEquals("echo done", a.postdeploy());
    assertThrows(DokkuException.class, () -> AppJson.parse("{not json"));
    assertThrows(DokkuException.class, () -> AppJson.parse("{\"healthchecks\":{\"web\":[{\"path\":\"/\",\"uptime\":3}]}}"));
  }

  @Test
  void listenerHost_isTheStaticListenersHost() {
    assertEquals("10.0.0.5", NetworkPhases.listenerHost("10.0.0.5:8080"));
    assertEquals("example.internal", NetworkPhases.listenerHost("example.internal:80"));
    assertEquals("::1", NetworkPhases.listenerHost("[::1]:80"));
    assertEquals("127.0.0.1", NetworkPhases.listenerHost("nonsense"));
  }

  @Test
  void dockerfileQuote_escapesWhatTheParserWouldInterpret() {
    assertEquals("\"[\\\"img:1\\\"]\"", jokku.image.DockerfileLabels.quote("[\"img:1\"]"));
    assertEquals("\"a\\$b\\\\c\"", jokku.image.DockerfileLabels.quote("a$b\\c"));
  }

  @Test
  void deadContainers_useDokkusFileFormatAndKeepTheFirstDeadline() throws Exception {
    java.nio.file.Path dir = jokku.Jokku.tempDir("jokku-unit-");
    jokku.store.Store store = new jokku.store.Store(dir.resolve("home"), dir.resolve("lib"));
    java.io.PrintStream nowhere = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    Platform p = Platform.of(new jokku.engine.Engine() {}, store,
        new jokku.Out(nowhere, nowhere, true), Map.of(), Map.of(), ProxyHook.none(store), false);
    Retirement r = new Retirement(p);
    long before = System.currentTimeMillis() / 1000;
    r.register("api", List.of("aaa", "bbb"), 60);
    long after = System.currentTimeMillis() / 1000;
    r.register("api", List.of("aaa"), 600);
    r.register("web", List.of("ccc"), 0);
    List<Retirement.Entry> entries = r.entries();
    assertEquals(List.of("aaa", "bbb", "ccc"), entries.stream().map(Retirement.Entry::id).toList());
    long first = entries.get(0).deadline();
    assertTrue(first >= before + 60 && first <= after + 60, "60 s from the first registration, not 600 from the second: " + first);
    assertEquals("api aaa " + entries.get(0).deadline(), store.readData("scheduler-docker-local", "", "dead-containers").split("\n")[0]);
    assertEquals(Map.of("aaa", entries.get(0).deadline(), "bbb", entries.get(1).deadline()), r.pending("api"));
  }

  @Test
  void stateFileOrder_isNumeric() {
    List<String> l = new java.util.ArrayList<>(List.of("web.10", "web.2", "worker.1", "web.1"));
    l.sort(StateFiles::compareDynos);
    assertEquals(List.of("web.1", "web.2", "web.10", "worker.1"), l);
  }
}
