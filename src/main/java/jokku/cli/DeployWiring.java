package jokku.cli;

import jokku.deploy.Platform;
import jokku.deploy.ProxyHook;

/** Builds the deploy lifecycle's collaborators from an invocation: the single place the proxy is chosen. */
final class DeployWiring {
  private DeployWiring() {}

  static Platform platform(Ctx ctx) {
    return Platform.of(ctx.engine(), ctx.store(), ctx.out, ctx.extraLabels(), ctx.env, proxy(ctx), ctx.force);
  }

  static ProxyHook proxy(Ctx ctx) {
    return ProxyHook.none(ctx.store());
  }
}
