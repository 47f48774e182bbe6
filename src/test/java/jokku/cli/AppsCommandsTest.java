package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Snapshot;
import jokku.engine.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The apps commands on disk only (containers: {@link AppContainersTest}). */
@Tag("engine")
class AppsCommandsTest {
  private final Jokku j = new Jokku();

  private static final String BAD_NAME =
      "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens";

  private void create(String app) {
    Jokku.Result r = j.run("apps:create", app);
    assertEquals(0, r.code(), r.toString());
  }

  private void assertRefused(int code, String message, String... args) {
    Map<String, String> before = Snapshot.of(j);
    Jokku.Result r = j.runWithInput("", args);
    if (code < 0) assertTrue(r.code() != 0, r.toString());
    else assertEquals(code, r.code(), r.toString());
    if (message != null) assertEquals(" !     " + message + "\n", r.err());
    assertEquals(before, Snapshot.of(j), "nothing changed for " + List.of(args));
  }

  @Test
  void create_listExists() throws Exception {
    Jokku.Result r = j.run("apps:create", "my-app.v2");
    assertEquals("-----> Creating my-app.v2...\n", r.out());
    assertTrue(Files.isDirectory(j.root.resolve("my-app.v2")));
    assertTrue(Files.readString(j.lib.resolve("config/apps/my-app.v2/created-at")).matches("\\d{10}"));
    create("0first");
    assertEquals("=====> My Apps\n0first\nmy-app.v2\n", j.run("apps:list").out());
    assertEquals("0first\nmy-app.v2\n", j.run("--quiet", "apps:list").out());
    assertEquals("[\"0first\",\"my-app.v2\"]\n", j.run("apps:list", "--format", "json").out());
    Jokku.Result exists = j.run("apps:exists", "0first");
    assertEquals(0, exists.code());
    assertEquals("", exists.out() + exists.err());
    assertRefused(20, "App nope does not exist", "apps:exists", "nope");
    assertRefused(1, "Name is already taken", "apps:create", "0first");
  }

  @Test
  void list_empty() {
    Jokku.Result r = j.run("apps:list");
    assertEquals(0, r.code());
    assertEquals("=====> My Apps\n", r.out());
    assertEquals(" !     You haven't deployed any applications yet\n", r.err());
    assertEquals("[]\n", j.run("apps:list", "--format", "json").out());
  }

  @Test
  void namesThatEscapeTheStateFolders_refusedBeforeAnyFileIsTouched() {
    create("src");
    for (String bad : List.of("..", "../x", "a/../../b", "/tmp/x", "UPPER", "Mixed", ".hidden", "a_b", "a..b", "a b", "a:b")) {
      assertRefused(1, BAD_NAME, "apps:create", bad);
      assertRefused(-1, null, "apps:destroy", bad, "--force");
      assertRefused(-1, null, "config:set", bad, "A=1");
      assertRefused(1, null, "apps:rename", "src", bad);
      assertRefused(1, null, "apps:clone", "src", bad);
    }
    assertRefused(1, "Please specify an app to run the command on", "apps:create");
    assertRefused(1, "Please specify an app to run the command on", "apps:create", "");
    assertRefused(2, null, "apps:create", "-x");
    assertFalse(Files.exists(j.root.getParent().resolve("x")));
  }

  @Test
  void report_textFlagsJson() {
    create("a");
    Jokku.Result r = j.run("apps:report", "a");
    assertEquals(0, r.code(), r.toString());
    String createdAt = j.run("apps:report", "a", "--app-created-at").out().trim();
    assertEquals(String.join("\n",
        "=====> a app information",
        "       App created at:                " + createdAt,
        "       App deploy source:             ",
        "       App deploy source metadata:    ",
        "       App dir:                       " + j.root.resolve("a").toAbsolutePath(),
        "       App locked:                    false") + "\n", r.out());
    Map<String, Object> json = Json.parseObject(j.run("apps:report", "a", "--format", "json").out());
    assertEquals(Map.of("app-created-at", createdAt, "app-deploy-source", "", "app-deploy-source-metadata", "",
        "app-dir", j.root.resolve("a").toAbsolutePath().toString(), "app-locked", "false"), json);
    create("b");
    String[] lines = j.run("apps:report", "--format", "json").out().split("\n");
    assertEquals("a", Json.parseObject(lines[0]).get("app"));
    assertEquals("b", Json.parseObject(lines[1]).get("app"));
    assertEquals(" !     Invalid flag passed, valid flags: --app-created-at, --app-deploy-source, --app-deploy-source-metadata, --app-dir, --app-locked\n",
        j.run("apps:report", "a", "--app-nope").err());
    assertEquals(20, j.run("apps:report", "ghost").code());
  }

  @Test
  void report_lockedWhileADeployHoldsTheLock() {
    create("a");
    jokku.store.Store store = new jokku.store.Store(j.root, j.lib);
    try (jokku.store.Store.Lock l = store.tryDeployLock("a")) {
      assertEquals("true\n", j.run("apps:report", "a", "--app-locked").out());
    }
    assertEquals("false\n", j.run("apps:report", "a", "--app-locked").out());
  }

  /** An app with state in several plugins, the app folder and data folders. */
  private void furnish(String app) throws Exception {
    assertEquals(0, j.run("config:set", "--no-restart", app, "SECRET=s3 cr'et", "MULTI=a\nb").code());
    assertEquals(0, j.run("network:set", app, "tld", "svc.local").code());
    assertEquals(0, j.run("network:set", app, "attach-post-deploy", "backend-" + j.runId).code());
    Files.createDirectories(j.lib.resolve("config/ports").resolve(app));
    Files.writeString(j.lib.resolve("config/ports").resolve(app).resolve("map"), "http:80:5000");
    Files.createDirectories(j.lib.resolve("data/ps").resolve(app));
    Files.writeString(j.lib.resolve("data/ps").resolve(app).resolve("Procfile"), "web: run\n");
    Path dir = j.root.resolve(app);
    for (String f : List.of("CONTAINER.web.1", "IP.web.1", "PORT.web.1", "CONTAINER", "IP", "PORT")) Files.writeString(dir.resolve(f), "x");
    Files.writeString(dir.resolve("VHOST"), app + ".example.com\n");
  }

  private void assertCarried(String from, String to) throws Exception {
    assertEquals("s3 cr'et\n", j.run("config:get", to, "SECRET").out());
    assertEquals("a\nb\n", j.run("config:get", to, "MULTI").out());
    assertEquals("svc.local\n", j.run("network:report", to, "--network-tld").out());
    assertEquals("backend-" + j.runId + "\n", j.run("network:report", to, "--network-attach-post-deploy").out());
    assertEquals("http:80:5000", Files.readString(j.lib.resolve("config/ports").resolve(to).resolve("map")));
    assertEquals("web: run\n", Files.readString(j.lib.resolve("data/ps").resolve(to).resolve("Procfile")));
    assertEquals(from + ".example.com\n", Files.readString(j.root.resolve(to).resolve("VHOST")));
    for (String f : List.of("CONTAINER.web.1", "IP.web.1", "PORT.web.1", "CONTAINER", "IP", "PORT")) {
      assertFalse(Files.exists(j.root.resolve(to).resolve(f)), f + " is container state of the old app");
    }
    assertEquals("\n", j.run("network:report", to, "--network-web-listeners").out());
  }

  private void assertGone(String app) {
    assertFalse(Files.exists(j.root.resolve(app)));
    for (String plugin : List.of("network", "ports", "apps")) assertFalse(Files.exists(j.lib.resolve("config").resolve(plugin).resolve(app)), plugin);
    assertFalse(Files.exists(j.lib.resolve("data/ps").resolve(app)));
    assertEquals(20, j.run("apps:exists", app).code());
  }

  @Test
  void rename_carriesEverythingButContainerState() throws Exception {
    String old = j.name("old"), renamed = j.name("new");
    create(old);
    furnish(old);
    Files.writeString(j.lib.resolve("config/apps").resolve(old).resolve("created-at"), "1600000000");
    Jokku.Result r = j.run("apps:rename", old, renamed);
    assertEquals(0, r.code(), r.toString());
    assertEquals("-----> Renaming " + old + " to " + renamed + "\n-----> Creating " + renamed + "...\n-----> Destroying " + old
        + " (including all add-ons)\n", r.out());
    assertCarried(old, renamed);
    assertEquals("1600000000\n", j.run("apps:report", renamed, "--app-created-at").out());
    assertGone(old);
    assertEquals("=====> My Apps\n" + renamed + "\n", j.run("apps:list").out());
  }

  @Test
  void clone_carriesEverythingButContainerState_andKeepsTheOldApp() throws Exception {
    create("old");
    furnish("old");
    Files.writeString(j.lib.resolve("config/apps/old/created-at"), "1600000000");
    Map<String, String> oldState = Snapshot.of(j.root.resolve("old"), j.lib.resolve("config/network/old"));
    Jokku.Result r = j.run("apps:clone", "old", "copy");
    assertEquals(0, r.code(), r.toString());
    assertEquals("-----> Cloning old to copy\n-----> Creating copy...\n", r.out());
    assertCarried("old", "copy");
    assertFalse(j.run("apps:report", "copy", "--app-created-at").out().equals("1600000000\n"), "a clone is a new app");
    assertEquals(oldState, Snapshot.of(j.root.resolve("old"), j.lib.resolve("config/network/old")));
    // changing the clone leaves the original alone
    assertEquals(0, j.run("network:set", "copy", "tld", "other.local").code());
    assertEquals("svc.local\n", j.run("network:report", "old", "--network-tld").out());
  }

  @Test
  void renameAndClone_badInputChangesNothing() {
    create("a");
    create("b");
    assertRefused(1, "Name is already taken", "apps:rename", "a", "b");
    assertRefused(1, "Name is already taken", "apps:clone", "a", "b");
    assertRefused(20, "App ghost does not exist", "apps:rename", "ghost", "c");
    assertRefused(20, "App ghost does not exist", "apps:clone", "ghost", "c");
    assertRefused(1, "Please specify an new app name", "apps:rename", "a");
    assertRefused(1, "Please specify an app to run the command on", "apps:clone");
    assertRefused(1, BAD_NAME, "apps:rename", "a", "../c");
    assertRefused(1, BAD_NAME, "apps:clone", "a", "C");
    Jokku.Result r = j.run("apps:clone", "--ignore-existing", "a", "b");
    assertEquals(0, r.code());
    assertEquals(" !     Name is already taken\n", r.err());
  }

  @Test
  void destroy_confirmation() throws Exception {
    String app = j.name("doomed");
    create(app);
    furnish(app);
    assertRefused(20, "App ghost does not exist", "apps:destroy", "ghost");
    Map<String, String> before = Snapshot.of(j);
    Jokku.Result r = j.runWithInput("wrong\n", "apps:destroy", app);
    assertEquals(1, r.code());
    assertEquals(" !     WARNING: Potentially Destructive Action\n !     This command will destroy app " + app + ".\n !     To proceed, type \"" + app + "\"\n"
        + " !     Confirmation did not match \"" + app + "\". Aborted.\n", r.err());
    assertEquals("> ", r.out());
    assertEquals(1, j.runWithInput("", "apps:destroy", app).code());
    assertEquals(before, Snapshot.of(j));
    r = j.runWithInput(app + "\n", "apps:destroy", app);
    assertEquals(0, r.code(), r.toString());
    assertEquals("> -----> Destroying " + app + " (including all add-ons)\n", r.out());
    assertGone(app);
  }

  @Test
  void destroy_forceInEveryForm_leavesOtherAppsAlone() throws Exception {
    String keep = j.name("keep"), x = j.name("x");
    create(keep);
    furnish(keep);
    Map<String, String> kept = Snapshot.of(j.root.resolve(keep), j.lib.resolve("config/network").resolve(keep), j.lib.resolve("data/ps").resolve(keep));
    for (List<String> args : List.of(List.of("apps:destroy", x, "--force"), List.of("--force", "apps:destroy", x), List.of("apps:destroy", "--force", x))) {
      create(x);
      furnish(x);
      Jokku.Result r = j.run(args.toArray(new String[0]));
      assertEquals(0, r.code(), r.toString());
      assertEquals("-----> Destroying " + x + " (including all add-ons)\n", r.out());
      assertGone(x);
    }
    create(x);
    Path pluginFile = j.lib.resolve("data/some-plugin").resolve(x);
    Files.createDirectories(pluginFile.getParent());
    Files.writeString(pluginFile, "a plugin's own file that happens to share the app's name");
    j.env.put("DOKKU_APPS_FORCE_DELETE", "1");
    assertEquals(0, j.run("apps:destroy", x).code());
    assertGone(x);
    assertTrue(Files.isRegularFile(pluginFile), "only folders named after the app are removed");
    assertEquals(kept, Snapshot.of(j.root.resolve(keep), j.lib.resolve("config/network").resolve(keep), j.lib.resolve("data/ps").resolve(keep)));
    assertEquals(0, j.run("apps:exists", keep).code());
  }
}
