package jokku.dockeroptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.ContainerSpec;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.engine.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Options stored with docker-options:add, translated, and handed to the real engine: the engine must apply each one as docker's CLI would. */
@Tag("engine")
class DockerOptionsEngineTest {
  private final Jokku j = new Jokku();
  private final Engine engine = TestEngine.engine();
  private final Containers containers = engine.containers();
  private final String volume = j.name("jokku-test-vol");
  private final String image = "jokku-test/docker-options-" + j.runId + ":latest";

  @AfterEach
  void cleanup() {
    try {
      TestEngine.cleanup(j.runId);
      EngineFixture.forceRemoveVolume(engine, volume);
      EngineFixture.forceRemoveImage(engine, image);
    } finally {
      engine.close();
    }
  }

  private ContainerSpec baseSpec(List<String> cmd) {
    return new ContainerSpec().image(TestImages.busybox()).cmd(cmd).labels(Map.of(TestEngine.LABEL, j.runId));
  }

  private Map<String, Object> inspect(String id) {
    return EngineFixture.containerDocument(engine, id);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> m, String key) {
    return (Map<String, Object>) m.get(key);
  }

  @Test
  void deployOptions_areAppliedByTheEngine() throws IOException {
    String net = j.name("jokku-test-net");
    engine.createNetwork(jokku.engine.NetworkSpec.plain(net, Map.of(TestEngine.LABEL, j.runId)));
    Path dir = Jokku.tempDir("jokku-bind-");
    Files.writeString(dir.resolve("marker"), "from-the-host");
    Files.createDirectories(j.root.resolve("api"));
    List<String> options = List.of("--network " + net, "-p 127.0.0.1::8080", "-p 127.0.0.1::5353/udp",
        "-v " + dir + ":/data:ro", "--volume=" + volume + ":/cache", "--restart=on-failure:3", "--memory 64m", "--cpus 0.5",
        "--label com.example.team=core", "--init", "--log-driver json-file", "--log-opt max-size=1m", "--log-opt=max-file=2",
        "--add-host db.internal:10.1.2.3", "-e 'GREETING=hello world'", "--cap-add NET_ADMIN", "--cap-drop=MKNOD",
        "--ulimit nofile=512:1024", "--shm-size 16m");
    String script = "grep db.internal /etc/hosts; echo \"G=$GREETING\"; cat /data/marker; echo; ulimit -n; "
        + "cat /proc/1/cmdline | tr '\\0' ' '; echo; df -k /dev/shm | tail -1; touch /cache/ok && echo cache-writable";
    for (String option : options) {
      Jokku.Result added = j.run("docker-options:add", "api", "deploy", option);
      assertEquals(0, added.code(), added.toString());
    }
    ContainerSpec body = new DockerOptions(new jokku.store.Store(j.root, j.lib)).applyDeploy("api", "web", baseSpec(List.of("sh", "-c", script)));

    String id = containers.create(j.name("opts"), body);
    containers.start(id);
    assertEquals(0, containers.await(id));
    String logs = containers.logs(id);
    assertTrue(logs.contains("10.1.2.3\tdb.internal") || logs.contains("10.1.2.3 db.internal"), logs);
    assertTrue(logs.contains("G=hello world\n"), logs);
    assertTrue(logs.contains("from-the-host\n"), logs);
    assertTrue(logs.contains("\n512\n"), logs);
    assertTrue(logs.contains("docker-init"), logs);
    assertTrue(logs.contains(" 16384 "), logs);
    assertTrue(logs.contains("cache-writable"), logs);

    Map<String, Object> c = inspect(id);
    Map<String, Object> host = at(c, "HostConfig");
    assertEquals(net, host.get("NetworkMode"));
    assertTrue(at(at(c, "NetworkSettings"), "Networks").containsKey(net));
    assertEquals(java.util.Set.of(dir + ":/data:ro", volume + ":/cache"), java.util.Set.copyOf((List<?>) host.get("Binds")));
    assertEquals("{\"MaximumRetryCount\":3,\"Name\":\"on-failure\"}", Json.write(new java.util.TreeMap<>(at(host, "RestartPolicy"))));
    assertEquals(64L << 20, ((Number) host.get("Memory")).longValue());
    assertEquals(500_000_000L, ((Number) host.get("NanoCpus")).longValue());
    assertEquals(true, host.get("Init"));
    assertEquals("json-file", at(host, "LogConfig").get("Type"));
    assertEquals(Map.of("max-size", "1m", "max-file", "2"), at(host, "LogConfig").get("Config"));
    assertEquals(List.of("db.internal:10.1.2.3"), host.get("ExtraHosts"));
    assertEquals(List.of("NET_ADMIN"), host.get("CapAdd"));
    assertEquals(List.of("MKNOD"), host.get("CapDrop"));
    assertEquals(16L << 20, ((Number) host.get("ShmSize")).longValue());
    assertEquals("[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]", Json.write(at(host, "PortBindings").get("8080/tcp")));
    assertEquals("[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]", Json.write(at(host, "PortBindings").get("5353/udp")));
    Map<String, Object> config = at(c, "Config");
    assertEquals("core", at(config, "Labels").get("com.example.team"));
    assertTrue(((List<?>) config.get("Env")).contains("GREETING=hello world"));
    assertTrue(at(config, "ExposedPorts").containsKey("8080/tcp"));
    assertTrue(at(config, "ExposedPorts").containsKey("5353/udp"));
  }

  @Test
  void publishedPort_answersOnTheHost() throws Exception {
    ContainerSpec body = OptionTranslator.apply(List.of("-p 127.0.0.1::8080"), Phase.RUN,
        baseSpec(List.of("httpd", "-f", "-p", "8080", "-h", "/")), k -> null);
    String id = containers.create(j.name("web"), body);
    containers.start(id);
    Map<String, Object> ports = at(at(inspect(id), "NetworkSettings"), "Ports");
    Map<?, ?> binding = (Map<?, ?>) ((List<?>) ports.get("8080/tcp")).get(0);
    assertEquals("127.0.0.1", binding.get("HostIp"));
    int hostPort = Integer.parseInt(String.valueOf(binding.get("HostPort")));
    // the engine's proxy accepts before httpd listens: poll (generously) until httpd itself answers
    String reply = "";
    long deadline = System.currentTimeMillis() + 60_000;
    while (!reply.startsWith("HTTP/1.") && System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket("127.0.0.1", hostPort)) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write("GET /etc/hostname HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      } catch (IOException notYet) {
        reply = "";
      }
      if (!reply.startsWith("HTTP/1.")) Thread.sleep(100);
    }
    assertTrue(reply.startsWith("HTTP/1.0 200") || reply.startsWith("HTTP/1.1 200"), reply);
  }

  @Test
  void buildOptions_areAppliedByTheEngineBuild() throws IOException {
    BuildParams p = OptionTranslator.build(List.of("--build-arg GREETING=hi", "--build-arg TOKEN", "--add-host db.internal:10.1.2.3",
        "--label com.example.built=yes", "--network host", "--no-cache"), Map.of("TOKEN", "t0k")::get);
    p.labels().put(TestEngine.LABEL, j.runId);
    String dockerfile = "FROM " + TestImages.busybox() + "\nARG GREETING\nARG TOKEN\n"
        + "RUN [ \"$GREETING\" = hi ] && [ \"$TOKEN\" = t0k ] && grep -q db.internal /etc/hosts\n";
    byte[] tar = TestImages.tar(Map.of("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8)));
    EngineFixture.Build b = EngineFixture.build(engine, "rm=1&forcerm=1&t=" + Engine.enc(image) + "&" + p.query(), tar);
    String log = b.log();
    assertEquals(200, b.status(), log);
    assertFalse(log.contains("\"error\""), log);
    Map<String, Object> img = EngineFixture.imageDocument(engine, image).orElseThrow();
    assertEquals("yes", at(at(img, "Config"), "Labels").get("com.example.built"));
  }
}
