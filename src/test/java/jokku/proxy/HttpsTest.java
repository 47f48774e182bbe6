package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.Snapshot;
import jokku.engine.Json;
import jokku.image.Tar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * certs:* on a real nginx: an app (a loopback HTTP server behind a static web listener) on free loopback ports for
 * http and https, requests made with curl trusting the generated certificate as CA, the domain as SNI and Host.
 */
@Tag("engine")
class HttpsTest {
  private static final String DOMAIN = "secure.jokku.test";
  private final Jokku j = new Jokku();
  private final Path work = Jokku.tempDir("jokku-https-");
  private int http;
  private int https;
  private final LoopbackApps apps = new LoopbackApps(j);

  @BeforeEach
  void setUp() throws IOException {
    http = Http.freePort();
    https = Http.freePort();
    j.ok("proxy:set", "--global", "listen", "127.0.0.1:" + http);
    int backend = apps.server(ex -> "app via " + ex.getRequestHeaders().getFirst("X-Forwarded-Proto"));
    j.ok("apps:create", "shop");
    j.ok("domains:set", "shop", DOMAIN);
    apps.listen("shop", backend);
    j.ok("ports:add", "shop", "https:" + https + ":5000");
    j.ok("proxy:build-config", "shop");
  }

  @AfterEach
  void tearDown() {
    apps.close();
  }


  /** curl over https to 127.0.0.1 with the domain as SNI and Host, trusting {@code ca}: exit code, headers and body. */
  private String curl(Path ca) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "10", "--cacert", ca.toString(),
        "--resolve", DOMAIN + ":" + https + ":127.0.0.1", "https://" + DOMAIN + ":" + https + "/hello"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return "exit " + p.exitValue() + "\n" + out.replace("\r\n", "\n");
  }

  private Path crt() {
    return j.root.resolve("shop/tls/server.crt");
  }

  @Test
  void generate_servesHttpsWithHsts_redirectsHttp_reportsAndRemoves() throws Exception {
    assertTrue(curl(Path.of("/etc/ssl/certs/ca-certificates.crt")).startsWith("exit 7"), "no https before a certificate");
    Result gen = j.ok("certs:generate", "shop", DOMAIN);
    assertTrue(gen.out().startsWith("-----> Installing certificate and key...\n"), gen.out());
    assertTrue(gen.out().contains("-----> Creating https nginx.conf\n"), gen.out());
    assertTrue(gen.out().contains("-----BEGIN CERTIFICATE REQUEST-----"), gen.out());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(crt().getParent())));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(crt().resolveSibling("server.key"))));

    String res = curl(crt());
    assertTrue(res.startsWith("exit 0\nHTTP/2 200") || res.startsWith("exit 0\nHTTP/1.1 200"), res);
    assertTrue(res.endsWith("\napp via https"), res);
    assertTrue(res.toLowerCase().contains("\nstrict-transport-security: max-age=15724800; includesubdomains\n"), res);

    String redirect = Http.exchange(http, "GET /path?q=1 HTTP/1.1\r\nHost: " + DOMAIN + "\r\nConnection: close\r\n\r\n");
    assertTrue(redirect.startsWith("HTTP/1.1 301"), redirect);
    assertTrue(redirect.contains("\r\nLocation: https://" + DOMAIN + ":" + https + "/path?q=1\r\n"), redirect);

    j.ok("nginx:set", "shop", "hsts-max-age", "600");
    j.ok("nginx:set", "shop", "hsts-preload", "true");
    assertTrue(curl(crt()).toLowerCase().contains("\nstrict-transport-security: max-age=600; includesubdomains; preload\n"));
    j.ok("nginx:set", "shop", "hsts", "false");
    assertFalse(curl(crt()).toLowerCase().contains("strict-transport-security"));

    assertEquals("true\n", j.ok("certs:report", "shop", "--ssl-enabled").out());
    assertEquals(DOMAIN + "\n", j.ok("certs:report", "shop", "--ssl-hostnames").out());
    assertEquals("self signed\n", j.ok("certs:report", "shop", "--ssl-verified").out());
    Map<String, Object> json = Json.parseObject(j.ok("certs:report", "shop", "--format", "json").out());
    assertEquals("true", json.get("enabled"));
    assertTrue(j.ok("certs:report", "shop").out().startsWith("=====> shop ssl information\n"));
    assertEquals(Files.readString(crt()), j.ok("certs:show", "shop", "crt").out());
    assertEquals("-----> shop has an SSL endpoint already defined\n", j.ok("certs:generate", "shop", DOMAIN).out());

    Path saved = work.resolve("ca.crt");
    Files.copy(crt(), saved);
    assertTrue(j.ok("certs:remove", "shop").out().startsWith("-----> Removing SSL endpoint from shop\n"));
    assertFalse(Files.exists(crt().getParent()));
    assertTrue(curl(saved).startsWith("exit 7"), "https is gone");
    assertEquals(new Http.Response(200, "app via http"), Http.get(http, DOMAIN, "/"), "http serves the app again");
    assertEquals("false\n", j.ok("certs:report", "shop", "--ssl-enabled").out());
    assertEquals(new Result(1, "", " !     An app-specific SSL endpoint is not defined\n"), j.run("certs:remove", "shop"));
  }

  private List<String> pair(String cn, boolean expired) throws Exception {
    Path dir = Files.createTempDirectory(work, "pair-");
    if (expired) {
      Path ks = dir.resolve("ks.p12");
      run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12",
          "-storepass", "secret", "-alias", "x", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + cn, "-startdate", "-3d", "-validity", "1");
      String crt = run("openssl", "pkcs12", "-in", ks.toString(), "-passin", "pass:secret", "-nodes", "-nokeys");
      String key = run("openssl", "pkcs12", "-in", ks.toString(), "-passin", "pass:secret", "-nodes", "-nocerts");
      return List.of(pem(crt, "CERTIFICATE"), pem(key, "PRIVATE KEY"));
    }
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("k").toString(), "-out", dir.resolve("c").toString(),
        "-days", "30", "-subj", "/CN=" + cn);
    return List.of(Files.readString(dir.resolve("c")), Files.readString(dir.resolve("k")));
  }

  private static String pem(String text, String type) {
    int a = text.indexOf("-----BEGIN " + type + "-----"), b = text.indexOf("-----END " + type + "-----");
    return text.substring(a, b + ("-----END " + type + "-----").length()) + "\n";
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + "\n" + out);
    return out;
  }

  @Test
  void addFromFilesAndTar_update_andBadPairsRefused() throws Exception {
    List<String> first = pair(DOMAIN, false);
    Files.writeString(work.resolve("a.crt"), first.get(0));
    Files.writeString(work.resolve("a.key"), first.get(1));
    j.ok("certs:add", "shop", work.resolve("a.crt").toString(), work.resolve("a.key").toString());
    assertTrue(curl(work.resolve("a.crt")).endsWith("\napp via https"));

    List<String> second = pair(DOMAIN, false);
    byte[] tar = Tar.of(new java.util.LinkedHashMap<>(Map.of("server.crt", second.get(0).getBytes(StandardCharsets.UTF_8), "server.key",
        second.get(1).getBytes(StandardCharsets.UTF_8))), 0600);
    Result update = j.runWithInput(new String(tar, StandardCharsets.UTF_8), "certs:update", "shop");
    assertEquals(0, update.code(), update.toString());
    Files.writeString(work.resolve("b.crt"), second.get(0));
    assertTrue(curl(work.resolve("b.crt")).endsWith("\napp via https"), "the updated certificate is served");

    Map<String, String> before = Snapshot.of(j.root, j.lib.resolve("config"));
    Files.writeString(work.resolve("other.key"), pair(DOMAIN, false).get(1));
    assertRefused(" !     The certificate does not match the key\n", "certs:add", "shop", work.resolve("b.crt").toString(), work.resolve("other.key").toString());
    List<String> old = pair(DOMAIN, true);
    Files.writeString(work.resolve("old.crt"), old.get(0));
    Files.writeString(work.resolve("old.key"), old.get(1));
    Result expired = j.run("certs:add", "shop", work.resolve("old.crt").toString(), work.resolve("old.key").toString());
    assertEquals(1, expired.code(), expired.toString());
    assertTrue(expired.err().matches(" !     The certificate expired on \\w{3} +\\d+ [\\d:]{8} \\d{4} GMT\n"), expired.err());
    assertRefused(" !     CRT file specified not found, please check file paths\n", "certs:add", "shop", work.resolve("nope.crt").toString(), work.resolve("a.key").toString());
    Result garbage = j.runWithInput("not a tar", "certs:add", "shop");
    assertEquals(1, garbage.code(), garbage.toString());
    assertEquals(before, Snapshot.of(j.root, j.lib.resolve("config")), "nothing changed");
    assertTrue(curl(work.resolve("b.crt")).endsWith("\napp via https"), "nginx keeps serving the installed certificate");
  }

  private void assertRefused(String err, String... args) {
    Result r = j.run(args);
    assertEquals(new Result(1, "", err), r);
  }

  @Test
  void portsAcceptHttpsMaps() {
    assertTrue(j.ok("ports:report", "shop", "--ports-map").out().contains("https:" + https + ":5000"));
    j.ok("ports:remove", "shop", "https:" + https + ":5000");
    j.ok("ports:set", "shop", "http:" + http + ":5000", "https:" + https + ":5000");
    assertEquals("http:" + http + ":5000 https:" + https + ":5000\n", j.ok("ports:report", "shop", "--ports-map").out());
  }
}
