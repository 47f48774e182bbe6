package jokku.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.engine.ContainerSummary;
import jokku.engine.ContainerWait;
import jokku.engine.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code run:retire} and the run-container pass of {@code ps:retire}, against the real engine. */
@Tag("engine")
class RunRetireTest {
  final Jokku j = new Jokku();
  final AppImages images = new AppImages(j);
  final Engine engine = TestEngine.engine();

  @AfterEach
  void cleanup() {
    engine.close();
    images.close();
  }

  /** A detached run container that exits at once on SIGTERM; returns its row as the engine lists it. */
  private ContainerSummary detached(String app, String... flags) {
    List<String> args = new java.util.ArrayList<>(List.of("run:detached"));
    args.addAll(List.of(flags));
    args.addAll(List.of(app, "sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"));
    Jokku.Result r = j.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.toString());
    String name = r.out().trim();
    return runContainers(app).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private List<ContainerSummary> runContainers(String app) {
    return engine.containerRows(List.of("com.dokku.app-name=" + app, "com.dokku.container-type=run"));
  }

  /** Waits until the engine's clock-second after the container's deadline (no threshold: the deadline is the point). */
  private static void pastDeadline(ContainerSummary c) throws InterruptedException {
    long deadline = c.created() + Long.parseLong(c.label(RunRetirement.DEADLINE_LABEL));
    while (System.currentTimeMillis() / 1000 <= deadline) Thread.sleep(100);
  }

  @Test
  void runRetire_removesTheAppsRunContainersPastTheirDeadlineOnly() throws Exception {
    String app = images.deployed("ttl"), other = images.deployed("other");
    ContainerSummary expired = detached(app, "--ttl-seconds", "1");
    ContainerSummary fresh = detached(app);
    ContainerSummary otherApps = detached(other, "--ttl-seconds=1");
    assertEquals("1", expired.label(RunRetirement.DEADLINE_LABEL));
    assertEquals("86400", fresh.label(RunRetirement.DEADLINE_LABEL), "Dokku's default: one day");
    pastDeadline(expired);
    pastDeadline(otherApps);

    Jokku.Result r;
    try (ContainerWait removed = engine.waitFor(expired.id(), "removed")) {
      r = j.run("run:retire", app);
      removed.exitCode();
    }
    assertEquals(0, r.code(), r.toString());
    assertEquals("-----> Retiring run and cron containers for app " + app + "\n       Retiring container " + expired.shortId() + "\n", r.out());
    assertEquals(List.of(fresh.id()), runContainers(app).stream().map(ContainerSummary::id).toList());
    assertEquals(List.of(otherApps.id()), runContainers(other).stream().map(ContainerSummary::id).toList(), "another app's are left");

    Jokku.Result again = j.run("--quiet", "run:retire", app);
    assertEquals(0, again.code());
    assertEquals("", again.out());
  }

  @Test
  void psRetire_endsWithTheRunContainersOfEveryApp() throws Exception {
    String a = images.deployed("a"), b = images.deployed("b");
    ContainerSummary ca = detached(a, "--ttl-seconds", "1");
    ContainerSummary cb = detached(b, "--ttl-seconds", "1");
    pastDeadline(ca);
    pastDeadline(cb);

    Jokku.Result r;
    try (ContainerWait ra = engine.waitFor(ca.id(), "removed");
        ContainerWait rb = engine.waitFor(cb.id(), "removed")) {
      r = j.run("ps:retire");
      ra.exitCode();
      rb.exitCode();
    }
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("-----> Retiring old containers and images\n"), r.out());
    assertTrue(r.out().contains("-----> Retiring all run and cron containers\n"), r.out());
    assertTrue(r.out().contains("       Retiring container " + ca.shortId() + "\n") && r.out().contains(cb.shortId()), r.out());
    assertTrue(runContainers(a).isEmpty() && runContainers(b).isEmpty());
  }

  @Test
  void runRetire_validatesItsArguments() {
    Jokku.Result missing = j.run("run:retire", j.name("ghost"));
    assertEquals(20, missing.code());
    assertEquals(" !     App " + j.name("ghost") + " does not exist\n", missing.err());
    Jokku.Result extra = j.run("run:retire", "a", "b");
    assertTrue(extra.code() != 0 && extra.err().contains("run:retire [<app>]"), extra.toString());
    Jokku.Result none = j.run("run:retire");
    assertEquals(0, none.code(), none.toString());
    assertEquals("-----> Retiring all run and cron containers\n", none.out());
  }

  @Test
  void expired_isDokkusComparisonOnRunAndCronContainersOnly() {
    Map<String, String> run = Map.of("com.dokku.container-type", "run", RunRetirement.DEADLINE_LABEL, "10");
    assertFalse(RunRetirement.expired(new ContainerSummary("i", "n", "running", "c", 100, run), 110), "at the cutoff: not yet");
    assertTrue(RunRetirement.expired(new ContainerSummary("i", "n", "running", "c", 100, run), 111));
    assertTrue(RunRetirement.expired(new ContainerSummary("i", "n", "created", "c", 100, run), 111), "never started: removed too");
    assertFalse(RunRetirement.expired(new ContainerSummary("i", "n", "removing", "c", 100, run), 111), "the engine is on it");
    Map<String, String> cron = Map.of("com.dokku.container-type", "cron", RunRetirement.DEADLINE_LABEL, "10");
    assertTrue(RunRetirement.expired(new ContainerSummary("i", "n", "running", "c", 100, cron), 111));
    Map<String, String> deploy = Map.of("com.dokku.container-type", "deploy", RunRetirement.DEADLINE_LABEL, "10");
    assertFalse(RunRetirement.expired(new ContainerSummary("i", "n", "running", "c", 100, deploy), 111));
    Map<String, String> bad = Map.of("com.dokku.container-type", "run", RunRetirement.DEADLINE_LABEL, "soon");
    assertFalse(RunRetirement.expired(new ContainerSummary("i", "n", "running", "c", 100, bad), 111));
  }
}
