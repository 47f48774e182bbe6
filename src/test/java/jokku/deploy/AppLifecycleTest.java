package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jokku.Jokku;
import jokku.scheduler.local.ContainerSpecs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Deploys meeting the rest of an app's life: config changes, destroy, interrupted deploys and ps:retire. */
@Tag("engine")
class AppLifecycleTest {
  final DeployFixture f = new DeployFixture();
  private final List<Process> spawned = new ArrayList<>();

  @AfterEach
  void cleanup() throws InterruptedException {
    // a deploy JVM left running by a failed assertion would go on creating containers after the cleanup
    for (Process p : spawned) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    f.close();
  }

  /** Waits (generously) until the deploy has created its upcoming container, i.e. it is in its checks. */
  private void awaitUpcoming(String app) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (f.containers(app).stream().noneMatch(c -> ContainerSpecs.isUpcoming(c.name())) && System.currentTimeMillis() < deadline) Thread.sleep(100);
    assertTrue(f.containers(app).stream().anyMatch(c -> ContainerSpecs.isUpcoming(c.name())), "the deploy reached its checks");
  }

  @Test
  void configSet_restartsADeployedAppWithTheNewEnvironment() throws IOException {
    String app = f.app("config");
    f.ok("git:from-image", app, f.webImage("v1"));
    String before = f.store.readAppFile(app, "CONTAINER.web.1");
    Jokku.Result r = f.ok("config:set", app, "COLOR=blue green");
    assertTrue(r.out().contains("-----> Restarting app " + app), r.out());
    String after = f.store.readAppFile(app, "CONTAINER.web.1").trim();
    assertFalse(before.trim().equals(after));
    @SuppressWarnings("unchecked")
    List<String> env = (List<String>) DeployFixture.map(f.inspect(after), "Config").get("Env");
    assertTrue(env.contains("COLOR=blue green"), env.toString());
    Jokku.Result quiet = f.ok("config:set", "--no-restart", app, "SIZE=1");
    assertFalse(quiet.out().contains("Restarting"), quiet.out());
    assertEquals(after, f.store.readAppFile(app, "CONTAINER.web.1").trim());
    Jokku.Result clear = f.ok("config:clear", app);
    assertTrue(clear.out().startsWith("-----> Unsetting COLOR\n-----> Unsetting SIZE\n-----> Restarting app " + app), clear.out());
    String cleared = f.store.readAppFile(app, "CONTAINER.web.1").trim();
    @SuppressWarnings("unchecked")
    List<String> clearedEnv = (List<String>) DeployFixture.map(f.inspect(cleared), "Config").get("Env");
    assertTrue(clearedEnv.stream().noneMatch(e -> e.startsWith("COLOR=") || e.startsWith("SIZE=")), clearedEnv.toString());
  }

  @Test
  void procfilePath_aMissingFileFailsTheRebuild_aMovedOneIsRead() throws IOException {
    String app = f.app("procfile");
    String alt = "web: sh -c 'mkdir -p /www && echo \"alt $(hostname)\" > /www/index.html && exec httpd -f -p $PORT -h /www'\n";
    f.ok("git:from-image", app, f.webImage("v1", java.util.Map.of("Procfile.alt", alt), ""));
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1 "));
    java.util.Map<String, String> state = f.state(app);
    f.ok("ps:set", app, "procfile-path", "Missing.procfile");
    Jokku.Result r = f.j.run("ps:rebuild", app);
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains(" !     No Procfile at Missing.procfile in " + app + "'s image (ps procfile-path)"), r.err());
    assertEquals(state, f.state(app), "nothing was deployed");
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1 "), "the running app is untouched");
    f.ok("ps:set", app, "procfile-path", "Procfile.alt");
    f.ok("ps:rebuild", app);
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("alt "), "the same image, read again at the new path");
  }

  @Test
  void appsDestroy_leavesNoContainerAndNoImage() {
    String app = f.app("destroy");
    f.ok("checks:set", app, "wait-to-retire", "60");
    f.ok("git:from-image", app, f.webImage("v1"));
    f.ok("ps:scale", app, "web=2", "worker=1");
    f.ok("ps:restart", app);
    assertTrue(f.containers(app).size() >= 6, "old containers wait for retirement: " + f.containers(app));
    f.ok("--force", "apps:destroy", app);
    assertEquals(List.of(), f.containers(app));
    assertEquals("", f.imageId("dokku/" + app + ":latest"));
  }

  @Test
  void interruptedDeploy_isCleanedUpByTheNextDeploy() throws Exception {
    String app = f.app("killed");
    f.ok("git:from-image", app, f.webImage("v1"));
    String serving = f.store.readAppFile(app, "CONTAINER.web.1");
    f.ok("checks:set", app, "default-wait", "120");
    Process deploy = jokku(app, "ps:restart", app);
    awaitUpcoming(app);
    deploy.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertTrue(f.containers(app).stream().anyMatch(c -> ContainerSpecs.isUpcoming(c.name())), "kill -9 leaves the new container behind");
    assertEquals(serving, f.store.readAppFile(app, "CONTAINER.web.1"), "nothing was promoted");

    f.ok("checks:set", app, "default-wait", "0");
    Jokku.Result r = f.ok("ps:restart", app);
    assertTrue(r.out().contains("left by an interrupted deploy"), r.out());
    assertFalse(f.containers(app).stream().anyMatch(c -> ContainerSpecs.isUpcoming(c.name())), "no upcoming container survives");
    assertEquals(1, f.containers(app).size(), f.containers(app).toString());
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
  }

  @Test
  void psRetire_removesWhatInterruptedDeploysLeft() throws Exception {
    String app = f.app("retire");
    f.ok("git:from-image", app, f.webImage("v1"));
    String serving = f.store.readAppFile(app, "CONTAINER.web.1");
    f.ok("checks:set", app, "default-wait", "120");
    Process deploy = jokku(app, "ps:restart", app);
    awaitUpcoming(app);
    deploy.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Jokku.Result r = f.ok("ps:retire");
    assertTrue(r.out().contains("-----> Retiring old containers and images"), r.out());
    assertEquals(List.of(serving.trim()), f.containers(app).stream().map(c -> c.id()).toList(), "only the serving container is left");
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
  }

  /** Runs jokku in a separate JVM (so it can be killed mid-deploy), with the test's environment. */
  private Process jokku(String app, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", classpath(), "jokku.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(f.j.env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    spawned.add(p);
    return p;
  }

  private static String classpath() {
    try {
      return Path.of(jokku.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
