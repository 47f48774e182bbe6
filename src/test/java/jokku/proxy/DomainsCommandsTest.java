package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jokku.Jokku;
import jokku.Jokku.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** domains:* through the CLI, on Dokku's files. No app here has web listeners, so no nginx is involved. */
@Tag("unit")
class DomainsCommandsTest {
  private Jokku j;

  @BeforeEach
  void setUp() throws IOException {
    j = new Jokku();
    j.ok("apps:create", "api");
    j.ok("apps:create", "web");
  }


  private Path vhost(String app) {
    return app == null ? j.root.resolve("VHOST") : j.root.resolve(app).resolve("VHOST");
  }

  @Test
  void defaultDomainIsAppDotGlobal_evenForAppsCreatedBeforeTheGlobalDomain() throws IOException {
    assertEquals("-----> Set jokku.test\n", j.ok("domains:set-global", "jokku.test").out());
    assertEquals("jokku.test\n", Files.readString(vhost(null)));
    assertEquals("=====> api domains information\n"
        + "       Domains app enabled:           true\n"
        + "       Domains app vhosts:            api.jokku.test\n"
        + "       Domains global enabled:        true\n"
        + "       Domains global vhosts:         jokku.test\n", j.ok("domains:report", "api").out());
    assertFalse(Files.exists(vhost("api")), "defaults are worked out, not written");
    assertEquals("api.jokku.test\n", j.ok("domains:report", "api", "--domains-app-vhosts").out());
    assertEquals("{\"app-enabled\":\"true\",\"app-vhosts\":\"api.jokku.test\",\"domains-app-enabled\":\"true\",\"domains-app-vhosts\":\"api.jokku.test\","
        + "\"domains-global-enabled\":\"true\",\"domains-global-vhosts\":\"jokku.test\",\"global-enabled\":\"true\",\"global-vhosts\":\"jokku.test\"}\n",
        j.ok("domains:report", "api", "--format", "json").out());
    assertEquals("=====> --global domains information\n"
        + "       Domains global enabled:        true\n"
        + "       Domains global vhosts:         jokku.test\n", j.ok("domains:report", "--global").out());
    assertEquals("", j.ok("urls", "api").out(), "no web listener, not proxied: no URL");
    j.ok("network:set", "api", "static-web-listener", "127.0.0.1:9");
    assertEquals("http://api.jokku.test\n", j.ok("urls", "api").out());
  }

  @Test
  void addSetRemoveClearReset() throws IOException {
    j.ok("domains:set-global", "jokku.test");
    Result r = j.ok("domains:add", "api", "www.example.com", "API.jokku.test");
    assertEquals("-----> Added www.example.com to api\n-----> Skipping: api.jokku.test already added to api\n", r.out());
    assertEquals(" !     No web listeners specified for api\n", r.err());
    assertEquals("api.jokku.test\nwww.example.com\n", Files.readString(vhost("api")));
    assertEquals("-----> Set a.example.com *.b.example.com for api\n", j.ok("domains:set", "api", "a.example.com", "*.b.example.com").out());
    assertEquals("a.example.com\n*.b.example.com\n", Files.readString(vhost("api")));
    assertEquals("-----> Removed a.example.com from api\n", j.ok("domains:remove", "api", "a.example.com").out());
    assertEquals("*.b.example.com\n", Files.readString(vhost("api")));
    assertEquals("-----> Cleared domains in api\n", j.ok("domains:clear", "api").out());
    assertEquals("", Files.readString(vhost("api")));
    assertEquals("\n", j.ok("domains:report", "api", "--domains-app-vhosts").out());
    assertEquals("false\n", j.ok("domains:report", "api", "--domains-app-enabled").out());
    assertEquals("-----> Reset domains for api\n", j.ok("domains:reset", "api").out());
    assertFalse(Files.exists(vhost("api")));
    assertEquals("api.jokku.test\n", j.ok("domains:report", "api", "--domains-app-vhosts").out());
  }

  @Test
  void clearAll_clearsEveryApp() throws IOException {
    j.ok("domains:add", "api", "api.example.com");
    j.ok("domains:add", "web", "web.example.com");
    assertEquals("-----> Cleared domains in api\n-----> Cleared domains in web\n", j.ok("domains:clear", "--all").out());
    assertEquals("\n", j.ok("domains:report", "api", "--domains-app-vhosts").out());
    assertEquals("\n", j.ok("domains:report", "web", "--domains-app-vhosts").out());
    assertEquals(1, j.run("domains:clear", "--all", "api").code(), "either --all or an app");
  }

  @Test
  void globalDomains() throws IOException {
    assertEquals("-----> Added a.test\n-----> Added b.test\n", j.ok("domains:add-global", "a.test", "b.test").out());
    assertEquals("-----> Skipping a.test: already added\n", j.ok("domains:add-global", "a.test").out(), "Dokku's wording (the app form says 'Skipping: <d> already added to <app>')");
    assertEquals("api.a.test api.b.test\n", j.ok("domains:report", "api", "--domains-app-vhosts").out());
    assertEquals("-----> Removed a.test\n", j.ok("domains:remove-global", "a.test").out());
    assertEquals("b.test\n", Files.readString(vhost(null)));
    assertEquals("-----> Clearing global domains\n", j.ok("domains:clear-global").out());
    assertEquals("", Files.readString(vhost(null)));
    assertEquals("false\n", j.ok("domains:report", "--global", "--domains-global-enabled").out());
    assertEquals("\n", j.ok("domains:report", "api", "--domains-app-vhosts").out());
  }

  @Test
  void dottedAppNamesAndIpGlobalDomains() throws IOException {
    j.ok("apps:create", "www.other.org");
    j.ok("domains:set-global", "10.0.0.1", "jokku.test");
    assertEquals("www.other.org\n", j.ok("domains:report", "www.other.org", "--domains-app-vhosts").out());
    assertEquals("api.jokku.test\n", j.ok("domains:report", "api", "--domains-app-vhosts").out(), "no default domain from an IP");
  }

  @Test
  void badInputChangesNothing() throws IOException {
    j.ok("domains:set-global", "jokku.test");
    j.ok("domains:set", "web", "taken.example.com");
    j.ok("apps:create", "other");
    String before = Files.readString(vhost("web"));
    String[][] bad = {
        {"domains:add", "api", "ok.example.com", "not_valid.example.com"},
        {"domains:set", "api", "a..b"},
        {"domains:set", "api", "*"},
        {"domains:add", "api", "trail-.example.com"},
        {"domains:add", "api", "taken.example.com"},
        {"domains:add", "api", "other.jokku.test"},
        {"domains:add", "api"},
        {"domains:set-global", "bad domain"},
        {"domains:add-global", "ok.test", "x..y"},
    };
    for (String[] args : bad) {
      Result r = j.run(args);
      assertEquals(1, r.code(), String.join(" ", args) + "\n" + r);
      assertEquals("", r.out(), String.join(" ", args));
      assertTrue(r.err().startsWith(" !     ") && r.err().lines().count() == 1, r.err());
    }
    assertFalse(Files.exists(vhost("api")));
    assertEquals(before, Files.readString(vhost("web")));
    assertEquals("jokku.test\n", Files.readString(vhost(null)));
    assertEquals(" !     Invalid domain 'not_valid.example.com': the label 'not_valid' may only hold letters, digits and inner hyphens (RFC 1123)\n",
        j.run("domains:add", "api", "ok.example.com", "not_valid.example.com").err());
    assertEquals(" !     Domain other.jokku.test is already used by app other\n", j.run("domains:add", "api", "other.jokku.test").err());
    Result missing = j.run("domains:add", "nope", "a.test");
    assertEquals(20, missing.code());
    assertEquals(" !     App nope does not exist\n", missing.err());
  }

  @Test
  void urlsFollowDomainsAndPorts() {
    j.ok("domains:set-global", "jokku.test");
    j.ok("proxy:set", "--global", "listen", "127.0.0.1:8080");
    j.ok("domains:add", "api", "www.example.com");
    j.ok("ports:add", "api", "http:80:5000");
    assertEquals("", j.ok("urls", "api").out(), "no web listener yet");
    j.ok("network:set", "api", "static-web-listener", "127.0.0.1:9"); // a listener; no proxy build is triggered here
    assertEquals("http://api.jokku.test\nhttp://www.example.com\nhttp://api.jokku.test:8080\nhttp://www.example.com:8080\n",
        j.ok("urls", "api").out());
    assertEquals("http://api.jokku.test\n", j.ok("url", "api").out());
    j.ok("network:set", "api", "static-web-listener");
    j.ok("domains:clear", "api");
    j.ok("network:set", "api", "static-web-listener", "127.0.0.1:9");
    assertEquals("http://127.0.0.1\nhttp://127.0.0.1:8080\n", j.ok("urls", "api").out(), "no domain: the listen address");
    j.ok("proxy:disable", "api");
    assertEquals("http://127.0.0.1:9\n", j.ok("urls", "api").out(), "proxy disabled: the web listeners");
  }

  @Test
  void helpListsTheCommands() {
    String help = j.ok("domains:help").out();
    assertTrue(help.startsWith("Usage: dokku domains[:COMMAND]\n\nManage domains used by the proxy\n\nAdditional commands:\n"), help);
    assertTrue(help.contains("    domains:set-global <domain> [<domain> ...]     Set global domain names\n"), help);
  }
}
