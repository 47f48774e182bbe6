package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jokku.Jokku;
import jokku.config.Config;
import jokku.engine.ContainerInfo;
import jokku.scheduler.local.ContainerSpecs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Deploys on the real engine: first deploy, state files, scaling, zero-downtime redeploys, failed checks, locks. */
@Tag("engine")
class DeployLifecycleTest {
  final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  @Test
  void fromImage_deploysWebWithDokkusNamesLabelsEnvAndStateFiles() throws IOException {
    String app = f.app("api");
    new Config(f.store).write(jokku.property.Scope.app(app), Map.of("GREETING", "hello world", "QUOTE", "it's"));
    Jokku.Result r = f.ok("git:from-image", app, f.webImage("v1"));
    assertTrue(r.out().contains("-----> Deploying web (count=1)\n"), r.out());
    assertTrue(r.out().contains("=====> Application deployed:"), r.out());
    assertEquals(List.of("CONTAINER.web.1", "IP.web.1", "PORT.web.1"), List.copyOf(f.state(app).keySet()));
    assertEquals("5000", f.store.readAppFile(app, "PORT.web.1"));
    String id = f.store.readAppFile(app, "CONTAINER.web.1");
    assertTrue(id.endsWith("\n") && id.trim().length() == 64, "full id and a newline");
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1 "));
    String url = r.out().substring(r.out().indexOf("=====> Application deployed:\n") + 29).trim().split("\n")[0].trim();
    assertTrue(f.http(url.substring("http://".length())).startsWith("v1 "), "the app answers through the proxy at " + url);

    Map<String, Object> c = f.inspect(id.trim());
    assertEquals("/" + app + ".web.1", c.get("Name"));
    Map<String, Object> labels = DeployFixture.map(c, "Config", "Labels");
    assertEquals(app, labels.get("com.dokku.app-name"));
    assertEquals("deploy", labels.get("com.dokku.container-type"));
    assertEquals("web", labels.get("com.dokku.process-type"));
    assertEquals("web.1", labels.get("com.dokku.dyno"));
    assertEquals(f.j.runId, labels.get("com.jokku.test"));
    @SuppressWarnings("unchecked")
    List<String> env = (List<String>) DeployFixture.map(c, "Config").get("Env");
    assertTrue(env.contains("GREETING=hello world") && env.contains("QUOTE=it's"), env.toString());
    assertTrue(env.contains("DYNO=web.1") && env.contains("PORT=5000"), env.toString());
    Map<String, Object> host = DeployFixture.map(c, "HostConfig");
    assertEquals(true, host.get("Init"));
    assertEquals("on-failure", DeployFixture.map(host, "RestartPolicy").get("Name"));
    assertEquals(10L, ((Number) DeployFixture.map(host, "RestartPolicy").get("MaximumRetryCount")).longValue());
    assertEquals("true", f.store.property("common", app, "deployed"));
    assertTrue(f.store.readData("ps", app, "Procfile").contains("web:"), "the deployed Procfile is committed");
  }

  @Test
  void quietDeploy_printsOnlyTheApplicationUrls() throws IOException {
    String app = f.app("quiet");
    String image = f.webImage("q1");
    Jokku.Result r = f.ok("--quiet", "git:from-image", app, image);
    String urls = f.ok("urls", app).out();
    assertTrue(urls.startsWith("http://"), urls);
    String expected = "=====> Application deployed:\n" + urls.replaceAll("(?m)^", "       ").stripTrailing() + "\n";
    assertEquals(expected, r.out(), "Dokku's URL lines stay under --quiet (scripts read them), no progress");
    assertEquals("", r.err());
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("q1 "));

    Jokku.Result restart = f.ok("--quiet", "ps:restart", app);
    assertEquals(expected, restart.out());
    assertEquals("", restart.err());
    Jokku.Result config = f.ok("--quiet", "config:set", app, "A=b");
    assertEquals(expected, config.out(), "config:set's own lines are quiet-able (Dokku 0.35+), and so is its restart");
  }

  @Test
  void scale_addsAndRetiresInstancesAndTheStateFilesFollow() throws IOException {
    String app = f.app("scale");
    f.ok("git:from-image", app, f.webImage("v1"));
    String web1 = f.store.readAppFile(app, "CONTAINER.web.1");
    Jokku.Result up = f.ok("ps:scale", app, "web=3", "worker=1");
    assertTrue(up.out().contains("-----> Scaling " + app + " processes: web=3 worker=1"), up.out());
    assertEquals(web1, f.store.readAppFile(app, "CONTAINER.web.1"), "scaling up leaves running instances alone");
    assertEquals(List.of("CONTAINER.web.1", "CONTAINER.web.2", "CONTAINER.web.3", "CONTAINER.worker.1", "IP.web.1", "IP.web.2", "IP.web.3",
        "IP.worker.1", "PORT.web.1", "PORT.web.2", "PORT.web.3"), List.copyOf(f.state(app).keySet()));
    List<String> answers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) answers.add(f.http(f.listener(app, "web." + i)));
    assertEquals(3, answers.stream().distinct().count(), "three different containers answer: " + answers);
    assertEquals("web=3\nworker=1", f.store.property("ps", app, "scale"));
    Jokku.Result report = f.ok("ps:scale", app);
    assertTrue(report.out().contains("web:  3\nworker: 1\n"), report.out());

    String web3 = f.store.readAppFile(app, "CONTAINER.web.3").trim();
    f.ok("ps:scale", app, "web=1", "worker=0");
    assertEquals(List.of("CONTAINER.web.1", "IP.web.1", "PORT.web.1"), List.copyOf(f.state(app).keySet()));
    List<String> names = new ArrayList<>();
    for (ContainerInfo c : f.containers(app)) names.add(c.name());
    assertEquals(List.of(app + ".web.1"), names, "surplus instances are retired (wait-to-retire 0)");
    assertTrue(f.containers(app).stream().noneMatch(c -> c.id().equals(web3)));
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
  }

  @Test
  void redeploy_oldListenerAnswersUntilTheSwapAndTheNewOneAfter() throws Exception {
    String app = f.app("swap");
    f.ok("checks:set", app, "wait-to-retire", "2");
    f.ok("git:from-image", app, f.webImage("v1"));
    String oldListener = f.listener(app, "web.1");
    String oldId = f.store.readAppFile(app, "CONTAINER.web.1").trim();
    String v2 = f.webImage("v2");
    AtomicBoolean deploying = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    Thread poller = new Thread(() -> {
      while (deploying.get()) {
        try {
          if (f.http(oldListener).startsWith("v1")) ok.incrementAndGet();
          else failures.add("wrong answer");
        } catch (IOException e) {
          failures.add(e.toString());
        }
      }
    });
    poller.start();
    Jokku.Result r = f.j.run("git:from-image", app, v2);
    deploying.set(false);
    poller.join();
    assertEquals(0, r.code(), r.toString());
    assertEquals(List.of(), failures, "the old listener answered every request during the deploy");
    assertTrue(ok.get() > 0);
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v2"));
    assertTrue(r.out().contains("Renaming container (" + oldId.substring(0, 12) + ") " + app + ".web.1 to " + app + ".web.1."), r.out());
    assertTrue(r.out().contains("-----> Shutting down old containers in 2 seconds\n       " + oldId), r.out());
    // the detached retirement removes the old container (and its image) after wait-to-retire
    long deadline = System.currentTimeMillis() + 60_000;
    // the retirement process removes the container, then drops its entry from dead-containers: wait for both
    while ((f.containers(app).stream().anyMatch(c -> c.id().equals(oldId))
            || !f.store.readData("scheduler-docker-local", "", "dead-containers").isBlank())
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
    }
    assertFalse(f.containers(app).stream().anyMatch(c -> c.id().equals(oldId)), "old container retired in the background");
    assertTrue(f.store.readData("scheduler-docker-local", "", "dead-containers").isBlank());
  }

  @Test
  void failingHealthCheck_keepsTheOldVersionServing() throws IOException {
    String app = f.app("failing");
    f.ok("git:from-image", app, f.webImage("v1"));
    Map<String, String> before = f.state(app);
    String appJson = "{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"name\":\"ready\",\"path\":\"/missing\",\"attempts\":2,\"wait\":1,\"timeout\":2}]}}";
    Jokku.Result r = f.j.run("git:from-image", app, f.webImage("v2", Map.of("app.json", appJson), ""));
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains(" !     Could not start due to 1 failed checks (web.1)"), r.err());
    assertTrue(r.err().contains("Failure in name='ready': unexpected status code: 404"), r.err());
    assertTrue(r.out().contains("=====> Start of " + app + " container output ("), r.out());
    assertTrue(r.out().contains("=====> End of " + app + " container output ("), r.out());
    assertEquals(before, f.state(app), "state files exactly as before");
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
    assertEquals(1, f.containers(app).size(), "the new container was removed: " + f.containers(app));
  }

  @Test
  void passingHttpHealthCheck_probesTheContainerFromTheHost() throws IOException {
    String app = f.app("probe");
    String appJson = "{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"name\":\"home\",\"path\":\"/\",\"content\":\"v1\",\"attempts\":5,\"wait\":1}]}}";
    Jokku.Result r = f.ok("git:from-image", app, f.webImage("v1", Map.of("app.json", appJson), ""));
    assertTrue(r.out().contains("Healthcheck succeeded name='home'"), r.out());
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
  }

  @Test
  void secondConcurrentDeploy_isRefusedAtOnce() throws Exception {
    String app = f.app("locked");
    f.ok("git:from-image", app, f.webImage("v1"));
    f.ok("checks:set", app, "default-wait", "10"); // the first deploy holds the lock at least this long
    Jokku.Result[] first = new Jokku.Result[1];
    Thread t = new Thread(() -> first[0] = f.j.run("ps:restart", app));
    t.start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (f.containers(app).stream().noneMatch(c -> ContainerSpecs.isUpcoming(c.name())) && System.currentTimeMillis() < deadline) Thread.sleep(50);
    assertTrue(f.containers(app).stream().anyMatch(c -> ContainerSpecs.isUpcoming(c.name())), "the first deploy reached its checks");
    Jokku.Result second = f.j.run("ps:restart", app);
    t.join();
    assertEquals(1, second.code(), second.toString());
    assertTrue(second.err().contains(app + " currently has a deploy lock in place"), second.err());
    assertEquals(0, first[0].code(), first[0].toString());
  }

  @Test
  void checksDisabled_stopsTheOldContainersFirst() throws IOException {
    String app = f.app("stopfirst");
    f.ok("git:from-image", app, f.webImage("v1"));
    String oldId = f.store.readAppFile(app, "CONTAINER.web.1").trim();
    f.ok("checks:disable", app, "web");
    Jokku.Result r = f.ok("ps:restart", app);
    assertTrue(r.out().contains("Zero downtime is disabled, stopping currently running containers  (web)"), r.out());
    assertTrue(r.out().contains("Stopping " + oldId + " (web)"), r.out());
    assertFalse(r.out().contains("Attempting pre-flight checks"), r.out());
    assertNotEquals(oldId, f.store.readAppFile(app, "CONTAINER.web.1").trim());
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
  }

  @Test
  void stopAndStart_followTheStateFiles() throws IOException {
    String app = f.app("stopstart");
    f.ok("git:from-image", app, f.webImage("v1"));
    f.ok("ps:stop", app);
    assertTrue(f.ok("ps:report", app, "--running").out().equals("false\n"));
    assertEquals("false", f.store.property("ps", app, "restore"));
    Jokku.Result start = f.ok("ps:start", app);
    assertTrue(start.out().contains("-----> Deploying web (count=1)"), start.out());
    assertEquals("true\n", f.ok("ps:report", app, "--running").out());
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
    Jokku.Result again = f.ok("ps:start", app);
    assertTrue(again.err().contains("App " + app + " already running"), again.err());
  }

  @Test
  void deployDockerOptions_reachTheContainersOfTheirProcessOnly() {
    String app = f.app("options");
    f.ok("ps:scale", "--skip-deploy", app, "web=1", "worker=1");
    f.ok("docker-options:add", app, "deploy", "--memory 64m", "-e EXTRA=all");
    f.ok("docker-options:add", "--process", "worker", app, "deploy", "--label team=jobs");
    f.ok("docker-options:add", app, "run", "-e ONLY_RUN=1");
    f.ok("git:from-image", app, f.webImage("v1"));
    Map<String, Object> web = f.inspect(f.store.readAppFile(app, "CONTAINER.web.1").trim());
    Map<String, Object> worker = f.inspect(f.store.readAppFile(app, "CONTAINER.worker.1").trim());
    assertEquals(64L * 1024 * 1024, ((Number) DeployFixture.map(web, "HostConfig").get("Memory")).longValue());
    @SuppressWarnings("unchecked")
    List<String> env = (List<String>) DeployFixture.map(web, "Config").get("Env");
    assertTrue(env.contains("EXTRA=all") && env.stream().noneMatch(e -> e.startsWith("ONLY_RUN")), env.toString());
    assertEquals("jobs", DeployFixture.map(worker, "Config", "Labels").get("team"));
    assertFalse(DeployFixture.map(web, "Config", "Labels").containsKey("team"));
  }

  @Test
  void restartOfOneProcessType_replacesOnlyItsContainers() {
    String app = f.app("restartproc");
    f.ok("ps:scale", "--skip-deploy", app, "web=1", "worker=1");
    f.ok("git:from-image", app, f.webImage("v1"));
    String web = f.store.readAppFile(app, "CONTAINER.web.1");
    String worker = f.store.readAppFile(app, "CONTAINER.worker.1");
    Jokku.Result r = f.ok("ps:restart", app, "worker");
    assertFalse(r.out().contains("Deploying web"), r.out());
    assertEquals(web, f.store.readAppFile(app, "CONTAINER.web.1"));
    assertNotEquals(worker, f.store.readAppFile(app, "CONTAINER.worker.1"));
    Map<String, String> state = f.state(app);
    assertEquals(new Jokku.Result(1, "", " !     clock is not a valid process type of " + app + "\n"), f.j.run("ps:restart", app, "clock"));
    assertEquals(state, f.state(app), "nothing was restarted");
  }

  @Test
  void notDeployedApp_restartWarnsAndSucceeds() {
    String app = f.app("fresh");
    Jokku.Result r = f.ok("ps:restart", app);
    assertTrue(r.err().contains("App " + app + " has not been deployed"), r.err());
    assertEquals(new Jokku.Result(20, "", " !     App " + f.j.name("missing") + " does not exist\n"), f.j.run("ps:restart", f.j.name("missing")));
  }
}
