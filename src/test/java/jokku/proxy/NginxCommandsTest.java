package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.Snapshot;
import jokku.engine.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** nginx:* on a real nginx (jokku's, on a free loopback port) fronting a loopback HTTP server as the app. */
@Tag("engine")
class NginxCommandsTest {
  private final Jokku j = new Jokku();
  private int port;
  private final LoopbackApps apps = new LoopbackApps(j);

  @BeforeEach
  void setUp() throws IOException {
    port = Http.proxyOnLoopback(j);
    int backend = apps.server(ex -> "hello " + ex.getRequestBody().readAllBytes().length + " " + ex.getRequestHeaders().getFirst("X-Forwarded-Proto"));
    j.ok("apps:create", "web");
    j.ok("domains:set", "web", "web.jokku.test");
    apps.listen("web", backend);
  }

  @AfterEach
  void tearDown() {
    apps.close();
  }


  private String conf() {
    return j.ok("nginx:show-config", "web").out();
  }

  private String post(int bytes) {
    return Http.exchange(port, "POST / HTTP/1.1\r\nHost: web.jokku.test\r\nConnection: close\r\nContent-Length: " + bytes + "\r\n\r\n" + "x".repeat(bytes));
  }

  /** The refused command: one line on stderr, exit 1, no property or app file changed, nginx still serving. */
  private void refused(String message, String... args) {
    Map<String, String> before = Snapshot.of(j.root, j.lib.resolve("config"));
    Result r = j.run(args);
    assertEquals(1, r.code(), r.toString());
    assertEquals(" !     " + message + "\n", r.err(), r.toString());
    assertEquals(before, Snapshot.of(j.root, j.lib.resolve("config")), "nothing changed");
    assertEquals(new Http.Response(200, "hello 0 http"), Http.get(port, "web.jokku.test", "/"), "nginx keeps serving");
  }

  @Test
  void setTakesEffectInTheRenderedConfigAndInNginx() {
    j.ok("nginx:build-config", "web");
    assertEquals(new Http.Response(200, "hello 0 http"), Http.get(port, "web.jokku.test", "/"));
    assertTrue(conf().contains("  client_max_body_size 1m;\n"), conf());
    assertTrue(post(2048).startsWith("HTTP/1.1 200"), "2k is under the default 1m");

    Result set = j.ok("nginx:set", "web", "client-max-body-size", "1k");
    assertTrue(set.out().startsWith("=====> Setting client-max-body-size to 1k\n"), set.out());
    assertTrue(conf().contains("  client_max_body_size 1k;\n"), conf());
    assertTrue(post(2048).startsWith("HTTP/1.1 413"), "nginx refuses a body over the new limit: " + post(2048));

    j.ok("nginx:set", "web", "x-forwarded-proto-value", "https");
    assertEquals(new Http.Response(200, "hello 0 https"), Http.get(port, "web.jokku.test", "/"));
    j.ok("nginx:set", "web", "proxy-read-timeout", "120s");
    j.ok("nginx:set", "web", "proxy-buffers", "16 8k");
    j.ok("nginx:set", "web", "underscore-in-headers", "on");
    String c = conf();
    assertTrue(c.contains("    proxy_read_timeout 120s;\n") && c.contains("    proxy_buffers 16 8k;\n") && c.contains("  underscores_in_headers on;\n"), c);

    assertEquals("=====> Unsetting client-max-body-size\n", j.ok("nginx:set", "web", "client-max-body-size").out().lines().findFirst().get() + "\n");
    assertTrue(conf().contains("  client_max_body_size 1m;\n"), conf());
    j.ok("nginx:set", "--global", "client-max-body-size", "2k");
    assertTrue(conf().contains("  client_max_body_size 2k;\n"), "a global value applies to the apps at once: " + conf());
    assertTrue(post(4096).startsWith("HTTP/1.1 413"));
  }

  @Test
  void report_appAndGlobal() {
    j.ok("nginx:set", "web", "proxy-read-timeout", "90s");
    j.ok("nginx:set", "--global", "hsts-max-age", "600");
    assertEquals("90s\n", j.ok("nginx:report", "web", "--nginx-proxy-read-timeout").out());
    assertEquals("90s\n", j.ok("nginx:report", "web", "--nginx-computed-proxy-read-timeout").out());
    assertEquals("600\n", j.ok("nginx:report", "web", "--nginx-computed-hsts-max-age").out());
    assertEquals("1m\n", j.ok("nginx:report", "web", "--nginx-computed-client-max-body-size").out());
    assertTrue(j.ok("nginx:report", "web").out().startsWith("=====> web nginx information\n"));
    Map<String, Object> json = Json.parseObject(j.ok("nginx:report", "web", "--format", "json").out());
    assertEquals("90s", json.get("proxy-read-timeout"));
    assertEquals("600", json.get("global-hsts-max-age"));
    assertFalse(json.containsKey("nginx-proxy-read-timeout"), "Dokku's nginx report has no legacy keys");
    Map<String, Object> global = Json.parseObject(j.ok("nginx:report", "--global", "--format", "json").out());
    assertEquals("600", global.get("global-hsts-max-age"));
    assertFalse(global.containsKey("proxy-read-timeout"));
  }

  @Test
  void badValues_refusedBeforeTheyAreStored() {
    j.ok("nginx:build-config", "web");
    refused("Invalid key specified, valid keys include: " + String.join(", ", NginxProperty.keys()), "nginx:set", "web", "client-max-body", "1m");
    refused("Invalid value for client-max-body-size: '10zz' (expected a size such as 1m, 512k or 1024)", "nginx:set", "web", "client-max-body-size", "10zz");
    refused("Invalid value for proxy-buffering: 'maybe' (expected on or off)", "nginx:set", "--global", "proxy-buffering", "maybe");
    refused("Invalid value for x-forwarded-for-value: '$remote_addr;evil' (expected a value or nginx variable, such as $remote_addr)",
        "nginx:set", "web", "x-forwarded-for-value", "$remote_addr;evil");
    refused("nginx rejects this value: unknown log format \"nosuch\"", "nginx:set", "web", "access-log-format", "nosuch");
    refused("nginx rejects this value: unknown \"nosuchvariable\" variable", "nginx:set", "web", "x-forwarded-port-value", "$nosuchvariable");
    Result ghost = j.run("nginx:set", "ghost", "hsts", "false");
    assertEquals(new Result(20, "", " !     App ghost does not exist\n"), ghost);
  }

  @Test
  void showConfig_validateConfig_clean() throws IOException {
    assertEquals(new Result(1, "", " !     No nginx.conf exists for web\n"), j.run("nginx:show-config", "web"));
    j.ok("nginx:build-config", "web");
    assertEquals(Files.readString(j.root.resolve("web/nginx.conf")), conf());
    assertEquals(new Result(0, "", ""), j.run("nginx:validate-config"));
    assertEquals(new Result(0, "", ""), j.run("nginx:validate-config", "web"));

    Files.writeString(j.root.resolve("web/nginx.conf"), "server { listen 127.0.0.1:" + port + "; bogus_directive on; }\n");
    Result bad = j.run("nginx:validate-config", "web");
    assertEquals(1, bad.code(), bad.toString());
    assertTrue(bad.err().startsWith(" !     Failed to validate nginx config for web. Contents below...\n"), bad.err());
    assertTrue(bad.err().endsWith(" !     nginx rejects its configuration: unknown directive \"bogus_directive\" in " + j.root.resolve("web/nginx.conf") + ":1\n"), bad.err());
    assertEquals("server { listen 127.0.0.1:" + port + "; bogus_directive on; }\n", bad.out());
    assertTrue(Files.exists(j.root.resolve("web/nginx.conf")), "kept without --clean");

    Result clean = j.run("nginx:validate-config", "--clean");
    assertEquals(0, clean.code(), clean.toString());
    assertTrue(clean.err().contains(" !     Removing invalid nginx file\n"), clean.err());
    assertFalse(Files.exists(j.root.resolve("web/nginx.conf")));
    j.ok("nginx:build-config", "web");
    assertEquals(new Http.Response(200, "hello 0 http"), Http.get(port, "web.jokku.test", "/"));
  }

  @Test
  void accessAndErrorLogs_lastLines_andFollow() throws Exception {
    j.ok("nginx:build-config", "web");
    for (int i = 0; i < 25; i++) Http.get(port, "web.jokku.test", "/req-" + i);
    String log = j.ok("nginx:access-logs", "web").out();
    assertEquals(20, log.lines().count(), log);
    assertTrue(log.lines().toList().get(19).contains("GET /req-24 HTTP/1.1"), log);
    assertTrue(log.lines().toList().get(0).contains("GET /req-5 HTTP/1.1"), log);
    assertEquals(0, j.run("nginx:error-logs", "web").code());

    ByteArrayOutputStream followed = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(followed, true, StandardCharsets.UTF_8);
    Thread t = new Thread(() -> jokku.Main.run(j.env, java.io.InputStream.nullInputStream(), sink, sink, "nginx:access-logs", "web", "-t"));
    t.start();
    long deadline = System.currentTimeMillis() + 20_000;
    while (!followed.toString(StandardCharsets.UTF_8).contains("/req-24") && System.currentTimeMillis() < deadline) Thread.sleep(50);
    Http.get(port, "web.jokku.test", "/followed");
    while (!followed.toString(StandardCharsets.UTF_8).contains("GET /followed") && System.currentTimeMillis() < deadline) Thread.sleep(50);
    t.interrupt();
    t.join(10_000);
    assertFalse(t.isAlive(), "following stops when interrupted");
    assertTrue(followed.toString(StandardCharsets.UTF_8).contains("GET /followed HTTP/1.1"), followed.toString(StandardCharsets.UTF_8));

    j.ok("nginx:set", "web", "access-log-path", "off");
    assertFalse(conf().contains("-access.log"), conf());
    assertEquals(new Result(1, "", " !     access logs are disabled for this app\n"), j.run("nginx:access-logs", "web"));
  }

  @Test
  void startStop() {
    j.ok("nginx:build-config", "web");
    assertEquals("-----> Stopping nginx\n", j.ok("nginx:stop").out());
    assertEquals(0, Http.get(port, "web.jokku.test", "/").status());
    assertTrue(j.ok("nginx:start").out().startsWith("-----> Starting nginx\n"));
    assertEquals(new Http.Response(200, "hello 0 http"), Http.get(port, "web.jokku.test", "/"));
  }
}
