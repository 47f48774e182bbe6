package jokku.cli;

import java.util.List;
import jokku.deploy.Platform;
import jokku.deploy.ProxyHook;
import jokku.proxy.ProxyService;
import jokku.scheduler.Scheduler;
import jokku.scheduler.Schedulers;

/** Builds the deploy lifecycle's collaborators from an invocation: the single place the proxy is chosen. */
final class DeployWiring {
  private DeployWiring() {}

  static Platform platform(Ctx ctx) {
    return Platform.of(ctx.engine(), ctx.store(), ctx.out, ctx.extraLabels(), ctx.env, proxy(ctx), ctx.force);
  }

  /** Each app's scheduler (docker-local, null, swarm), built on {@link #platform}. */
  static Schedulers schedulers(Ctx ctx) {
    return new Schedulers(platform(ctx));
  }

  static Scheduler scheduler(Ctx ctx, String app) {
    return schedulers(ctx).of(app);
  }

  /** jokku's nginx ({@link ProxyService}): rebuilt at the deploy's two proxy moments, and the source of its URLs. */
  static ProxyHook proxy(Ctx ctx) {
    return proxy(ctx.store(), ctx.out);
  }

  /** The same proxy, printing to {@code out} (network:watch keeps only its warnings). */
  static ProxyHook proxy(jokku.store.Store store, jokku.Out out) {
    ProxyService nginx = new ProxyService(store, out);
    return new ProxyHook() {
      @Override
      public void build(String app) {
        nginx.build(app);
      }

      @Override
      public void buildUnchanged(String app) {
        nginx.buildUnchanged(app);
      }

      @Override
      public List<String> urls(String app) {
        return nginx.urls(app);
      }
    };
  }
}
