package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import jokku.Jokku;
import jokku.Jokku.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How a rebuilt app configuration reaches a real nginx (Debian's, managed by jokku on a random loopback port): an
 * app whose listener only moved is reloaded by a signal to the master without a separate {@code nginx -t}, and
 * served at its new address once the command returns; any other change is tested first; a configuration nginx
 * refuses never replaces the one serving, and the failure is reported with the usual message. Loopback HTTP servers
 * stand in for containers (static web listeners); WatchHealTest and NetworkRebuildTest move real containers.
 */
@Tag("engine")
class NginxReloadTest {
  private static final String SKIPPED = " ?     nginx: only upstream server addresses changed, reloading without nginx -t\n";
  private static final String TESTED = " ?     nginx: nginx -t -> ok (";
  private static final String BUILT = "-----> Configuring api.jokku.test...(using built-in template)\n-----> Creating http nginx.conf\n       Reloading nginx\n";
  private Jokku j;
  private int port;
  private LoopbackApps apps;

  @BeforeEach
  void setUp() throws IOException {
    j = new Jokku();
    apps = new LoopbackApps(j);
    port = Http.proxyOnLoopback(j);
    j.ok("domains:set-global", "jokku.test");
    j.ok("apps:create", "api");
    apps.listen("api", server("v1"));
    j.ok("proxy:build-config", "api");
    assertEquals("v1", get("api.jokku.test").body());
  }

  @AfterEach
  void tearDown() {
    apps.close();
  }


  /** A loopback HTTP server answering {@code body}; its port. */
  private int server(String body) throws IOException {
    return apps.server(ex -> body);
  }

  private Http.Response get(String host) {
    return Http.get(port, host, "/");
  }

  @Test
  void aMovedListenerIsReloadedWithoutNginxTest_andServedWhenTheCommandReturns() throws IOException {
    apps.listen("api", server("v2"));
    Result r = j.ok("--trace", "proxy:build-config", "api");
    assertEquals(BUILT, r.out(), "Dokku's lines, unchanged");
    assertTrue(r.err().startsWith(SKIPPED), r.err());
    assertFalse(r.err().contains("nginx -t ->"), "no nginx -t run: " + r.err());
    assertTrue(r.err().contains(" ?     nginx: reloaded, new configuration serving ("), r.err());
    assertEquals(new Http.Response(200, "v2"), get("api.jokku.test"), "the new address serves as soon as the command returned");

    apps.listen("api", server("v3"));
    Result quiet = j.ok("proxy:build-config", "api");
    assertEquals("", quiet.err(), "trace lines only under --trace");
    assertEquals("v3", get("api.jokku.test").body());
  }

  @Test
  void theOldWorkersLeaveWhenTheCommandReturns_nginxKeepsItsWorkerCountAndLogsNoError() throws Exception {
    long master = Long.parseLong(Files.readString(j.lib.resolve("data/nginx-vhosts/_jokku/nginx.pid")).trim());
    Set<Long> before = workers(master);
    apps.listen("api", server("v2"));
    j.ok("proxy:build-config", "api");
    for (long pid : before) {
      String cmd = cmdline(pid);
      assertFalse(cmd.contains("worker process") && !cmd.contains("shutting down"), "old worker " + pid + " still accepts: " + cmd);
    }
    for (int i = 0; i < 20; i++) assertEquals("v2", get("api.jokku.test").body(), "request " + i + ", each on a new connection");
    long deadline = System.currentTimeMillis() + 10_000;
    while (!java.util.Collections.disjoint(workers(master), before) && System.currentTimeMillis() < deadline) Thread.sleep(10);
    Set<Long> after = workers(master);
    assertTrue(java.util.Collections.disjoint(after, before), "the master reaped the old workers: " + before + " → " + after);
    assertEquals(before.size(), after.size(), "no worker respawned beside the new ones: " + before + " → " + after);
    String log = Files.readString(j.lib.resolve("data/nginx-vhosts/_jokku/logs/error.log"));
    assertFalse(log.contains("[alert]") || log.contains("[emerg]") || log.contains("[crit]"), log);
  }

  private static Set<Long> workers(long master) {
    return ProcessHandle.of(master).orElseThrow().children().map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet());
  }

  private static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/cmdline")), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void anyOtherChangeIsTestedFirst() throws IOException {
    Result domain = j.ok("--trace", "domains:add", "api", "www.example.test");
    assertTrue(domain.err().contains(TESTED), domain.err());
    assertFalse(domain.err().contains("without nginx -t"), domain.err());
    assertEquals("v1", get("www.example.test").body());

    // a moved listener together with a new file in nginx.conf.d: nginx -t refuses it before nginx sees it
    Files.createDirectories(j.root.resolve("api/nginx.conf.d"));
    Files.writeString(j.root.resolve("api/nginx.conf.d/broken.conf"), "garbage here;\n");
    String before = Files.readString(Http.nginxConf(j, "api"));
    apps.listen("api", server("v2"));
    Result r = j.run("--trace", "proxy:build-config", "api");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains(" ?     nginx: nginx -t -> rejected ("), r.err());
    assertTrue(r.err().endsWith(" !     nginx rejected the configuration of api, the previous one stays live: unknown directive \"garbage\" in "
        + j.root.resolve("api/nginx.conf.d/broken.conf").toAbsolutePath() + ":1\n"), r.err());
    assertFalse(r.err().contains("reload"), "nginx was not reloaded: " + r.err());
    assertEquals(before, Files.readString(Http.nginxConf(j, "api")), "the previous file is restored");
    assertEquals("v1", get("api.jokku.test").body(), "the previous configuration serves");
  }

  @Test
  void aMoveTheMasterRefusesLeavesThePreviousConfigurationServing_withTheUsualMessage() throws IOException {
    j.ok("apps:create", "other");
    apps.listen("other", server("other"));
    j.ok("proxy:build-config", "other");
    // another app's file broken by hand: nginx refuses any configuration now, the address-only reload included
    Files.writeString(Http.nginxConf(j, "other"), "garbage here;\n", StandardOpenOption.APPEND);
    String before = Files.readString(Http.nginxConf(j, "api"));
    apps.listen("api", server("v2"));

    Result r = j.run("--trace", "proxy:build-config", "api");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().startsWith(SKIPPED), r.err());
    assertTrue(r.err().endsWith(" !     nginx rejected the configuration of api, the previous one stays live: unknown directive \"garbage\" in "
        + Http.nginxConf(j, "other").toAbsolutePath() + ":" + Files.readString(Http.nginxConf(j, "other")).lines().count() + "\n"), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.startsWith(" !     ")).count(), r.err());
    assertEquals(before, Files.readString(Http.nginxConf(j, "api")), "the previous file is restored");
    assertEquals("v1", get("api.jokku.test").body(), "nginx kept the configuration it served");
    assertEquals("other", get("other.jokku.test").body());

    Files.writeString(Http.nginxConf(j, "other"), Files.readString(Http.nginxConf(j, "other")).replace("garbage here;\n", ""));
    j.ok("proxy:build-config", "api");
    assertEquals("v2", get("api.jokku.test").body());
  }

  @Test
  void aConfigurationNginxTestAcceptsButTheMasterCannotLoadIsReported_thePreviousOneServing() throws IOException {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String before = Files.readString(Http.nginxConf(j, "api"));
      Result r = j.run("--trace", "ports:add", "api", "http:" + taken.getLocalPort() + ":5000");
      assertEquals(1, r.code(), r.toString());
      assertTrue(r.err().contains(TESTED), "nginx -t cannot see a port in use: " + r.err());
      assertTrue(r.err().endsWith(" !     nginx did not load the new configuration: bind() to 127.0.0.1:" + taken.getLocalPort()
          + " failed (98: Address already in use)\n"), r.err());
      assertEquals(before, Files.readString(Http.nginxConf(j, "api")), "the previous file is restored");
      assertEquals("v1", get("api.jokku.test").body(), "nginx kept the configuration it served");
    }
  }
}
