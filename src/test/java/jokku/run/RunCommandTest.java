package jokku.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.config.Config;
import jokku.engine.ContainerInfo;
import jokku.engine.ContainerWait;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.network.NetworkProperty;
import jokku.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code run}, {@code run:detached}, {@code run:list}, {@code run:stop} against the real engine. */
@Tag("engine")
class RunCommandTest {
  final Jokku j = new Jokku();
  final AppImages images = new AppImages(j);
  final Engine engine = TestEngine.engine();
  final Store store = new Store(j.root, j.lib);

  @AfterEach
  void cleanup() {
    engine.close();
    images.close();
  }

  private String network(String prefix) {
    String n = j.name(prefix);
    Jokku.Result r = j.run("network:create", n);
    assertEquals(0, r.code(), r.toString());
    return n;
  }

  private void set(String app, NetworkProperty p, String value) {
    store.setProperty(NetworkProperty.PLUGIN, app, p.key, value);
  }

  private List<ContainerInfo> containersOf(String app) {
    return engine.listContainers(List.of("com.dokku.app-name=" + app), true);
  }

  @Test
  void run_returnsTheCommandsExitCode() {
    String app = images.deployed("exit");
    assertEquals(3, j.run("run", app, "sh", "-c", "exit 3").code());
    assertEquals(0, j.run("run", app, "true").code());
    assertTrue(containersOf(app).isEmpty(), "run containers are removed when they exit");
  }

  @Test
  void run_pipesStdinAndSeparatesStderr() {
    String app = images.deployed("stdin");
    Jokku.Result r = j.runWithInput("hi\nthere\n", "run", app, "cat");
    assertEquals(0, r.code(), r.toString());
    assertEquals("hi\nthere\n", r.out());
    r = j.run("run", app, "sh", "-c", "echo out; echo oops >&2");
    assertEquals("out\n", r.out());
    assertEquals("oops\n", r.err());
  }

  @Test
  void run_passesConfigAndEnvFlagsAsRealEnvironment() {
    String app = images.deployed("env");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FROM_CONFIG", "a 'quoted' value");
    env.put("OVERRIDDEN", "config");
    new Config(store).write(jokku.property.Scope.app(app), env);
    Jokku.Result r = j.run("run", "--env", "OVERRIDDEN=flag", "-e", "SECOND=2", "--env=THIRD=x=y", app, "sh", "-c", "echo \"$FROM_CONFIG|$OVERRIDDEN|$SECOND|$THIRD|$DYNO\"");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().matches("a 'quoted' value\\|flag\\|2\\|x=y\\|run\\.\\d+\n"), r.out());
  }

  @Test
  void run_appliesTheRunPhaseDockerOptions() {
    String app = images.deployed("opts");
    assertEquals(0, j.run("docker-options:add", app, "run", "-e FROM_OPTIONS=yes").code());
    assertEquals(0, j.run("docker-options:add", app, "deploy", "-e DEPLOY_ONLY=yes").code());
    Jokku.Result r = j.run("run", app, "sh", "-c", "echo \"$FROM_OPTIONS|$DEPLOY_ONLY\"");
    assertEquals("yes|\n", r.out(), r.toString());
  }

  @Test
  void run_argumentsAfterTheAppBelongToTheCommand() {
    String app = images.deployed("args");
    Jokku.Result r = j.run("run", app, "echo", "--quiet", "-e", "--env", "x");
    assertEquals("--quiet -e --env x\n", r.out(), r.toString());
  }

  @Test
  void run_withoutCommandRunsTheImagesCommand() {
    String app = images.deployed("default");
    Jokku.Result r = j.run("run", app);
    assertEquals(0, r.code(), r.toString());
    assertEquals("default command\n", r.out());
  }

  @Test
  void run_procfileKeyRunsThatProcessCommand() {
    String app = images.deployed("procfile", "web: httpd -f -p 5000\nhello: echo hello from $DYNO\n", "/app");
    Jokku.Result r = j.run("run", app, "hello", "and more");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("-----> Found 'hello' in Procfile, running that command\n"), r.out());
    assertTrue(r.out().matches("(?s).*\nhello from run\\.\\d+ and more\n"), r.out());
    r = j.run("run", app, "echo", "plain");
    assertEquals("plain\n", r.out(), "a word that is not a Procfile key runs as is");
  }

  @Test
  void run_missingAppExits20AndUndeployedAppFailsClearly() {
    Jokku.Result r = j.run("run", j.name("ghost"), "true");
    assertEquals(20, r.code());
    assertEquals(" !     App " + j.name("ghost") + " does not exist\n", r.err());
    String app = images.app("bare");
    r = j.run("run", app, "true");
    assertEquals(1, r.code());
    assertEquals(" !     App image (dokku/" + app + ":latest) not found\n", r.err());
    assertEquals(new Jokku.Result(2, "", " !     unknown flag: --bogus for run (valid flags: -e/--env, --no-tty, --tty, --ttl-seconds)\n"),
        j.run("run", "--bogus", app));
  }

  @Test
  void run_isCreatedOnTheInitialNetworkAndJoinsEveryPostCreateNetworkWithoutAlias() {
    String app = images.deployed("nets");
    String initial = network("init"), a = network("pca"), b = network("pcb");
    set(app, NetworkProperty.INITIAL_NETWORK, initial);
    set(app, NetworkProperty.ATTACH_POST_CREATE, a + "," + b);
    Jokku.Result r = j.run("run:detached", app, "sleep", "60");
    assertEquals(0, r.code(), r.toString());
    String name = r.out().trim();
    assertTrue(name.matches(java.util.regex.Pattern.quote(app) + "\\.run\\.\\d+"), name);
    ContainerInfo c = engine.inspectContainer(name);
    assertEquals(initial, c.networkMode());
    assertEquals(java.util.Set.of(initial, a, b), c.networks().keySet());
    for (ContainerInfo.Endpoint ep : c.networks().values()) {
      for (String alias : ep.aliases()) assertFalse(alias.contains(app), "no alias for run containers: " + ep.aliases());
    }
    assertEquals("run", c.label("com.dokku.container-type"));
    assertEquals("86400", c.label("com.dokku.active-deadline-seconds"));
    assertEquals(j.runId, c.label(TestEngine.LABEL));
  }

  @Test
  void run_reachesContainersOnItsPostCreateNetwork() {
    String app = images.deployed("reach");
    String net = network("reach");
    set(app, NetworkProperty.ATTACH_POST_CREATE, net);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", TestImages.busybox());
    body.put("Cmd", List.of("sh", "-c", "mkdir -p /www && echo peer page > /www/index.html && httpd -f -p 8080 -h /www"));
    body.put("Labels", TestEngine.labels(j.runId));
    Map<String, Object> endpoint = Map.of("Aliases", List.of("peer"));
    body.put("HostConfig", Map.of("NetworkMode", net));
    body.put("NetworkingConfig", Map.of("EndpointsConfig", Map.of(net, endpoint)));
    Containers cs = engine.containers();
    cs.start(EngineFixture.createContainer(engine, j.name("peer"), body));
    Jokku.Result r = j.run("run", app, "sh", "-c", // the peer's httpd may start late on a busy machine: poll for it, generously
        "for i in $(seq 1 240); do wget -qO- http://peer:8080/ 2>/dev/null && exit 0; sleep 0.5; done; exit 1");
    assertEquals(0, r.code(), r.toString());
    assertEquals("peer page\n", r.out());
  }

  @Test
  void run_missingPostCreateNetworkFailsAndLeavesNoContainer() {
    String app = images.deployed("nonet");
    String missing = j.name("missing");
    set(app, NetworkProperty.ATTACH_POST_CREATE, network("exists") + "," + missing);
    Jokku.Result r = j.run("run", app, "true");
    assertEquals(1, r.code());
    assertEquals(" !     Network " + missing + " does not exist\n", r.err());
    assertTrue(containersOf(app).isEmpty());
  }

  @Test
  void run_failedConnectRemovesTheContainerAndNamesTheNetwork() {
    String app = images.deployed("badconnect");
    String net = network("hostmode");
    set(app, NetworkProperty.INITIAL_NETWORK, "host");
    set(app, NetworkProperty.ATTACH_POST_CREATE, net);
    Jokku.Result r = j.run("run", app, "true");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().startsWith(" !     Unable to attach container to network " + net + ": "), r.err());
    assertTrue(containersOf(app).isEmpty());
  }

  @Test
  void detached_listedAndStopped() {
    String app = images.deployed("detached");
    String name = j.run("run:detached", app, "sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait").out().trim();
    Jokku.Result list = j.run("run:list", app);
    assertEquals(0, list.code());
    String[] lines = list.out().split("\n");
    assertEquals("=====> " + app + " run containers", lines[0]);
    assertTrue(lines[1].startsWith("NAMES") && lines[1].contains("COMMAND") && lines[1].contains("CREATED"), lines[1]);
    assertTrue(lines[2].startsWith(name + " ") && lines[2].contains("\"sh -c 'trap"), lines[2]);
    List<String> quiet = j.ok("--quiet", "run:list", app).out().lines().toList();
    assertEquals(1, quiet.size(), quiet.toString());
    assertTrue(quiet.get(0).startsWith(name + "\t\"sh -c 'trap"), "--quiet: no title, no header: " + quiet);
    Jokku.Result json = j.run("run:list", app, "--format", "json");
    assertTrue(json.out().contains("\"name\": \"" + name + "\""), json.out());
    assertTrue(json.out().contains("\"state\": \"running\""), json.out());

    Jokku.Result wrongApp = j.run("run:stop", app, app + ".run.0");
    assertEquals(1, wrongApp.code());
    try (ContainerWait removed = engine.waitFor(name, "removed")) {
      Jokku.Result stop = j.run("run:stop", app, name);
      assertEquals(0, stop.code(), stop.toString());
      assertEquals(name + "\n", stop.out());
      removed.exitCode();
    }
    assertTrue(containersOf(app).isEmpty());
    assertEquals("=====> " + app + " run containers\nNAMES               COMMAND             CREATED\n", j.run("run:list", app).out());
    assertEquals("[]\n", j.run("run:list", app, "--format", "json").out());
    assertEquals("", j.ok("--quiet", "run:list", app).out());
    assertEquals(20, j.run("run:list", j.name("ghost")).code());
  }

  @Test
  void task_printsOutputBetweenMarkersAndReturnsExitCode() {
    String app = images.deployed("task");
    String net = network("tasknet");
    set(app, NetworkProperty.ATTACH_POST_CREATE, net);
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    jokku.Out out = new jokku.Out(new java.io.PrintStream(buf, true), System.err, false);
    OneOff o = new RunService(engine, store, TestEngine.labels(j.runId)).oneOff();
    OneOff.TaskResult t = o.task(OneOffSpec.task(app, "release", List.of("sh", "-c", "exec 2>&1; echo migrating; echo partial >&2; printf last; exit 4")), new TaskLog(out), false);
    assertEquals(4, t.exitCode());
    String id9 = t.containerId().substring(0, 9);
    assertEquals("=====> Start of " + app + " release task (" + id9 + ") output\n"
        + "       migrating\n       partial\n       last\n"
        + "=====> End of " + app + " release task (" + id9 + ") output\n", buf.toString());
    assertTrue(containersOf(app).isEmpty(), "task container removed");
  }
}
