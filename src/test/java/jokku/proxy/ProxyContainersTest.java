package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real engine and real nginx: web containers started here (busybox httpd, labelled with the test run), their
 * {@code CONTAINER/IP/PORT.web.N} files written as a deploy writes them, and nginx balancing over all of them.
 */
@Tag("engine")
class ProxyContainersTest {
  private Jokku j;
  private Engine engine;
  private int port;

  @BeforeEach
  void setUp() {
    j = new Jokku();
    engine = TestEngine.engine();
    port = Http.proxyOnLoopback(j);
    assertEquals(0, j.run("domains:set-global", "jokku.test").code());
  }

  @AfterEach
  void tearDown() {
    j.run("proxy:stop");
    engine.close();
    TestEngine.cleanup(j.runId);
  }

  /** Starts web.N serving "page-N" on container port 5000 and records it as a deploy does; returns its IP. */
  private String startWeb(String app, int n) throws IOException {
    Map<String, Object> labels = new LinkedHashMap<>(TestEngine.labels(j.runId));
    labels.put("com.dokku.app-name", app);
    labels.put("com.dokku.process-type", "web");
    labels.put("com.dokku.dyno", "web." + n);
    labels.put("com.dokku.container-type", "deploy");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", TestImages.busybox());
    body.put("Cmd", List.of("sh", "-c", "mkdir -p /www && echo page-" + n + " > /www/index.html && exec httpd -f -p 5000 -h /www"));
    body.put("Labels", labels);
    Containers containers = engine.containers();
    String id = EngineFixture.createContainer(engine, app + ".web." + n + "-" + j.runId, body);
    containers.start(id);
    String ip = engine.inspectContainer(id).networks().get("bridge").ip();
    Store store = new Store(j.root, j.lib);
    store.writeAppFile(app, "CONTAINER.web." + n, id + "\n");
    store.writeAppFile(app, "IP.web." + n, ip);
    store.writeAppFile(app, "PORT.web." + n, "5000");
    long deadline = System.currentTimeMillis() + 60_000; // generous: httpd starts late on a busy machine
    while (System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(ip, 5000), 200);
        return ip;
      } catch (IOException notYet) {
        pause();
      }
    }
    throw new AssertionError("httpd in " + id + " never listened");
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void networkRebuildPointsTheProxyAtTheRefreshedAddress() throws IOException {
    String app = "api";
    assertEquals(0, j.run("apps:create", app).code());
    String ip = startWeb(app, 1);
    assertEquals(0, j.run("proxy:build-config", app).code());
    assertEquals("page-1", Http.get(port, "api.jokku.test", "/").body().strip());

    new Store(j.root, j.lib).writeAppFile(app, "IP.web.1", "192.0.2.123"); // stale, as after an engine restart
    assertEquals(0, j.run("proxy:build-config", app).code());
    assertTrue(Files.readString(Http.nginxConf(j, app)).contains("server 192.0.2.123:5000;"));

    Result r = j.run("network:rebuild", app);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("-----> Creating http nginx.conf\n"), r.out());
    String conf = Files.readString(Http.nginxConf(j, app));
    assertTrue(conf.contains("server " + ip + ":5000;"), conf);
    assertEquals("page-1", Http.get(port, "api.jokku.test", "/").body().strip());
  }

  @Test
  void threeWebListenersAreAllUsed() throws IOException {
    String app = "api";
    assertEquals(0, j.run("apps:create", app).code());
    List<String> ips = new java.util.ArrayList<>();
    for (int n = 1; n <= 3; n++) ips.add(startWeb(app, n) + ":5000");

    Result r = j.run("proxy:build-config", app);
    assertEquals(0, r.code(), r.toString());
    String conf = Files.readString(Http.nginxConf(j, app));
    for (String ip : ips) assertTrue(conf.contains("  server " + ip + ";\n"), conf);

    Set<String> pages = new TreeSet<>();
    for (int i = 0; i < 30; i++) {
      Http.Response resp = Http.get(port, "api.jokku.test", "/");
      assertEquals(200, resp.status(), resp.body());
      pages.add(resp.body().strip());
    }
    assertEquals(Set.of("page-1", "page-2", "page-3"), pages, "round robin over every web container");
    assertEquals(String.join(" ", ips), j.run("proxy:report", app, "--proxy-web-listeners").out().strip());
  }
}
