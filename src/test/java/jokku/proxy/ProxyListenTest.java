package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Jokku.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code proxy:set --global listen} is all or nothing: every proxied app moves with one check of the whole nginx
 * configuration and one switch of nginx, or the setting, the files and the serving nginx stay as they were. A real
 * nginx on a free port of 127.0.0.1 and 127.0.0.2 (both loopback), fronting two loopback HTTP servers.
 */
@Tag("engine")
class ProxyListenTest {
  private static final String A = "127.0.0.1";
  private static final String B = "127.0.0.2";
  private Jokku j;
  private int port;
  private LoopbackApps apps;

  @BeforeEach
  void setUp() throws IOException {
    j = new Jokku();
    apps = new LoopbackApps(j);
    port = freeOnBoth();
    j.ok("proxy:set", "--global", "listen", A + ":" + port);
    j.ok("domains:set-global", "jokku.test");
    for (String app : List.of("one", "two")) {
      j.ok("apps:create", app);
      apps.listen(app, apps.server(ex -> app));
      j.ok("proxy:build-config", app);
      assertEquals(app, get(A, app).body());
    }
  }

  @AfterEach
  void tearDown() {
    apps.close();
  }

  @Test
  void addressChangesPortStays_everyAppMovesAndNginxRestarts() {
    long master = master();
    Result r = j.ok("proxy:set", "--global", "listen", B + ":" + port);
    assertEquals("=====> Setting listen to " + B + ":" + port + "\n"
        + "-----> Configuring one.jokku.test...(using built-in template)\n-----> Creating http nginx.conf\n"
        + "-----> Configuring two.jokku.test...(using built-in template)\n-----> Creating http nginx.conf\n"
        + "       Restarting nginx\n", r.out());
    assertEquals(B + ":" + port + "\n", j.ok("proxy:report", "--global", "--proxy-global-listen").out());
    assertEquals("one", get(B, "one").body());
    assertEquals("two", get(B, "two").body());
    assertEquals(0, get(A, "one").status(), "nothing listens on the old address any more");
    assertTrue(master() != master, "nginx was restarted, not reloaded");

    j.ok("proxy:set", "--global", "listen", A + ":" + port);
    assertEquals("one", get(A, "one").body());
    assertEquals(0, get(B, "one").status());
  }

  @Test
  void newSocketInUse_nothingChangesAndTheOldNginxKeepsServing() throws IOException {
    Map<String, String> files = files();
    long master = master();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(B, port));
      Result r = j.run("proxy:set", "--global", "listen", B + ":" + port);
      assertEquals(1, r.code(), r.toString());
      assertEquals(" !     Cannot listen on " + B + ":" + port + ", listen stays " + A + ":" + port + ": nginx did not start: bind() to "
          + B + ":" + port + " failed (98: Address already in use)\n", r.err());
    }
    assertUnchanged(files);
    assertTrue(master() != master, "the restart was tried");
  }

  @Test
  void rejectedConfiguration_nothingChanges() throws IOException {
    Map<String, String> files = files();
    long master = master();
    Files.createDirectories(j.root.resolve("two/nginx.conf.d"));
    Files.writeString(j.root.resolve("two/nginx.conf.d/broken.conf"), "garbage here;\n");

    Result r = j.run("proxy:set", "--global", "listen", B + ":" + port);
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().startsWith(" !     Cannot listen on " + B + ":" + port + ", listen stays " + A + ":" + port
        + ": nginx rejected its configuration: unknown directive \"garbage\" in "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertUnchanged(files);
    assertEquals(master, master(), "nginx was not touched");
    assertEquals(0, get(B, "one").status(), "nginx opened no new socket");
    assertEquals("-----> Stopping nginx\n", j.ok("proxy:stop").out(), "a broken app file does not keep nginx from stopping");
    assertEquals(0, get(A, "one").status());
  }

  /** The setting and every app's file are as before, and nginx serves both apps on the old address. */
  private void assertUnchanged(Map<String, String> before) throws IOException {
    assertEquals(A + ":" + port + "\n", j.ok("proxy:report", "--global", "--proxy-global-listen").out());
    assertEquals(before, files());
    assertEquals("one", get(A, "one").body());
    assertEquals("two", get(A, "two").body());
  }

  private Map<String, String> files() throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String app : List.of("one", "two")) m.put(app, Files.readString(Http.nginxConf(j, app)));
    return m;
  }

  private long master() {
    return Long.parseLong(Files.exists(pidFile()) ? read(pidFile()).trim() : "0");
  }

  private java.nio.file.Path pidFile() {
    return j.lib.resolve("data/nginx-vhosts/_jokku/nginx.pid");
  }

  private static String read(java.nio.file.Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Http.Response get(String address, String app) {
    return Http.get(address, port, app + ".jokku.test", "/");
  }


  /** A port free on both loopback addresses the tests switch between. */
  private static int freeOnBoth() throws IOException {
    for (int i = 0; i < 20; i++) {
      int p = Http.freePort();
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(B, p));
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no port free on both " + A + " and " + B);
  }
}
