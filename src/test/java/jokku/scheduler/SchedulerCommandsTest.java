package jokku.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import jokku.Jokku;
import jokku.Jokku.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code scheduler:set} and {@code scheduler:report}: Dokku's property storage, output lines and refusals. */
@Tag("engine")
class SchedulerCommandsTest {
  private final Jokku j = new Jokku();


  private void refused(String err, String... args) {
    Result r = j.run(args);
    assertEquals(1, r.code(), r.toString());
    assertEquals(" !     " + err + "\n", r.err());
  }

  @Test
  void defaultsToDockerLocalAndStoresAsDokkuDoes() throws Exception {
    j.ok("apps:create", "web");
    assertEquals("=====> web scheduler information\n"
        + "       Scheduler computed selected:   docker-local\n"
        + "       Scheduler global selected:     \n"
        + "       Scheduler selected:            \n", j.ok("scheduler:report", "web").out());
    assertEquals("\n", j.ok("scheduler:report", "web", "--scheduler-global-selected").out(), "nothing set: empty, as in Dokku");
    assertEquals("=====> --global scheduler information\n"
        + "       Scheduler computed selected:   docker-local\n"
        + "       Scheduler global selected:     \n", j.ok("scheduler:report", "--global").out());
    assertEquals("=====> Setting selected to null\n", j.ok("scheduler:set", "web", "selected", "null").out());
    assertEquals("null", Files.readString(j.lib.resolve("config/scheduler/web/selected")));
    assertEquals("null\n", j.ok("scheduler:report", "web", "--scheduler-computed-selected").out());
    assertEquals("=====> Unsetting selected\n", j.ok("scheduler:set", "web", "selected").out());
    assertFalse(Files.exists(j.lib.resolve("config/scheduler/web/selected")));
  }

  @Test
  void globalValueIsTheFallback() {
    j.ok("apps:create", "a");
    j.ok("apps:create", "b");
    j.ok("scheduler:set", "--global", "selected", "null");
    j.ok("scheduler:set", "b", "selected", "docker-local");
    assertEquals("null\n", j.ok("scheduler:report", "a", "--scheduler-computed-selected").out());
    assertEquals("docker-local\n", j.ok("scheduler:report", "b", "--scheduler-computed-selected").out());
    assertEquals("null\n", j.ok("scheduler:report", "--global", "--scheduler-global-selected").out());
    String json = j.ok("scheduler:report", "a", "--format", "json").out();
    assertTrue(json.contains("\"computed-selected\":\"null\"") && json.contains("\"scheduler-selected\":\"\""), json);
  }

  @Test
  void badInputChangesNothing() {
    j.ok("apps:create", "web");
    refused("Invalid scheduler k8s, valid schedulers: docker-local, null, swarm", "scheduler:set", "web", "selected", "k8s");
    refused("Invalid property specified, valid properties include: selected", "scheduler:set", "web", "colour", "null");
    Result missing = j.run("scheduler:set", "nope", "selected", "null");
    assertEquals(20, missing.code(), missing.toString());
    assertEquals(" !     App nope does not exist\n", missing.err());
    assertFalse(Files.exists(j.lib.resolve("config/scheduler")), "nothing stored");
  }

  @Test
  void swarmIsRefusedOnAnEngineThatIsNotASwarmManager() {
    j.ok("apps:create", "web");
    String host = j.env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    refused("The engine at " + host + " is not a swarm manager (swarm state: inactive); run scheduler-swarm:initialize first",
        "scheduler:set", "web", "selected", "swarm");
    assertFalse(Files.exists(j.lib.resolve("config/scheduler/web/selected")), "nothing stored");
    refused("The engine at " + host + " is not a swarm manager (swarm state: inactive); run scheduler-swarm:initialize first",
        "scheduler-swarm:cluster-list");
  }

  @Test
  void registryPropertiesAsDokkuStoresThem() throws Exception {
    j.ok("apps:create", "web");
    assertEquals("false\n", j.ok("registry:report", "web", "--registry-computed-push-on-release").out(), "Dokku's default, only in computed");
    assertEquals("\n", j.ok("registry:report", "web", "--registry-push-on-release").out());
    assertEquals("false\n", j.ok("registry:report", "--global", "--registry-computed-push-on-release").out());
    assertEquals("=====> Setting server to 10.0.0.1:5000\n", j.ok("registry:set", "--global", "server", "10.0.0.1:5000").out());
    assertEquals("10.0.0.1:5000\n", j.ok("registry:report", "--global", "--registry-computed-server").out());
    j.ok("registry:set", "web", "push-on-release", "true");
    assertEquals("10.0.0.1:5000", Files.readString(j.lib.resolve("config/registry/--global/server")));
    assertEquals("10.0.0.1:5000\n", j.ok("registry:report", "web", "--registry-computed-server").out());
    assertEquals("dokku/web\n", j.ok("registry:report", "web", "--registry-computed-image-repo").out());
    assertEquals("true\n", j.ok("registry:report", "web", "--registry-computed-push-on-release").out());
    refused("Invalid push-on-release value maybe: true or false", "registry:set", "web", "push-on-release", "maybe");
    refused("Invalid registry server http://x: expected host[:port]", "registry:set", "web", "server", "http://x");
    refused("Property cannot be specified globally", "registry:set", "--global", "image-repo", "x/y");
  }
}
