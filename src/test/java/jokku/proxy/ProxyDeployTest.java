package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.TestEngine;
import jokku.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deploys (real engine, busybox httpd images) behind jokku's nginx on a free loopback port: the app answers by its
 * domain, a redeploy under a polling client loses no request, and web=3 balances over three containers.
 */
@Tag("engine")
class ProxyDeployTest {
  private Jokku j;
  private int port;
  private final List<String> tags = new ArrayList<>();

  @BeforeEach
  void setUp() {
    j = new Jokku();
    port = Http.proxyOnLoopback(j);
    j.ok("domains:set-global", "jokku.test");
  }

  @AfterEach
  void tearDown() {
    j.run("proxy:stop");
    TestEngine.cleanupWithImages(j.runId, tags);
  }


  /** An image whose web process is busybox httpd on $PORT answering "<version> <hostname>". */
  private String image(String version) {
    String tag = "jokku-test/proxy-" + j.runId + "-" + version + ":latest";
    TestImages.build(tag, Map.of(
        "Procfile", "web: sh -c 'mkdir -p /www && echo \"" + version + " $(hostname)\" > /www/index.html && exec httpd -f -p $PORT -h /www'\n",
        "Dockerfile", "FROM " + TestImages.BUSYBOX + "\nWORKDIR /app\nCOPY Procfile /app/Procfile\n"));
    tags.add(tag);
    return tag;
  }

  private String app(String prefix) {
    String app = j.name(prefix);
    j.ok("apps:create", app);
    j.ok("checks:set", app, "default-wait", "0");
    j.ok("checks:set", app, "wait-to-retire", "2");
    return app;
  }

  @Test
  void deployedAppAnswersByItsDomain() {
    String app = app("api");
    Result r = j.ok("git:from-image", app, image("v1"));
    String url = "http://" + app + ".jokku.test:" + port;
    assertTrue(r.out().contains("-----> Configuring " + app + ".jokku.test...(using built-in template)\n-----> Creating http nginx.conf\n"), r.out());
    assertTrue(r.out().endsWith("=====> Application deployed:\n       " + url + "\n"), r.out());
    Http.Response resp = Http.get(port, app + ".jokku.test", "/");
    assertEquals(200, resp.status(), resp.body());
    assertTrue(resp.body().startsWith("v1 "), resp.body());
    assertEquals(url + "\n", j.ok("url", app).out());
  }

  @Test
  void redeployUnderLoadLosesNoRequest() throws Exception {
    String app = app("swap");
    j.ok("git:from-image", app, image("v1"));
    String v2 = image("v2");
    try (Http.Poller poller = new Http.Poller(port, app + ".jokku.test", "v")) {
      j.ok("ps:restart", app);
      j.ok("git:from-image", app, v2);
      j.ok("ps:restart", app);
      poller.close();
      assertEquals(0, poller.failed.get(), "failed requests: " + poller.failures);
      assertTrue(poller.ok.get() > 0, "the poller got answers");
    }
    assertTrue(Http.get(port, app + ".jokku.test", "/").body().startsWith("v2 "), "the new version serves after the swap");
  }

  @Test
  void scaledWebIsBalancedOverEveryContainer() {
    String app = app("scale");
    j.ok("git:from-image", app, image("v1"));
    j.ok("ps:scale", app, "web=3");
    Set<String> hosts = new TreeSet<>();
    for (int i = 0; i < 30; i++) {
      Http.Response resp = Http.get(port, app + ".jokku.test", "/");
      assertEquals(200, resp.status(), resp.body());
      hosts.add(resp.body().strip());
    }
    assertEquals(3, hosts.size(), "three containers answered: " + hosts);
    assertEquals(3, j.ok("proxy:report", app, "--proxy-web-listeners").out().strip().split(" ").length);
  }
}
