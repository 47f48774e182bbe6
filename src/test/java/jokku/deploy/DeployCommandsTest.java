package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jokku.Jokku;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** checks:* and ps:* arguments, messages and reports (golden text), without deploying anything. */
@Tag("engine")
class DeployCommandsTest {
  final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  @Test
  void checksDisableEnableSkip_keepDokkusListsAndMessages() {
    String app = f.app("checks");
    Jokku.Result r = f.ok("checks:disable", app, "web,worker");
    assertEquals("-----> Disabling zero downtime for app's (" + app + ") proctypes (web,worker)\n", r.out());
    assertEquals("web,worker", f.store.property("checks", app, "disabled"));
    f.ok("checks:skip", app, "worker");
    assertEquals("web", f.store.property("checks", app, "disabled"));
    assertEquals("worker", f.store.property("checks", app, "skipped"));
    f.ok("checks:enable", app, "web");
    assertEquals("", f.store.property("checks", app, "disabled"));
    assertEquals("-----> Disabling zero downtime for app (" + app + ")\n", f.ok("checks:disable", app).out());
    assertEquals("_all_", f.store.property("checks", app, "disabled"));
    assertEquals("", f.store.property("checks", app, "skipped"));
    assertEquals("-----> Enabling zero downtime for app's (" + app + ")\n", f.ok("checks:enable", app).out());
    assertEquals("", f.store.property("checks", app, "disabled"));
    assertEquals(new Jokku.Result(1, "", " !     Invalid process type 'bad/type'\n"), f.j.run("checks:disable", app, "bad/type"));
    assertEquals("", f.store.property("checks", app, "disabled"), "nothing was disabled");
    assertEquals(new Jokku.Result(20, "", " !     App " + f.j.name("nope") + " does not exist\n"), f.j.run("checks:disable", f.j.name("nope")));
  }

  @Test
  void checksSetAndReport_goldenText() {
    String app = f.app("report");
    assertEquals("=====> Setting wait-to-retire to 5\n", f.ok("checks:set", app, "wait-to-retire", "5").out());
    f.ok("checks:set", "--global", "default-wait", "3");
    Jokku.Result bad = f.j.run("checks:set", app, "nonsense", "1");
    assertEquals(" !     Invalid key specified, valid keys include: default-wait, wait-to-retire\n", bad.err());
    assertEquals(new Jokku.Result(1, "", " !     Invalid value for wait-to-retire: 'soon' is not a whole number of seconds\n"),
        f.j.run("checks:set", app, "wait-to-retire", "soon"));
    assertEquals("5", f.store.property("checks", app, "wait-to-retire"), "the old value stays");
    assertEquals("=====> Unsetting default-wait\n", f.ok("checks:set", app, "default-wait").out());
    f.ok("checks:skip", app, "web");
    String expected = "=====> " + app + " checks information\n"
        + "       Checks computed default wait:   3\n"
        + "       Checks computed wait to retire: 5\n"
        + "       Checks default wait:            \n"
        + "       Checks disabled list:           none\n"
        + "       Checks global default wait:     3\n"
        + "       Checks global wait to retire:   \n"
        + "       Checks skipped list:            web\n"
        + "       Checks wait to retire:          5\n";
    assertEquals(expected, f.ok("checks:report", app).out());
    assertEquals("web\n", f.ok("checks:report", app, "--checks-skipped-list").out());
    String json = f.ok("checks:report", app, "--format", "json").out();
    assertTrue(json.startsWith("{\"checks-computed-default-wait\":\"3\",") && json.contains("\"disabled-list\":\"none\",")
        && json.contains("\"skipped-list\":\"web\",") && json.endsWith("\"wait-to-retire\":\"5\"}\n"), json);
    assertTrue(f.ok("checks:report", "--global").out().contains("Checks computed wait to retire: 60"));
  }

  @Test
  void psReport_ofAnAppNeverDeployed() {
    String app = f.app("psreport");
    String expected = "=====> " + app + " ps information\n"
        + "       Computed stop timeout seconds:    30\n"
        + "       Deployed:                         false\n"
        + "       Global stop timeout seconds:      \n"
        + "       Processes:                        0\n"
        + "       Ps can scale:                     true\n"
        + "       Ps computed procfile path:        Procfile\n"
        + "       Ps computed restart policy:       on-failure:10\n"
        + "       Ps computed stop timeout seconds: 30\n"
        + "       Ps global procfile path:          \n"
        + "       Ps global restart policy:         \n"
        + "       Ps global stop timeout seconds:   \n"
        + "       Ps procfile path:                 \n"
        + "       Ps restart policy:                \n"
        + "       Ps stop timeout seconds:          \n"
        + "       Restore:                          true\n"
        + "       Running:                          false\n"
        + "       Stop timeout seconds:             \n";
    assertEquals(expected, f.ok("ps:report", app).out());
    assertEquals("false\n", f.ok("ps:report", app, "--deployed").out());
    assertEquals("\n", f.ok("ps:report", app, "--ps-global-procfile-path").out(), "unset: empty, the default only in computed");
    assertEquals("=====> --global ps information\n"
        + "       Global stop timeout seconds:      \n"
        + "       Ps computed procfile path:        Procfile\n"
        + "       Ps computed restart policy:       on-failure:10\n"
        + "       Ps computed stop timeout seconds: 30\n"
        + "       Ps global procfile path:          \n"
        + "       Ps global restart policy:         \n"
        + "       Ps global stop timeout seconds:   \n", f.ok("ps:report", "--global").out());
    Jokku.Result bad = f.j.run("ps:report", app, "--nope");
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith(" !     Invalid flag passed, valid flags: --computed-stop-timeout-seconds, --deployed,"), bad.err());
  }

  @Test
  void psScale_validatesBeforeChangingAnything() {
    String app = f.app("scaleargs");
    assertEquals(" !     Missing count for process type web\n", f.j.run("ps:scale", app, "web").err());
    assertEquals(" !     Invalid count for process type web\n", f.j.run("ps:scale", app, "web=x").err());
    assertEquals("", f.store.property("ps", app, "scale"));
    assertEquals("-----> Scaling " + app + " processes: web=2 worker=1\n", f.ok("ps:scale", "--skip-deploy", app, "web=2", "worker=1").out());
    assertEquals("web=2\nworker=1", f.store.property("ps", app, "scale"));
    assertEquals("-----> Scaling for " + app + "\nproctype: qty\n--------: ---\nweb:  2\nworker: 1\n", f.ok("ps:scale", app).out());
    assertEquals("web:  2\nworker: 1\n", f.ok("--quiet", "ps:scale", app).out());
    assertEquals("[{\"process_type\":\"web\",\"quantity\":2},{\"process_type\":\"worker\",\"quantity\":1}]\n", f.ok("ps:scale", app, "--format", "json").out());
    assertEquals(" !     Format must be \"stdout\" or \"json\": \"yaml\"\n", f.j.run("ps:scale", app, "--format", "yaml").err());
    assertEquals("-----> Scaling " + app + " processes: web=3\n", f.ok("ps:scale", app, "web=3").out(), "not deployed: saved, said");
  }

  @Test
  void psAll_takesDokkusParallelFlag() {
    String app = f.app("parallel");
    for (String cmd : List.of("ps:rebuild", "ps:restart", "ps:stop", "ps:start")) {
      Jokku.Result r = f.j.run(cmd, "--all", "--parallel", "4");
      assertEquals(0, r.code(), r.toString());
      assertTrue(r.err().contains(" !     App " + app + " has not been deployed\n"), r.toString());
    }
    assertEquals(new Jokku.Result(0, "", ""), f.j.run("ps:restore", "--parallel", "-1"), "no app named: every app, the undeployed passed over quietly");
    assertEquals(new Jokku.Result(1, "", " !     Invalid value for --parallel: 'many' (expected a number)\n"), f.j.run("ps:restart", "--all", "--parallel", "many"));
  }

  @Test
  void gitCommands_checkTheirArgumentsFirst() {
    String app = f.app("gitargs");
    assertEquals(" !     Please specify a docker image\n", f.j.run("git:from-image", app).err());
    assertEquals(new Jokku.Result(20, "", " !     App " + f.j.name("nope") + " does not exist\n"), f.j.run("git:from-image", f.j.name("nope"), "img"));
    assertEquals(new Jokku.Result(1, "", " !     Invalid archive type 'zip': jokku builds tar and tar.gz archives\n"),
        f.j.run("git:from-archive", app, "--archive-type", "zip", "-"));
    assertTrue(f.j.run("git:from-archive", app, "/nonexistent.tar").err().contains("Archive /nonexistent.tar does not exist"));
    assertEquals(new Jokku.Result(2, "", " !     unknown flag: --build-dir for git:from-image (it takes no flags)\n"),
        f.j.run("git:from-image", "--build-dir", "x", app, "img"));
    assertTrue(f.containers(app).isEmpty(), "nothing was deployed");
  }
}
