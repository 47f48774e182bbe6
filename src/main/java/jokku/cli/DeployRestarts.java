package jokku.cli;

import jokku.scheduler.local.Retirement;
import jokku.scheduler.Scheduler;

/** The deploy side of the app and config commands: config changes restart a deployed app, copies get built. */
final class DeployRestarts implements DeployHooks {
  /** Dokku's {@code config:set} without {@code --no-restart}: {@code -----> Restarting app <app>}, then a release. */
  @Override
  public void configChanged(Ctx ctx, String app) {
    Scheduler scheduler = DeployWiring.scheduler(ctx, app);
    if (!scheduler.isDeployed(app)) return;
    ctx.out.info1Quiet("Restarting app " + app);
    scheduler.deploy(app);
  }

  @Override
  public void appDestroying(Ctx ctx, String app) {
    DeployWiring.scheduler(ctx, app).removeProcesses(app);
  }

  @Override
  public void appDestroyed(Ctx ctx, String app) {
    new Retirement(DeployWiring.platform(ctx)).removeAppImages(app);
  }

  /** A renamed or cloned app that ran is built from the source it inherited (image or archive) and deployed. */
  @Override
  public void appCopied(Ctx ctx, String newApp, boolean sourceHadContainers) {
    if (!sourceHadContainers) return;
    if (!DeployWiring.schedulers(ctx).builds(newApp).rebuild(newApp)) ctx.out.warn("App " + newApp + " has no source to deploy from");
  }
}
