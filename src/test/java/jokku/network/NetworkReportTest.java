package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jokku.Jokku;
import jokku.engine.Json;
import jokku.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NetworkReportTest {
  private final Jokku j = new Jokku();
  private final Store store = new Store(j.root, j.lib);
  private final NetworkSettings settings = new NetworkSettings(store);

  private void app(String name) {
    assertEquals(0, j.run("apps:create", name).code());
  }

  @Test
  void resolution_appThenGlobalThenDefault() {
    app("a");
    for (NetworkProperty p : NetworkProperty.values()) assertEquals(p.defaultValue, settings.computed("a", p), p.key);
    store.setProperty("network", Store.GLOBAL, "tld", "global.tld");
    store.setProperty("network", Store.GLOBAL, "bind-all-interfaces", "true");
    assertEquals("global.tld", settings.computed("a", NetworkProperty.TLD));
    assertEquals("true", settings.computed("a", NetworkProperty.BIND_ALL_INTERFACES));
    store.setProperty("network", "a", "tld", "app.tld");
    store.setProperty("network", "a", "bind-all-interfaces", "false");
    assertEquals("app.tld", settings.computed("a", NetworkProperty.TLD));
    assertEquals("false", settings.computed("a", NetworkProperty.BIND_ALL_INTERFACES));
    assertEquals("global.tld", settings.computed(Store.GLOBAL, NetworkProperty.TLD));
    // static-web-listener is app-only: a global file (written by hand) is never used
    store.setProperty("network", Store.GLOBAL, "static-web-listener", "10.0.0.1:80");
    assertEquals("", settings.computed("a", NetworkProperty.STATIC_WEB_LISTENER));
    store.setProperty("network", "a", "tld", "");
    assertEquals("global.tld", settings.computed("a", NetworkProperty.TLD));
  }

  @Test
  void appReport_matchesDokkuByteForByte() throws Exception {
    app("node-js-app");
    Files.writeString(j.root.resolve("node-js-app/IP.web.1"), "172.17.0.3");
    Files.writeString(j.root.resolve("node-js-app/PORT.web.1"), "5000");
    String expected = String.join("\n",
        "=====> node-js-app network information",
        "       Network attach post create:           ",
        "       Network attach post deploy:           ",
        "       Network bind all interfaces:          ",
        "       Network computed attach post create:  ",
        "       Network computed attach post deploy:  ",
        "       Network computed bind all interfaces: false",
        "       Network computed initial network:     ",
        "       Network computed tld:                 ",
        "       Network global attach post create:    ",
        "       Network global attach post deploy:    ",
        "       Network global bind all interfaces:   ",
        "       Network global initial network:       ",
        "       Network global tld:                   ",
        "       Network initial network:              ",
        "       Network static web listener:          ",
        "       Network tld:                          ",
        "       Network web listeners:                172.17.0.3:5000") + "\n";
    Jokku.Result r = j.run("network:report", "node-js-app");
    assertEquals(0, r.code(), r.toString());
    assertEquals(expected, r.out());
    assertEquals("", r.err());
  }

  @Test
  void globalReport_tenKeys() {
    String expected = String.join("\n",
        "=====> --global network information",
        "       Network computed attach post create:  ",
        "       Network computed attach post deploy:  ",
        "       Network computed bind all interfaces: false",
        "       Network computed initial network:     ",
        "       Network computed tld:                 ",
        "       Network global attach post create:    ",
        "       Network global attach post deploy:    ",
        "       Network global bind all interfaces:   ",
        "       Network global initial network:       ",
        "       Network global tld:                   ") + "\n";
    assertEquals(expected, j.run("network:report", "--global").out());
    // a positional app is ignored in global mode, as in Dokku
    assertEquals(expected, j.run("network:report", "whatever", "--global").out());
  }

  @Test
  void quietDropsOnlyTheHeader() {
    app("q");
    String out = j.run("--quiet", "network:report", "q").out();
    assertEquals(17, out.split("\n").length);
    assertTrue(out.startsWith("       Network attach post create:"));
  }

  @Test
  void globalJson_isDokkusExactLine() {
    Jokku.Result r = j.run("network:report", "--global", "--format", "json");
    assertEquals("{\"computed-attach-post-create\":\"\",\"computed-attach-post-deploy\":\"\",\"computed-bind-all-interfaces\":\"false\","
        + "\"computed-initial-network\":\"\",\"computed-tld\":\"\",\"global-attach-post-create\":\"\",\"global-attach-post-deploy\":\"\","
        + "\"global-bind-all-interfaces\":\"\",\"global-initial-network\":\"\",\"global-tld\":\"\",\"network-computed-attach-post-create\":\"\","
        + "\"network-computed-attach-post-deploy\":\"\",\"network-computed-bind-all-interfaces\":\"false\",\"network-computed-initial-network\":\"\","
        + "\"network-computed-tld\":\"\",\"network-global-attach-post-create\":\"\",\"network-global-attach-post-deploy\":\"\","
        + "\"network-global-bind-all-interfaces\":\"\",\"network-global-initial-network\":\"\",\"network-global-tld\":\"\"}\n", r.out());
    Map<String, Object> o = Json.parseObject(r.out());
    assertEquals(20, o.size());
    for (String appOnly : List.of("tld", "network-tld", "static-web-listener", "network-static-web-listener", "web-listeners", "attach-post-create")) {
      assertTrue(!o.containsKey(appOnly), appOnly);
    }
  }

  @Test
  void appJson_hasStrippedAndLegacyKeys() {
    app("a");
    store.setProperty("network", "a", "tld", "<svc>&co");
    Jokku.Result r = j.run("network:report", "a", "--format", "json");
    assertEquals(0, r.code(), r.toString());
    Map<String, Object> o = Json.parseObject(r.out());
    assertEquals(34, o.size());
    for (String flag : NetworkReport.flags(false)) {
      assertTrue(o.containsKey(flag.substring(2)), flag);
      assertTrue(o.containsKey(flag.substring("--network-".length())), flag);
    }
    assertTrue(r.out().contains("\"tld\":\"\\u003csvc\\u003e\\u0026co\""), r.out());
    assertEquals(List.copyOf(new TreeSet<>(o.keySet())), List.copyOf(o.keySet()), "keys sorted as Go marshals maps");
  }

  @Test
  void singleFlag_printsOnlyThatValue() {
    app("a");
    store.setProperty("network", "a", "attach-post-create", "test-network");
    assertEquals("test-network\n", j.run("network:report", "a", "--network-attach-post-create").out());
    assertEquals("\n", j.run("network:report", "a", "--network-tld").out());
    assertEquals("false\n", j.run("network:report", "--global", "--network-computed-bind-all-interfaces").out());
    assertEquals("false\n", j.run("network:report", "--network-computed-bind-all-interfaces", "--format", "stdout", "a").out());
  }

  @Test
  void badFlagsAndFormats_clearErrors() {
    app("a");
    Jokku.Result r = j.run("network:report", "a", "--network-nope");
    assertEquals(1, r.code());
    assertEquals(" !     Invalid flag passed, valid flags: " + String.join(", ", NetworkReport.flags(false)) + "\n", r.err());
    r = j.run("network:report", "--global", "--network-tld");
    assertEquals(" !     Invalid flag passed, valid flags: " + String.join(", ", NetworkReport.flags(true)) + "\n", r.err());
    r = j.run("network:report", "a", "--network-tld", "--network-initial-network");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(" !     network:report command allows only a single flag"), r.err());
    assertEquals("", r.out());
    r = j.run("network:report", "a", "--format");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("flag needs an argument: --format"), r.err());
    r = j.run("network:report", "a", "--format", "text");
    assertEquals(" !     Format must be \"stdout\" or \"json\": \"text\"\n", r.err());
    assertEquals(1, r.code());
    r = j.run("network:report", "a", "--format", "json", "--network-tld");
    assertEquals(" !     --format flag cannot be specified when specifying an info flag\n", r.err());
    Jokku.Result json = j.run("network:report", "a", "--format=json");
    assertEquals(j.run("network:report", "a", "--format", "json"), json, "--format=json is --format json");
    assertTrue(json.out().startsWith("{\"attach-post-create\":"), json.out());
  }

  @Test
  void missingApp_exits20() {
    Jokku.Result r = j.run("network:report", "ghost");
    assertEquals(20, r.code());
    assertEquals(" !     App ghost does not exist\n", r.err());
  }

  @Test
  void noApp_reportsEveryApp_jsonNamesTheApp() {
    Jokku.Result none = j.run("network:report");
    assertEquals(0, none.code());
    assertEquals(" !     You haven't deployed any applications yet\n", none.err());
    app("a");
    app("b");
    store.setProperty("network", "b", "tld", "b.tld");
    Jokku.Result text = j.run("network:report");
    assertTrue(text.out().startsWith("=====> a network information\n"), text.out());
    assertTrue(text.out().contains("\n=====> b network information\n"), text.out());
    assertEquals(36, text.out().split("\n").length);
    String[] lines = j.run("network:report", "--format", "json").out().split("\n");
    assertEquals(2, lines.length);
    assertEquals("a", Json.parseObject(lines[0]).get("app"));
    assertEquals("b", Json.parseObject(lines[1]).get("app"));
    assertEquals("b.tld", Json.parseObject(lines[1]).get("tld"));
    assertEquals("\nb.tld\n", j.run("network:report", "--network-tld").out());
  }

  @Test
  void webListeners_numericOrder_staticListenerWins() throws Exception {
    app("a");
    Path dir = j.root.resolve("a");
    for (int i : new int[] {1, 2, 10}) Files.writeString(dir.resolve("IP.web." + i), "10.0.0." + i);
    Files.writeString(dir.resolve("PORT.web.10"), "8080");
    assertEquals("10.0.0.1:5000 10.0.0.2:5000 10.0.0.10:8080\n", j.run("network:report", "a", "--network-web-listeners").out());
    assertEquals(0, j.run("network:set", "a", "static-web-listener", "127.0.0.1:9000").code());
    assertEquals("127.0.0.1:9000\n", j.run("network:report", "a", "--network-web-listeners").out());
  }
}
