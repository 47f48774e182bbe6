package jokku.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import jokku.Jokku;
import jokku.Jokku.Result;
import org.junit.jupiter.api.Test;

/** {@code scheduler:set} and {@code scheduler:report}: Dokku's property storage, output lines and refusals. */
class SchedulerCommandsTest {
  private final Jokku j = new Jokku();

  private Result ok(String... args) {
    Result r = j.run(args);
    assertEquals(0, r.code(), r.toString());
    return r;
  }

  private void refused(String err, String... args) {
    Result r = j.run(args);
    assertEquals(1, r.code(), r.toString());
    assertEquals(" !     " + err + "\n", r.err());
  }

  @Test
  void defaultsToDockerLocalAndStoresAsDokkuDoes() throws Exception {
    ok("apps:create", "web");
    assertEquals("=====> web scheduler information\n"
        + "       Scheduler computed selected:   docker-local\n"
        + "       Scheduler global selected:     docker-local\n"
        + "       Scheduler selected:            \n", ok("scheduler:report", "web").out());
    assertEquals("=====> Setting selected to null\n", ok("scheduler:set", "web", "selected", "null").out());
    assertEquals("null", Files.readString(j.lib.resolve("config/scheduler/web/selected")));
    assertEquals("null\n", ok("scheduler:report", "web", "--scheduler-computed-selected").out());
    assertEquals("=====> Unsetting selected\n", ok("scheduler:set", "web", "selected").out());
    assertFalse(Files.exists(j.lib.resolve("config/scheduler/web/selected")));
  }

  @Test
  void globalValueIsTheFallback() {
    ok("apps:create", "a");
    ok("apps:create", "b");
    ok("scheduler:set", "--global", "selected", "null");
    ok("scheduler:set", "b", "selected", "docker-local");
    assertEquals("null\n", ok("scheduler:report", "a", "--scheduler-computed-selected").out());
    assertEquals("docker-local\n", ok("scheduler:report", "b", "--scheduler-computed-selected").out());
    assertEquals("null\n", ok("scheduler:report", "--global", "--scheduler-global-selected").out());
    String json = ok("scheduler:report", "a", "--format", "json").out();
    assertTrue(json.contains("\"computed-selected\":\"null\"") && json.contains("\"scheduler-selected\":\"\""), json);
  }

  @Test
  void badInputChangesNothing() {
    ok("apps:create", "web");
    refused("Invalid scheduler k8s, valid schedulers: docker-local, null, swarm", "scheduler:set", "web", "selected", "k8s");
    refused("Invalid property specified, valid properties include: selected", "scheduler:set", "web", "colour", "null");
    Result missing = j.run("scheduler:set", "nope", "selected", "null");
    assertEquals(20, missing.code(), missing.toString());
    assertEquals(" !     App nope does not exist\n", missing.err());
    assertFalse(Files.exists(j.lib.resolve("config/scheduler")), "nothing stored");
  }
}
