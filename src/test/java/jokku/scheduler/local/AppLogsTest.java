package jokku.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Main;
import jokku.Snapshot;
import jokku.TestImages;
import jokku.deploy.DeployFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** logs, logs:failed, enter and ps:inspect on the real engine, with apps whose processes write lines. */
@Tag("engine")
class AppLogsTest {
  private final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  /** web prints a greeting naming the version, one line on stderr, then a tick every 0.2 s; worker prints one line. */
  private String image(String version) {
    TestImages.busybox();
    String tag = "jokku-test/logs-" + f.j.runId + "-" + version + ":latest";
    TestImages.build(tag, Map.of(
        "Procfile", "web: sh -c 'echo \"web says $V\"; echo \"oops on stderr\" >&2; while true; do echo tick; sleep 0.2; done'\n"
            + "worker: sh -c 'echo \"worker up $V\"; while true; do sleep 1; done'\n",
        "Dockerfile", "FROM " + TestImages.BUSYBOX + "\nENV V=" + version + "\nWORKDIR /app\nCOPY Procfile /app/Procfile\n"));
    return tag;
  }

  private String deployed() {
    String app = f.app("logs");
    f.ok("ps:scale", "--skip-deploy", app, "web=1", "worker=1");
    f.ok("git:from-image", app, image("v1"));
    return app;
  }

  private static void waitFor(ByteArrayOutputStream out, String text) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!out.toString(StandardCharsets.UTF_8).contains(text) && System.currentTimeMillis() < deadline) Thread.sleep(50);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains(text), "waited for " + text + " in:\n" + out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void logs_prefixedInTimeOrder_tailPerContainer_process_quiet() throws InterruptedException {
    String app = deployed();
    Thread.sleep(1500);
    String all = f.ok("logs", app).out();
    assertTrue(all.contains(" app[web.1]: web says v1\n"), all);
    assertTrue(all.contains(" app[web.1]: oops on stderr\n"), all);
    assertTrue(all.contains(" app[worker.1]: worker up v1\n"), all);
    Instant previous = Instant.EPOCH;
    for (String line : all.lines().toList()) {
      assertTrue(line.matches("\\S+Z app\\[(web|worker)\\.1\\]: .*"), line);
      Instant t = Instant.parse(line.substring(0, line.indexOf(' ')));
      assertFalse(t.isBefore(previous), "time order: " + all);
      previous = t;
    }
    List<String> two = f.ok("logs", app, "-n", "2", "-p", "web").out().lines().toList();
    assertEquals(2, two.size(), two.toString());
    assertTrue(two.stream().allMatch(l -> l.endsWith(" app[web.1]: tick")), two.toString());
    String quiet = f.ok("logs", app, "-q", "-p", "worker").out();
    assertEquals("worker up v1\n", quiet);
    assertEquals("worker up v1\n", f.ok("logs", app, "--quiet", "-p", "worker").out(), "--quiet is logs' own flag too");
    assertEquals(new Jokku.Result(20, "", " !     App ghost does not exist\n"), f.j.run("logs", "ghost"));
  }

  @Test
  void logsOfAnAppNeverDeployed_oneLineAndNothingChanged() {
    String app = f.app("never");
    Map<String, String> before = Snapshot.of(f.j);
    assertEquals(new Jokku.Result(1, "", " !     App " + app + " has not been deployed\n"), f.j.run("logs", app));
    assertEquals(new Jokku.Result(1, "", " !     App " + app + " has not been deployed\n"), f.j.run("logs", app, "-t"));
    assertEquals(new Jokku.Result(1, "", " !     App " + app + " has not been deployed\n"), f.j.run("ps:inspect", app));
    assertEquals(new Jokku.Result(1, "", " !     No containers found for app\n"), f.j.run("enter", app, "--", "true"));
    assertEquals(before, Snapshot.of(f.j));
  }

  @Test
  void follow_picksUpTheContainersOfARedeploy() throws Exception {
    String app = deployed();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(out, true, StandardCharsets.UTF_8);
    Thread t = new Thread(() -> Main.run(f.j.env, java.io.InputStream.nullInputStream(), sink, sink, "logs", app, "-t", "-p", "web"));
    t.start();
    try {
      waitFor(out, "app[web.1]: web says v1");
      f.ok("git:from-image", app, image("v2"));
      waitFor(out, "app[web.1]: web says v2");
    } finally {
      t.interrupt();
      t.join(15_000);
    }
    assertFalse(t.isAlive(), "following stops when interrupted");
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, text.split("web says v1", -1).length - 1, "no line twice: " + text);
    assertFalse(text.contains("worker"), text);
  }

  @Test
  void enter_runsInTheRunningContainer_exitCodePassesThrough() {
    String app = deployed();
    String web = f.store.readAppFile(app, "CONTAINER.web.1").trim();
    assertEquals(new Jokku.Result(0, "v1\n", ""), f.j.run("enter", app, "web", "sh", "-c", "echo $V"));
    assertEquals(3, f.j.run("enter", app, "web", "sh", "-c", "exit 3").code());
    assertEquals(new Jokku.Result(0, "out\n", "err\n"), f.j.run("enter", app, "--container-id", web.substring(0, 12), "--", "sh", "-c", "echo out; echo err >&2"));
    assertEquals(new Jokku.Result(1, "", " !     No container type specified.\n !     Available types for app (" + app + "): web worker\n"),
        f.j.run("enter", app));
    assertEquals(new Jokku.Result(1, "", " !     Invalid container id for app: nope\n !     Available ids for app (" + app + "): " + web + " "
        + f.store.readAppFile(app, "CONTAINER.worker.1").trim() + "\n"), f.j.run("enter", app, "--container-id", "nope"));
    f.ok("ps:stop", app);
    Map<String, String> before = Snapshot.of(f.j);
    assertEquals(new Jokku.Result(1, "", " !     Container is not running\n"), f.j.run("enter", app, "web", "true"));
    assertEquals(before, Snapshot.of(f.j));
  }

  @Test
  @SuppressWarnings("unchecked")
  void psInspect_theDeployContainersAsAJsonArray_envSanitized() {
    String app = f.app("logs");
    f.ok("config:set", "--no-restart", app, "SECRET=hunter2");
    f.ok("ps:scale", "--skip-deploy", app, "web=1", "worker=1");
    f.ok("git:from-image", app, image("v1"));
    List<Object> all = (List<Object>) DeployFixture.json(f.ok("ps:inspect", app).out());
    assertEquals(2, all.size());
    assertEquals(f.store.readAppFile(app, "CONTAINER.web.1").trim(), ((Map<String, Object>) all.get(0)).get("Id"));
    assertEquals(f.store.readAppFile(app, "CONTAINER.worker.1").trim(), ((Map<String, Object>) all.get(1)).get("Id"));
    assertEquals(Boolean.TRUE, DeployFixture.map((Map<String, Object>) all.get(0), "State").get("Running"));
    List<Object> env = (List<Object>) DeployFixture.map((Map<String, Object>) all.get(0), "Config").get("Env");
    assertTrue(env.contains("SECRET=XXXXXX") && env.contains("DYNO=web.1") && env.contains("PORT=5000"), env.toString());
    assertFalse(f.ok("ps:inspect", app).out().contains("hunter2"));
  }

  @Test
  void logsFailed_showsTheLastFailedDeploy() {
    String app = deployed();
    assertEquals(new Jokku.Result(0, "", " !     No failed containers found\n"), f.j.run("logs:failed", app));
    // The check fails only once the process has said its line (a fixed wait lost that race under heavy load).
    String appJson = "{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"name\":\"up\",\"attempts\":1,\"wait\":0,\"timeout\":30,"
        + "\"command\":[\"sh\",\"-c\",\"i=0; while [ ! -f /app/said ] && [ $i -lt 250 ]; do sleep 0.1; i=$((i+1)); done; exit 1\"]}]}}";
    TestImages.build("jokku-test/logs-" + f.j.runId + "-bad:latest", Map.of(
        "Procfile", "web: sh -c 'echo \"broken web $V\"; touch /app/said; sleep 60'\n", "app.json", appJson,
        "Dockerfile", "FROM " + TestImages.BUSYBOX + "\nENV V=v3\nWORKDIR /app\nCOPY Procfile /app/Procfile\nCOPY app.json /app/app.json\n"));
    Jokku.Result failed = f.j.run("git:from-image", app, "jokku-test/logs-" + f.j.runId + "-bad:latest");
    assertEquals(1, failed.code(), failed.toString());
    assertTrue(failed.err().contains("Could not start due to 1 failed checks (web.1)"), failed.toString());
    assertEquals("app[web.1]: broken web v3\n", f.ok("logs:failed", app).out());
    f.ok("git:from-image", app, image("v4"));
    assertEquals(new Jokku.Result(0, "", " !     No failed containers found\n"), f.j.run("logs:failed", app));
  }
}
