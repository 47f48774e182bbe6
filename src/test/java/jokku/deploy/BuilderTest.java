package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jokku.Jokku;
import jokku.Snapshot;
import jokku.engine.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** builder:set|report, and what the null builder does to a deploy, on the real engine (and nginx for the recipe). */
@Tag("engine")
class BuilderTest {
  private final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  private void refused(int code, String message, String... args) {
    Map<String, String> before = Snapshot.of(f.j);
    assertEquals(new Jokku.Result(code, "", " !     " + message + "\n"), f.j.run(args));
    assertEquals(before, Snapshot.of(f.j), "nothing changed");
  }

  @Test
  void setAndReport_withDokkusKeysAndMessages() {
    String app = f.app("builder");
    assertEquals("=====> Setting selected to dockerfile\n", f.ok("builder:set", app, "selected", "dockerfile").out());
    assertEquals("=====> Setting selected to null\n", f.ok("builder:set", "--global", "selected", "null").out());
    assertEquals("dockerfile\n", f.ok("builder:report", app, "--builder-computed-selected").out());
    assertEquals("null\n", f.ok("builder:report", app, "--builder-global-selected").out());
    Map<String, Object> json = Json.parseObject(f.ok("builder:report", app, "--format", "json").out());
    assertEquals("dockerfile", json.get("selected"));
    assertEquals("dockerfile", json.get("builder-selected"));
    assertEquals("null", Json.parseObject(f.ok("builder:report", "--global", "--format", "json").out()).get("global-selected"));
    assertEquals("=====> Unsetting selected\n", f.ok("builder:set", app, "selected").out());
    assertEquals("null\n", f.ok("builder:report", app, "--builder-computed-selected").out(), "the global value applies");
    assertTrue(f.ok("builder:report", app).out().startsWith("=====> " + app + " builder information\n"));

    refused(1, "Invalid builder herokuish, valid builders: dockerfile, null", "builder:set", app, "selected", "herokuish");
    refused(1, "Invalid property specified, valid properties include: selected", "builder:set", app, "colour", "blue");
    refused(1, "detected is a read-only property", "builder:set", app, "detected", "dockerfile");
    refused(1, "No property specified", "builder:set", app);
    refused(20, "App ghost does not exist", "builder:set", "ghost", "selected", "null");
  }

  @Test
  void nullBuilder_skipsTheBuildAndTheAppKeepsItsImage() throws IOException {
    String app = f.app("nullbuild");
    f.ok("git:from-image", app, f.webImage("v1"));
    assertEquals("dockerfile\n", f.ok("builder:report", app, "--builder-detected").out());
    String image = f.imageId("dokku/" + app + ":latest");
    f.ok("builder:set", app, "selected", "null");
    Jokku.Result r = f.ok("git:from-image", app, f.webImage("v2"));
    assertTrue(r.out().contains("-----> Skipping build: the null builder is selected for " + app + "\n"), r.out());
    assertFalse(r.out().contains("Building " + app), r.out());
    assertEquals(image, f.imageId("dokku/" + app + ":latest"), "no new image");
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1 "), "the deploy used the image the app had");
  }

  @Test
  void dokkusProxiedAppRecipe_nullBuilderNullSchedulerStaticListener() throws IOException {
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", ex -> {
      byte[] b = "proxied\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    backend.start();
    try {
      String app = f.app("recipe");
      int backendPort = backend.getAddress().getPort();
      f.ok("builder:set", app, "selected", "null");
      f.ok("scheduler:set", app, "selected", "null");
      f.ok("network:set", app, "static-web-listener", "127.0.0.1:" + backendPort);
      Jokku.Result r = f.ok("git:from-image", app, "jokku-test/never-pulled-" + f.j.runId + ":latest");
      assertTrue(r.out().contains("Skipping build"), r.out());
      String conf = f.ok("nginx:show-config", app).out();
      assertTrue(conf.contains("  server 127.0.0.1:" + backendPort + ";\n"), conf);
      String url = f.ok("url", app).out().strip();
      int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
      String host = url.substring("http://".length(), url.lastIndexOf(':'));
      assertEquals(new jokku.proxy.Http.Response(200, "proxied\n"), jokku.proxy.Http.get(port, host, "/"));
      assertEquals(0, f.containers(app).size(), "nothing built, nothing run");
    } finally {
      backend.stop(0);
    }
  }
}
