package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Snapshot;
import jokku.TestEngine;
import jokku.engine.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("engine")
class NetworkSetTest {
  private final Jokku j = new Jokku();
  private final String app = "web";

  @BeforeEach
  void createApp() {
    assertEquals(0, j.run("apps:create", app).code());
  }

  @AfterEach
  void cleanup() {
    TestEngine.cleanup(j.runId);
  }

  private Path prop(String scope, String key) {
    return j.lib.resolve("config/network").resolve(scope).resolve(key);
  }

  private String stored(String scope, String key) throws Exception {
    return Files.exists(prop(scope, key)) ? Files.readString(prop(scope, key)) : null;
  }

  private String report(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "network:report";
    System.arraycopy(args, 0, full, 1, args.length);
    Jokku.Result r = j.run(full);
    assertEquals(0, r.code(), r.toString());
    return r.out();
  }

  @Test
  void everyProperty_setReportedAndCleared() throws Exception {
    String net = j.name("n");
    assertEquals(0, j.run("network:create", net).code());
    Map<String, String> values = Map.of(
        "attach-post-create", net,
        "attach-post-deploy", net + "-other",
        "bind-all-interfaces", "true",
        "initial-network", net,
        "static-web-listener", "127.0.0.1:8080",
        "tld", "svc.local");
    for (Map.Entry<String, String> e : values.entrySet()) {
      Jokku.Result r = j.run("network:set", app, e.getKey(), e.getValue());
      assertEquals(0, r.code(), r.toString());
      assertEquals("=====> Setting " + e.getKey() + " to " + e.getValue() + "\n", r.out());
      assertEquals(e.getValue(), stored(app, e.getKey()), "stored verbatim, no trailing newline");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(prop(app, e.getKey()))));
      assertEquals(e.getValue() + "\n", report(app, "--network-" + e.getKey()));
      assertTrue(report(app).contains(ReportView.label("--network-" + e.getKey()) + ":"), e.getKey());
      Map<String, Object> json = Json.parseObject(report(app, "--format", "json"));
      assertEquals(e.getValue(), json.get(e.getKey()));
      assertEquals(e.getValue(), json.get("network-" + e.getKey()));
      if (!e.getKey().equals("static-web-listener")) assertEquals(e.getValue(), json.get("computed-" + e.getKey()));
    }
    assertEquals("127.0.0.1:8080\n", report(app, "--network-web-listeners"));
    for (String key : values.keySet()) {
      Jokku.Result r = j.run("network:set", app, key);
      assertEquals(0, r.code(), r.toString());
      assertEquals("=====> Unsetting " + key + "\n", r.out());
      assertEquals(null, stored(app, key));
      assertEquals("\n", report(app, "--network-" + key));
    }
    assertEquals("false\n", report(app, "--network-computed-bind-all-interfaces"));
  }

  @Test
  void emptyValueClears_andClearingAMissingPropertyIsFine() throws Exception {
    assertEquals(0, j.run("network:set", app, "tld", "a.b").code());
    Jokku.Result r = j.run("network:set", app, "tld", "");
    assertEquals("=====> Unsetting tld\n", r.out());
    assertEquals(null, stored(app, "tld"));
    assertEquals(0, j.run("network:set", app, "tld").code());
  }

  @Test
  void globalValues_setReportedComputedAndCleared() throws Exception {
    String net = j.name("g");
    assertEquals(0, j.run("network:create", net).code());
    Map<String, String> values = Map.of("attach-post-create", net, "attach-post-deploy", net + "-d",
        "bind-all-interfaces", "true", "initial-network", net, "tld", "global.local");
    for (Map.Entry<String, String> e : values.entrySet()) {
      Jokku.Result r = j.run("network:set", "--global", e.getKey(), e.getValue());
      assertEquals(0, r.code(), r.toString());
      assertEquals("=====> Setting " + e.getKey() + " to " + e.getValue() + "\n", r.out());
      assertEquals(e.getValue(), stored("--global", e.getKey()));
      assertEquals(e.getValue() + "\n", report("--global", "--network-global-" + e.getKey()));
      assertEquals(e.getValue() + "\n", report("--global", "--network-computed-" + e.getKey()));
      assertEquals(e.getValue() + "\n", report(app, "--network-computed-" + e.getKey()));
      assertEquals(e.getValue() + "\n", report(app, "--network-global-" + e.getKey()));
      assertEquals("\n", report(app, "--network-" + e.getKey()));
      assertEquals(e.getValue(), Json.parseObject(report("--format", "json", "--global")).get("global-" + e.getKey()));
    }
    // the app's own value wins over the global one
    assertEquals(0, j.run("network:set", app, "tld", "app.local").code());
    assertEquals("app.local\n", report(app, "--network-computed-tld"));
    // --global may come anywhere
    assertEquals(0, j.run("network:set", "tld", "--global", "").code());
    assertEquals(null, stored("--global", "tld"));
    assertEquals("app.local\n", report(app, "--network-computed-tld"));
  }

  @Test
  void attachLists_commaJoined_duplicatesDropped() throws Exception {
    Jokku.Result r = j.run("network:set", app, "attach-post-deploy", "a-net", "b-net,a-net", "c-net");
    assertEquals(0, r.code(), r.toString());
    assertEquals("=====> Setting attach-post-deploy to a-net,b-net,c-net\n", r.out());
    assertEquals("a-net,b-net,c-net", stored(app, "attach-post-deploy"));
    for (String n : List.of("a-net", "b-net", "c-net")) assertTrue(r.err().contains(" !     Network " + n + " does not exist yet"), r.err());
  }

  @Test
  void existingNetwork_noWarning() {
    String net = j.name("exists");
    assertEquals(0, j.run("network:create", net).code());
    Jokku.Result r = j.run("network:set", app, "initial-network", net);
    assertEquals(0, r.code(), r.toString());
    assertEquals("", r.err());
  }

  @Test
  void conflictIsCheckedPerNetwork() throws Exception {
    assertEquals(0, j.run("network:set", app, "attach-post-create", "one,two").code());
    Jokku.Result r = j.run("network:set", app, "attach-post-deploy", "three", "two");
    assertEquals(1, r.code());
    assertEquals(" !     Network name already associated with this app: two\n", r.err());
    assertEquals(null, stored(app, "attach-post-deploy"));
    // the app inherits the global attach-post-deploy, which also conflicts
    assertEquals(0, j.run("network:set", "--global", "attach-post-deploy", "shared").code());
    r = j.run("network:set", app, "attach-post-create", "shared");
    assertEquals(" !     Network name already associated with this app: shared\n", r.err());
    r = j.run("network:set", "--global", "attach-post-create", "x", "shared");
    assertEquals(" !     Network name already associated globally with attach-post-deploy: shared\n", r.err());
  }

  private void assertRefused(String message, String... args) {
    Map<String, String> before = Snapshot.of(j);
    Jokku.Result r = j.run(args);
    assertTrue(r.code() != 0, r.toString());
    assertEquals("", r.out(), r.toString());
    if (message != null) assertEquals(" !     " + message + "\n", r.err());
    else assertFalse(r.err().isEmpty());
    assertEquals(before, Snapshot.of(j), "nothing changed on disk for " + List.of(args));
  }

  @Test
  void badInput_refusedAndNothingChanges() throws Exception {
    assertEquals(0, j.run("network:set", app, "attach-post-create", "taken").code());
    assertEquals(0, j.run("network:set", app, "tld", "keep.me").code());
    assertRefused("Invalid value for bind-all-interfaces: 'yes' (expected true or false)", "network:set", app, "bind-all-interfaces", "yes");
    for (String n : List.of("host", "bridge", "none")) {
      assertRefused("Invalid network name specified for attach: " + n, "network:set", app, "attach-post-deploy", "ok-net", n);
      assertRefused("Invalid network name specified for attach: " + n, "network:set", "--global", "attach-post-create", n);
    }
    assertRefused("Network name already associated with this app: taken", "network:set", app, "attach-post-deploy", "taken");
    assertRefused("Property tld takes a single value, got 2: a.b c.d", "network:set", app, "tld", "a.b", "c.d");
    assertRefused("Property initial-network takes a single value, got 2: n1 n2", "network:set", app, "initial-network", "n1", "n2");
    assertRefused(null, "network:set", app, "initial-network", "bad/name");
    assertRefused(null, "network:set", app, "attach-post-create", "bad name");
    assertRefused("Invalid static-web-listener 'nope': expected host:port, such as 10.0.0.5:8080", "network:set", app, "static-web-listener", "nope");
    assertRefused(null, "network:set", app, "static-web-listener", "10.0.0.1:99999");
    assertRefused(null, "network:set", app, "tld", "UPPER..case");
    assertRefused("Property cannot be specified globally", "network:set", "--global", "static-web-listener", "1.2.3.4:80");
    assertRefused("Invalid property specified, valid properties include: attach-post-create, attach-post-deploy, bind-all-interfaces, initial-network, static-web-listener, tld",
        "network:set", app, "colour", "blue");
    assertRefused("Invalid property specified, valid properties include: attach-post-create, attach-post-deploy, bind-all-interfaces, initial-network, static-web-listener, tld",
        "network:set", "--global", "colour", "blue");
    assertRefused("No property specified", "network:set", app);
    assertRefused("No property specified", "network:set", "--global");
    assertRefused("Please specify an app to run the command on", "network:set");
    assertRefused("App ghost does not exist", "network:set", "ghost", "tld", "x.y");
    String badName = "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens";
    for (String bad : List.of("..", "../web", "web/..", "/etc", "Web", "a/b", ".hidden", "-x")) {
      assertRefused(bad.startsWith("-") ? null : badName, "network:set", bad, "tld", "x.y");
    }
    assertRefused(null, "network:set", app, "tld", "x.y", "--bogus");
    assertEquals("keep.me", stored(app, "tld"));
    assertEquals("taken", stored(app, "attach-post-create"));
  }

  @Test
  void missingApp_exits20() {
    assertEquals(new Jokku.Result(20, "", " !     App ghost does not exist\n"), j.run("network:set", "ghost", "tld", "x.y"));
    assertFalse(java.nio.file.Files.exists(j.lib.resolve("config/network/ghost")), "nothing written for a missing app");
  }
}
