package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real nginx (Debian's) managed by jokku on a random loopback port, one per test (each test has its own
 * DOKKU_LIB_ROOT), fronting loopback HTTP servers through static web listeners: no container involved.
 */
@Tag("engine")
class ProxyNginxTest {
  private Jokku j;
  private Store store;
  private int port;
  private LoopbackApps apps;
  private final Map<String, String> lastHost = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() {
    j = new Jokku();
    apps = new LoopbackApps(j);
    store = new Store(j.root, j.lib);
    port = Http.proxyOnLoopback(j);
    j.ok("domains:set-global", "jokku.test");
  }

  @AfterEach
  void tearDown() {
    apps.close();
  }


  /** A loopback HTTP server answering {@code body}, and the app (folder + static web listener) fronting it. */
  private int serve(String app, String body) throws IOException {
    return apps.serve(app, ex -> {
      lastHost.put(app, ex.getRequestHeaders().getFirst("Host") + " " + ex.getRequestHeaders().getFirst("X-Forwarded-For"));
      return body;
    });
  }

  private Http.Response get(String host) {
    return Http.get(port, host, "/");
  }

  @Test
  void staticWebListenerWithNoContainer() throws IOException {
    int backend = serve("api", "hello from the host");
    Result r = j.ok("proxy:build-config", "api");
    assertEquals("-----> Configuring api.jokku.test...(using built-in template)\n-----> Creating http nginx.conf\n       Starting nginx\n", r.out());
    assertEquals(new Http.Response(200, "hello from the host"), get("api.jokku.test"));
    assertEquals("api.jokku.test 127.0.0.1", lastHost.get("api"), "Host and X-Forwarded-For reach the app");
    assertEquals("http://api.jokku.test:" + port + "\n", j.ok("urls", "api").out());
    assertEquals("http://api.jokku.test:" + port + "\n", j.ok("url", "api").out());
    assertEquals("true\n", j.ok("proxy:report", "--global", "--proxy-nginx-running").out());

    apps.stop(backend);
    Http.Response down = get("api.jokku.test");
    assertEquals(502, down.status());
    assertTrue(down.body().contains("The app is not answering right now"), "Dokku's error page: " + down.body());
  }

  @Test
  void twoAppsOnTwoDomains_andDomainChangesApplyAtOnce() throws IOException {
    serve("one", "app one");
    serve("two", "app two");
    j.ok("domains:set", "one", "one.example.test");
    j.ok("domains:set", "two", "two.example.test");
    j.ok("proxy:build-config", "one");
    j.ok("proxy:build-config", "two");
    assertEquals(new Http.Response(200, "app one"), get("one.example.test"));
    assertEquals(new Http.Response(200, "app two"), get("two.example.test"));

    Result r = j.ok("domains:add", "two", "www.two.example.test");
    assertTrue(r.out().endsWith("-----> Creating http nginx.conf\n       Reloading nginx\n"), r.out());
    assertEquals(new Http.Response(200, "app two"), get("www.two.example.test"));
    j.ok("domains:remove", "two", "www.two.example.test");
    assertEquals("app one", get("www.two.example.test").body(), "an unknown host goes to the first server, as in Dokku");
  }

  @Test
  void proxyDisableRemovesTheAppAndEnableBringsItBack() throws IOException {
    serve("keeper", "keeper");
    serve("api", "api");
    j.ok("proxy:build-config", "keeper");
    j.ok("proxy:build-config", "api");
    assertEquals("api", get("api.jokku.test").body());

    Result r = j.ok("proxy:disable", "api");
    assertEquals("-----> Disabling proxy for app\n-----> Nginx support is disabled for app (api)\n       Deleted nginx.conf\n       Reloading nginx\n", r.out());
    assertFalse(Files.exists(Http.nginxConf(j, "api")));
    assertNotEquals("api", get("api.jokku.test").body());
    assertEquals("keeper", get("keeper.jokku.test").body());
    assertEquals("false\n", j.ok("proxy:report", "api", "--proxy-enabled").out());
    assertEquals("true\n", j.ok("proxy:report", "api", "--proxy-computed-disabled").out());
    assertEquals("true\n", j.ok("proxy:report", "api", "--proxy-disabled").out());
    assertEquals("false\n", j.ok("proxy:report", "keeper", "--proxy-computed-disabled").out());
    assertEquals("\n", j.ok("proxy:report", "keeper", "--proxy-disabled").out(), "Dokku's raw values are empty when unset");
    assertEquals("\n", j.ok("proxy:report", "keeper", "--proxy-type").out());
    assertEquals("\n", j.ok("proxy:report", "keeper", "--proxy-global-type").out());
    assertEquals("nginx\n", j.ok("proxy:report", "keeper", "--proxy-computed-type").out());
    assertEquals("nginx\n", j.ok("proxy:report", "--global", "--proxy-computed-type").out());
    assertEquals("http://" + store.property("network", "api", "static-web-listener") + "\n", j.ok("urls", "api").out(), "without the proxy, the listeners");

    j.ok("proxy:enable", "api");
    assertEquals("api", get("api.jokku.test").body());
  }

  @Test
  void brokenConfigIsRejectedAndThePreviousOneStaysLive() throws IOException {
    serve("other", "other");
    serve("api", "v1");
    j.ok("proxy:build-config", "other");
    j.ok("proxy:build-config", "api");
    String before = Files.readString(Http.nginxConf(j, "api"));
    Files.createDirectories(j.root.resolve("api/nginx.conf.d"));
    Files.writeString(j.root.resolve("api/nginx.conf.d/broken.conf"), "garbage here;\n");

    Result r = j.run("domains:add", "api", "new.example.test");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().startsWith(" !     nginx rejected the configuration of api, the previous one stays live: unknown directive \"garbage\" in "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(before, Files.readString(Http.nginxConf(j, "api")), "the previous file is restored");
    assertEquals("v1", get("api.jokku.test").body());
    assertEquals("other", get("other.jokku.test").body(), "other apps keep serving");

    Files.delete(j.root.resolve("api/nginx.conf.d/broken.conf"));
    j.ok("proxy:build-config", "api");
    assertEquals("v1", get("new.example.test").body());
  }

  @Test
  void anUnchangedConfigDoesNotReloadNginx_aChangedOneDoes() throws IOException {
    serve("api", "v1");
    j.ok("proxy:build-config", "api");
    java.util.Set<Long> workers = workers();
    assertFalse(workers.isEmpty());

    Result again = j.ok("proxy:build-config", "api");
    assertEquals("-----> Configuring api.jokku.test...(using built-in template)\n-----> Creating http nginx.conf\n       nginx.conf unchanged, nginx not reloaded\n", again.out());
    assertEquals(workers, workers(), "the same workers: nginx was not reloaded");
    assertEquals("v1", get("api.jokku.test").body());

    Result changed = j.ok("domains:add", "api", "www.example.test");
    assertTrue(changed.out().endsWith("-----> Creating http nginx.conf\n       Reloading nginx\n"), changed.out());
    Http.nginxWorkers(j, workers); // new workers after a real change (fails if the old ones stay)
    assertEquals("v1", get("www.example.test").body());

    java.util.Set<Long> before = workers();
    Files.createDirectories(j.root.resolve("api/nginx.conf.d"));
    Files.writeString(j.root.resolve("api/nginx.conf.d/header.conf"), "add_header X-Custom yes;\n");
    assertTrue(j.ok("proxy:build-config", "api").out().endsWith("       Reloading nginx\n"), "a new nginx.conf.d file is loaded");
    Http.nginxWorkers(j, before);
    java.util.Set<Long> after = workers();
    assertTrue(j.ok("proxy:build-config", "api").out().endsWith("       nginx.conf unchanged, nginx not reloaded\n"));
    assertEquals(after, workers());
  }

  /**
   * A deploy's second build ({@link ProxyService#buildUnchanged}) prints what a build prints, without reloading, when
   * the file nginx confirmed is still on disk; a file changed meanwhile, or no build of the app by this instance
   * before, makes it a full build.
   */
  @Test
  void buildUnchangedConfirmsTheLastBuild_orBuildsWhenTheFileChanged() throws IOException {
    serve("api", "v1");
    j.ok("proxy:build-config", "api");
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps = new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8);
    ProxyService proxy = new ProxyService(store, new jokku.Out(ps, ps, false));
    String lines = "-----> Configuring api.jokku.test...(using built-in template)\n-----> Creating http nginx.conf\n";

    proxy.buildUnchanged("api"); // nothing built by this instance yet: a build, which finds the file unchanged
    assertEquals(lines + "       nginx.conf unchanged, nginx not reloaded\n", printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    java.util.Set<Long> workers = workers();
    printed.reset();
    proxy.buildUnchanged("api");
    assertEquals(lines + "       nginx.conf unchanged, nginx not reloaded\n", printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(workers, workers(), "not reloaded");

    String written = Files.readString(j.root.resolve("api/nginx.conf"));
    Files.writeString(j.root.resolve("api/nginx.conf"), written.replace("server ", "server  "));
    printed.reset();
    proxy.buildUnchanged("api");
    assertEquals(lines + "       Reloading nginx\n", printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(written, Files.readString(j.root.resolve("api/nginx.conf")), "rendered and written again");
    Http.nginxWorkers(j, workers);
    assertEquals("v1", get("api.jokku.test").body());
  }

  /** The running nginx's settled worker pids (see {@link Http#nginxWorkers}). */
  private java.util.Set<Long> workers() {
    return Http.nginxWorkers(j, java.util.Set.of());
  }

  @Test
  void withoutListenersAConfiguredAppAnswers502() throws IOException {
    serve("api", "v1");
    j.ok("proxy:build-config", "api");
    j.ok("network:set", "api", "static-web-listener");
    Result r = j.ok("proxy:build-config", "api");
    assertEquals(" !     No web listeners specified for api\n", r.err());
    assertEquals(502, get("api.jokku.test").status());
    assertTrue(Files.readString(Http.nginxConf(j, "api")).contains("return 502;"));
  }

  @Test
  void listenChangesMoveEveryConfiguredApp() throws IOException {
    serve("api", "moved");
    j.ok("proxy:build-config", "api");
    int next = Http.freePort();
    Result r = j.ok("proxy:set", "--global", "listen", "127.0.0.1:" + next);
    assertTrue(r.out().startsWith("=====> Setting listen to 127.0.0.1:" + next + "\n"), r.out());
    assertEquals("moved", Http.get(next, "api.jokku.test", "/").body());
    assertEquals(0, get("api.jokku.test").status(), "nothing listens on the old port any more");
  }

  @Test
  void destroyRenameAndCloneFollowTheApp() throws IOException {
    serve("keeper", "keeper");
    serve("api", "api");
    serve("old", "old");
    for (String app : List.of("keeper", "api", "old")) j.ok("proxy:build-config", app);
    j.ok("domains:add", "old", "custom.example.test");

    j.ok("--force", "apps:destroy", "api");
    assertEquals("keeper", get("api.jokku.test").body(), "a destroyed app leaves nginx (unknown hosts go to the first server)");

    Result r = j.ok("apps:rename", "--skip-deploy", "old", "renamed");
    assertTrue(r.out().contains("-----> Configuring renamed.jokku.test...(using built-in template)\n"), r.out());
    assertEquals("renamed.jokku.test\ncustom.example.test\n", Files.readString(j.root.resolve("renamed/VHOST")));
    assertEquals("old", get("renamed.jokku.test").body(), "the copied static web listener is served under the new name");
    assertEquals("old", get("custom.example.test").body());
    assertEquals("keeper", get("old.jokku.test").body());

    j.ok("domains:set", "renamed", "renamed.jokku.test");
    j.ok("apps:clone", "--skip-deploy", "renamed", "copy");
    assertEquals("copy.jokku.test\n", Files.readString(j.root.resolve("copy/VHOST")));
    assertTrue(Files.readString(Http.nginxConf(j, "copy")).contains("upstream copy-"), "the clone has its own nginx.conf");
    assertEquals("old", get("copy.jokku.test").body());
    assertEquals("old", get("renamed.jokku.test").body());
  }

  @Test
  void concurrentBuildsOfDifferentAppsAllLand() throws Exception {
    List<String> apps = List.of("a1", "a2", "a3", "a4");
    for (String app : apps) serve(app, "body " + app);
    List<Thread> threads = new ArrayList<>();
    List<Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
    for (String app : apps) {
      Thread t = new Thread(() -> results.add(j.run("proxy:build-config", app)));
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();
    for (Result r : results) assertEquals(0, r.code(), r.toString());
    for (String app : apps) assertEquals("body " + app, get(app + ".jokku.test").body());
  }

  @Test
  void startAndStop() {
    assertEquals("-----> nginx is not running\n", j.ok("proxy:stop").out());
    Result r = j.ok("proxy:start");
    assertTrue(r.out().startsWith("-----> Starting nginx\n"), r.out());
    assertTrue(j.ok("proxy:start").out().startsWith("-----> nginx is already running (pid "));
    assertEquals("true\n", j.ok("proxy:report", "--global", "--proxy-nginx-running").out());
    assertEquals("-----> Stopping nginx\n", j.ok("proxy:stop").out());
    assertEquals("false\n", j.ok("proxy:report", "--global", "--proxy-nginx-running").out());
  }
}
