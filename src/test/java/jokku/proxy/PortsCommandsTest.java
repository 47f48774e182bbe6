package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.ports.PortMap;
import jokku.ports.Ports;
import jokku.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ports:* through the CLI: defaults, detected and user maps, and refusals that leave everything as it was. */
@Tag("unit")
class PortsCommandsTest {
  private Jokku j;
  private Path userMap;

  @BeforeEach
  void setUp() throws IOException {
    j = new Jokku();
    j.ok("apps:create", "api");
    userMap = j.lib.resolve("config/ports/api/map");
  }


  private String computed() {
    return j.ok("ports:report", "api", "--ports-computed-map").out().strip();
  }

  @Test
  void webPortIsTheFirstNonUdpEffectiveMapsContainerPort() {
    Store store = new Store(j.root, j.lib);
    Ports ports = ProxySettings.ports(store);
    assertEquals("5000", Ports.webPort(store, "api"), "the default map's");
    j.ok("proxy:set", "--global", "listen", "127.0.0.1:8080");
    assertEquals("5000", Ports.webPort(store, "api"), "the listen port moves only the default's host port");
    ports.setDetected("api", List.of(new PortMap("udp", 53, 53), new PortMap("http", 3000, 3001)));
    assertEquals("3001", Ports.webPort(store, "api"), "the detected maps', udp skipped");
    ports.setUser("api", List.of(new PortMap("udp", 54, 54)));
    assertEquals("", Ports.webPort(store, "api"), "the user's maps win, and they have no web port");
    ports.setUser("api", List.of(new PortMap("https", 443, 4000)));
    assertEquals("4000", Ports.webPort(store, "api"));
  }

  @Test
  void defaults_detected_user() {
    assertEquals("http:80:5000", computed());
    assertEquals("[]\n", j.ok("ports:report", "api", "--ports-map-json").out(), "no user maps");
    assertEquals("=====> --global ports information\n", j.ok("ports:report", "--global").out(), "Dokku's empty global report");
    assertEquals("http:80:5000\n", j.ok("ports:report", "api", "--ports-map-detected").out(), "Dokku's detected maps fall back to the default");
    assertEquals("[{\"container_port\":5000,\"host_port\":80,\"scheme\":\"http\"}]\n", j.ok("ports:report", "api", "--ports-map-detected-json").out());
    j.ok("proxy:set", "--global", "listen", "127.0.0.1:8080");
    assertEquals("http:8080:5000", computed(), "the default host port follows the proxy's listen port");
    ProxySettings.ports(new Store(j.root, j.lib)).setDetected("api", List.of(new PortMap("http", 3000, 3000)));
    assertEquals("http:3000:3000", computed());
    j.ok("ports:set", "api", "http:80:3000");
    assertEquals("http:80:3000", computed());
    assertEquals("=====> api ports information\n"
        + "       Ports computed map:            http:80:3000\n"
        + "       Ports map:                     http:80:3000\n"
        + "       Ports map detected:            http:3000:3000\n"
        + "       Ports map detected json:       [{\"container_port\":3000,\"host_port\":3000,\"scheme\":\"http\"}]\n"
        + "       Ports map json:                [{\"container_port\":3000,\"host_port\":80,\"scheme\":\"http\"}]\n", j.ok("ports:report", "api").out());
    j.ok("ports:clear", "api");
    assertFalse(Files.exists(userMap));
    assertEquals("http:3000:3000", computed());
  }

  @Test
  void setAddRemoveList() throws IOException {
    j.ok("ports:set", "api", "http:8080:5000", "http:80:5000");
    assertEquals("http:80:5000\nhttp:8080:5000", Files.readString(userMap));
    assertEquals("-----> Port mappings for api\n"
        + "    -----> scheme  host port  container port\n"
        + "    http           80         5000\n"
        + "    http           8080       5000\n", j.ok("ports:list", "api").out());
    j.ok("ports:remove", "api", "8080");
    assertEquals("http:80:5000", Files.readString(userMap));
    j.ok("ports:add", "api", "http:9000:6000");
    assertEquals("http:80:5000 http:9000:6000", computed());
    j.ok("ports:remove", "api", "http:80:5000", "http:9000:6000");
    assertFalse(Files.exists(userMap), "removing every map falls back to the defaults");
    assertEquals("http:80:5000", computed());
    j.ok("ports:add", "api", "http:8081:5000");
    assertEquals("http:80:5000 http:8081:5000", computed(), "add keeps the default map (Dokku would drop it)");
  }

  @Test
  void badInputChangesNothing() throws IOException {
    j.ok("ports:set", "api", "http:80:5000");
    String before = Files.readString(userMap);
    String[][] bad = {
        {"ports:set", "api", "https:443:5000", "https:443:6000"},
        {"ports:set", "api", "tcp:5432:5432"},
        {"ports:add", "api", "udp:53:53"},
        {"ports:set", "api", "http:0:5000"},
        {"ports:set", "api", "http:80:65536"},
        {"ports:set", "api", "gopher:70:70"},
        {"ports:set", "api", "http:80"},
        {"ports:set", "api", "http:abc:5000"},
        {"ports:set", "api", "http:80:5000", "http:80:6000"},
        {"ports:add", "api", "http:80:6000"},
        {"ports:add", "api", "http:80:5000"},
        {"ports:set", "api", "http:8080:5000", "http:8080:5000"},
        {"ports:set", "api"},
        {"ports:remove", "api", "70000"},
    };
    for (String[] args : bad) {
      Result r = j.run(args);
      assertEquals(1, r.code(), String.join(" ", args) + "\n" + r);
      assertEquals("", r.out(), String.join(" ", args));
      assertTrue(r.err().startsWith(" !     ") && r.err().lines().count() == 1, r.err());
      assertEquals(before, Files.readString(userMap), String.join(" ", args));
    }
    assertEquals(" !     Port mappings https:443:5000 and https:443:6000 use the same host port\n",
        j.run("ports:set", "api", "https:443:5000", "https:443:6000").err());
    assertEquals(" !     Port mappings http:80:5000 and http:80:6000 use the same host port\n", j.run("ports:add", "api", "http:80:6000").err());
    assertEquals(" !     No port mapping specified\n", j.run("ports:set", "api").err());
    assertEquals(" !     Error validating all port mappings: The same scheme:host-port is being reused: http:80\n",
        j.run("ports:add", "api", "http:80:5000").err(), "a map already present is refused, as in Dokku");
    assertEquals(20, j.run("ports:set", "nope", "http:80:5000").code());
  }

  @Test
  void proxySetRefusesBadGlobalProperties() {
    for (String[] args : new String[][] {
        {"proxy:set", "--global", "bogus", "x"}, {"proxy:set", "--global", "bogus"}, {"proxy:set", "--global", "listen", "localhost:80"},
        {"proxy:set", "--global", "listen", "1.2.3.4:0"}, {"proxy:set", "--global", "type", "caddy"}, {"proxy:set", "api", "traefik"},
        {"proxy:set", "--global", "nginx-conf", "relative.conf"}, {"proxy:set", "api", "type", "caddy"}, {"proxy:set", "api", "proxy-port", "81"}}) {
      Result r = j.run(args);
      assertEquals(1, r.code(), String.join(" ", args) + "\n" + r);
      assertTrue(r.err().startsWith(" !     ") && r.err().lines().count() == 1, r.err());
    }
    assertFalse(Files.exists(j.lib.resolve("config/proxy")), "nothing written");
    assertEquals(" !     Invalid listen value 'localhost:80': 'localhost' is not an IP address (expected [address:]port, e.g. 127.0.0.1:8080)\n",
        j.run("proxy:set", "--global", "listen", "localhost:80").err());
    assertEquals(" !     Detected potential port mapping instead of proxy type\n !     Consider using ports:set command or specifying a valid proxy\n",
        j.run("proxy:set", "api", "http:80:5000").err(), "Dokku's two lines");
  }

  @Test
  void proxySetType_bothForms() {
    assertEquals("=====> Setting type to nginx\n", j.ok("proxy:set", "api", "type", "nginx").out());
    assertEquals("nginx\n", j.ok("proxy:report", "api", "--proxy-type").out());
    assertEquals("=====> Unsetting type\n", j.ok("proxy:set", "api", "type").out());
    assertEquals("\n", j.ok("proxy:report", "api", "--proxy-type").out());
    assertEquals("=====> Setting type to nginx\n", j.ok("proxy:set", "api", "nginx").out(), "the older form");
  }
}
