package jokku.cli;

import jokku.deploy.Builds;
import jokku.deploy.Deployer;
import jokku.deploy.Retirement;

/** The deploy side of the app and config commands: config changes restart a deployed app, copies get built. */
final class DeployRestarts implements DeployHooks {
  /** Dokku's {@code config:set} without {@code --no-restart}: {@code -----> Restarting app <app>}, then a release. */
  @Override
  public void configChanged(Ctx ctx, String app) {
    Deployer deployer = new Deployer(DeployWiring.platform(ctx));
    if (!deployer.isDeployed(app)) return;
    ctx.out.info1Quiet("Restarting app " + app);
    deployer.deploy(app);
  }

  @Override
  public void appDestroyed(Ctx ctx, String app) {
    new Retirement(DeployWiring.platform(ctx)).removeAppImages(app);
  }

  /** A renamed or cloned app that ran is built from the source it inherited (image or archive) and deployed. */
  @Override
  public void appCopied(Ctx ctx, String newApp, boolean sourceHadContainers) {
    if (!sourceHadContainers) return;
    if (!new Builds(DeployWiring.platform(ctx)).rebuild(newApp)) ctx.out.warn("App " + newApp + " has no source to deploy from");
  }
}
