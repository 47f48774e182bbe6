package jokku.cli;

import jokku.scheduler.Scheduler;

/** The deploy side of the config commands: config changes restart a deployed app. */
final class DeployRestarts implements DeployHooks {
  /** Dokku's {@code config:set} without {@code --no-restart}: {@code -----> Restarting app <app>}, then a release. */
  @Override
  public void configChanged(Ctx ctx, String app) {
    Scheduler scheduler = DeployWiring.scheduler(ctx, app);
    if (!scheduler.isDeployed(app)) return;
    ctx.out.info1Quiet("Restarting app " + app);
    scheduler.deploy(app);
  }
}
