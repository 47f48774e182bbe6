package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Dokku's proxied-app recipe (tests/unit/proxied-app.bats) with a real nginx: an app on the {@code null} scheduler
 * whose only web listener is a service already running on this machine (here an HTTP server on loopback). A deploy
 * starts no container, builds the proxy and prints the URL that answers through nginx.
 */
@Tag("engine")
class ProxiedAppTest {
  private Jokku j;
  private int port;
  private HttpServer backend;

  @BeforeEach
  void setUp() throws IOException {
    j = new Jokku();
    port = Http.freePort();
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", ex -> {
      byte[] body = ("proxied " + ex.getRequestHeaders().getFirst("Host") + "\n").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    backend.start();
    j.ok("proxy:set", "--global", "listen", "127.0.0.1:" + port);
    j.ok("domains:set-global", "jokku.test");
  }

  @AfterEach
  void tearDown() {
    j.run("proxy:stop");
    backend.stop(0);
    TestEngine.cleanup(j.runId);
  }


  @Test
  void nullSchedulerAppIsServedThroughItsStaticWebListener() throws IOException {
    String app = j.name("proxied");
    int backendPort = backend.getAddress().getPort();
    j.ok("apps:create", app);
    assertEquals("=====> Setting selected to null\n", j.ok("scheduler:set", app, "selected", "null").out());
    j.ok("network:set", app, "static-web-listener", "127.0.0.1:" + backendPort);
    j.ok("ports:set", app, "http:" + port + ":" + backendPort);

    Result deploy = j.ok("ps:rebuild", app);
    String url = "http://" + app + ".jokku.test:" + port;
    assertTrue(deploy.out().startsWith("-----> Deploying " + app + " via the null scheduler...\n"), deploy.out());
    assertTrue(deploy.out().endsWith("=====> Application deployed:\n       " + url + "\n"), deploy.out());
    assertTrue(Files.readString(Http.nginxConf(j, app)).contains("server 127.0.0.1:" + backendPort + ";"));

    Http.Response resp = Http.get(port, app + ".jokku.test", "/");
    assertEquals(200, resp.status(), resp.body());
    assertEquals("proxied " + app + ".jokku.test", resp.body().strip());
    assertEquals(url + "\n", j.ok("urls", app).out());

    assertEquals("true", j.ok("ps:report", app, "--deployed").out().strip());
    assertEquals("0", j.ok("ps:report", app, "--processes").out().strip());
    jokku.engine.Engine engine = TestEngine.engine();
    try {
      assertEquals(0, engine.listContainers(java.util.List.of(TestEngine.LABEL + "=" + j.runId), true).size(), "the null scheduler starts no container");
    } finally {
      engine.close();
    }

    Result run = j.run("run", app, "echo", "hi");
    assertEquals(1, run.code(), run.toString());
    assertEquals(" !     App " + app + " uses the null scheduler: it has no image to run commands in\n", run.err());

    j.ok("ps:restart", app);
    assertEquals(200, Http.get(port, app + ".jokku.test", "/").status(), "still served after a restart");
  }
}
