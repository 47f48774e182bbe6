package jokku.cli;

import jokku.scheduler.Scheduler;

/** The deploy side of the config commands: config changes restart a deployed app. */
final class DeployRestarts {
  private DeployRestarts() {}

  /**
   * Dokku's {@code config:set} / {@code config:unset} without {@code --no-restart}: if the app is deployed,
   * {@code -----> Restarting app <app>} and a release (Dokku's {@code ps:restart}). Called after the ENV file was
   * written and the app lock released.
   */
  static void configChanged(Ctx ctx, String app) {
    Scheduler scheduler = DeployWiring.scheduler(ctx, app);
    if (!scheduler.isDeployed(app)) return;
    ctx.out.info1Quiet("Restarting app " + app);
    scheduler.deploy(app);
  }
}
