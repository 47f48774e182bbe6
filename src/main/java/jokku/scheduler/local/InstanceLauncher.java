package jokku.scheduler.local;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import jokku.DokkuException;
import jokku.KeptShell;
import jokku.deploy.AppJson;
import jokku.deploy.ChecksSettings;
import jokku.deploy.HealthCheck;
import jokku.deploy.Platform;
import jokku.engine.ContainerInfo;
import jokku.engine.ContainerSpec;
import jokku.engine.EngineException;

/**
 * One new instance of a process type, through the lifecycle's per-container steps: create (on the initial
 * network, as {@code <app>.<proc>.<n>.upcoming-<random>}) → before start (aliases, attach-post-create) → start →
 * checks. A container that fails any step is stopped and removed, with its logs printed when a check failed.
 */
final class InstanceLauncher {
  /** A started container that passed its checks. */
  record Launched(String id, String name, String ip, String hostname) {}

  private final Platform p;
  private final NetworkPhases networks;
  private final HealthCheck health;
  private final ChecksSettings checks;

  InstanceLauncher(Platform p, NetworkPhases networks, ChecksSettings checks) {
    this.p = p;
    this.networks = networks;
    this.health = new HealthCheck(p.engine(), p.out());
    this.checks = checks;
  }

  /**
   * Runs the steps for one instance. {@code created} receives the id as soon as the container exists, so the
   * caller can remove it whatever happens later.
   */
  Launched launch(ContainerSpecs.DeploySpec spec, ContainerSpec create, List<AppJson.Healthcheck> startupChecks,
      java.util.function.Consumer<String> created) {
    String app = spec.app();
    String dyno = spec.dyno();
    // create
    String name = null;
    String id = null;
    for (int attempt = 0; id == null; attempt++) {
      name = ContainerSpecs.upcomingName(app, dyno, ThreadLocalRandom.current().nextInt(32768));
      try {
        id = p.containers().create(name, create);
      } catch (EngineException e) {
        if (e.conflict() && attempt < 20) continue;
        throw new DokkuException("Unable to create container for " + app + " (" + dyno + "): " + e.getMessage());
      }
    }
    created.accept(id);
    String hostname = id.substring(0, 12);
    String networkMode = create.networkMode();
    // before start
    networks.attachPostCreate(app, spec.proc(), id, hostname, networkMode);
    // start; meanwhile the kept shell that signals nginx and schedules the retirement is started on the side (the
    // engine's start is the deploy's longest wait; the shell costs the main thread ~3 ms of CPU otherwise)
    Thread shell = new Thread(KeptShell::prestart, "jokku-kept-shell-start");
    shell.start();
    try {
      p.containers().start(id);
    } catch (EngineException e) {
      discard(id);
      throw new DokkuException("Unable to start container " + name + " (" + dyno + "): " + e.getMessage());
    } finally {
      SideThreads.join(shell);
    }
    long startedAt = System.nanoTime();
    long inspectedAt = System.nanoTime();
    ContainerInfo info = p.engine().inspectContainer(id);
    String ip = networks.ipAddress(app, spec.proc(), info);
    // checks
    if (!checks.isDisabled(app, spec.proc())) {
      p.out().verboseQuiet("Attempting pre-flight checks (" + dyno + ")");
      if (checks.isSkipped(app, spec.proc())) {
        p.out().info2Quiet("Zero downtime checks have been skipped (" + dyno + ")");
      } else {
        int port = spec.port().matches("\\d+") ? Integer.parseInt(spec.port()) : 5000;
        int failed = health.run(new HealthCheck.Target(app, dyno, id, ip, port, startedAt, info, inspectedAt), startupChecks, checks.defaultWait(app));
        if (failed > 0) {
          printLogs(app, dyno, id);
          discard(id);
          throw new DokkuException("Could not start due to " + failed + " failed checks (" + dyno + ")");
        }
        p.out().verboseQuiet("All checks successful (" + dyno + ")");
      }
    }
    return new Launched(id, name, ip, info.hostname().isEmpty() ? hostname : info.hostname());
  }

  /** The container's output between Dokku's markers; printed even under --quiet, it explains the failure. */
  private void printLogs(String app, String dyno, String id) {
    String marker = app + " container output (" + id.substring(0, 12) + " " + dyno + ")";
    p.out().println("=====> Start of " + marker);
    String logs;
    try {
      logs = p.containers().logs(id);
    } catch (EngineException e) {
      logs = "(logs unavailable: " + e.getMessage() + ")";
    }
    for (String line : logs.split("\n")) if (!line.isEmpty()) p.out().verbose(line);
    new FailedLogs(p.store()).add(app, dyno, logs);
    p.out().println("=====> End of " + marker);
  }

  /** Stops (no restart) and removes a container that will not serve. */
  void discard(String id) {
    try {
      p.containers().updateRestartPolicy(id, "no", 0);
      p.engine().removeContainer(id, true);
    } catch (EngineException ignored) {
      // gone already; a later deploy removes any leftover
    }
  }
}
