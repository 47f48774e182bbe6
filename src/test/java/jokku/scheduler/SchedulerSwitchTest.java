package jokku.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jokku.Jokku;
import jokku.deploy.DeployFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real engine: an app deployed on docker-local moves to another scheduler with {@code scheduler:set}; its
 * containers and state files go, so it never runs on two schedulers, and the next deploy uses the new one.
 */
@Tag("engine")
class SchedulerSwitchTest {
  private final DeployFixture f = new DeployFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void leavingDockerLocalRemovesItsContainers() {
    String app = f.app("switch");
    f.ok("git:from-image", app, f.webImage("v1"));
    assertEquals(1, f.containers(app).size());
    assertEquals("docker-local\n", f.ok("scheduler:report", app, "--scheduler-computed-selected").out());

    Jokku.Result r = f.ok("scheduler:set", app, "selected", "null");
    assertEquals("=====> Setting selected to null\n-----> Removing " + app + "'s processes from the docker-local scheduler\n", r.out());
    assertEquals(0, f.containers(app).size(), "docker-local's containers are gone");
    assertEquals(java.util.Map.of(), f.state(app), "and so are its CONTAINER/IP/PORT files");

    Jokku.Result restart = f.ok("ps:restart", app);
    assertTrue(restart.out().contains("-----> Deploying " + app + " via the null scheduler..."), restart.out());
    assertEquals(0, f.containers(app).size());
    assertEquals("0", f.ok("ps:report", app, "--processes").out().strip());

    assertEquals("=====> Setting selected to docker-local\n", f.ok("scheduler:set", app, "selected", "docker-local").out());
    Jokku.Result back = f.ok("ps:rebuild", app);
    assertTrue(back.out().contains("via the docker-local scheduler"), back.out());
    assertEquals(1, f.containers(app).size());
  }
}
