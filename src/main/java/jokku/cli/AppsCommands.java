package jokku.cli;

import java.util.List;
import jokku.DokkuException;
import jokku.Out;
import jokku.access.Rule;
import jokku.apps.AppLifecycle;
import jokku.apps.AppName;
import jokku.apps.AppReport;
import jokku.apps.Apps;
import jokku.domains.Domains;
import jokku.engine.Json;
import jokku.proxy.ProxyService;

/** {@code apps:create|destroy|list|exists|rename|clone|report}. */
final class AppsCommands {
  private AppsCommands() {}

  static void register(Registry r) {
    r.command("apps:create", AppsCommands::create)
        .command("apps:destroy", AppsCommands::destroy)
        .command("apps:list", AppsCommands::list)
        .command("apps:exists", AppsCommands::exists)
        .command("apps:rename", AppsCommands::rename)
        .command("apps:clone", AppsCommands::copy)
        .command("apps:report", REPORT);
    r.access(Rule.ANYONE, "apps:list");
    r.access(Rule.app(), "apps:destroy", "apps:exists");
    r.access(Rule.listing(), "apps:report");
  }

  private static Apps apps(Ctx ctx) {
    return apps(ctx, ctx.out);
  }

  /**
   * The app lifecycle with its listeners, in the order they act: the app's domains, nginx, then its scheduler (made
   * when an event first reaches them). Dokku's {@code apps} lines go to {@code out}.
   */
  static Apps apps(Ctx ctx, Out out) {
    return new Apps(ctx.store(), ctx::engine, out, List.of(
        new Domains(ctx.store()),
        AppLifecycle.lazy(() -> new ProxyService(ctx.store(), ctx.out)),
        AppLifecycle.lazy(() -> DeployWiring.schedulers(ctx))));
  }

  static int create(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:create", raw).atMost(1);
    apps(ctx).create(a.arg(0));
    return 0;
  }

  static int destroy(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:destroy", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    boolean force = ctx.force || a.has("--force") || "1".equals(ctx.env.get("DOKKU_APPS_FORCE_DELETE"));
    if (!force) NetworkCommands.confirm(ctx, app, "app");
    apps(ctx).destroy(app);
    return 0;
  }

  static int list(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:list", raw).atMost(0);
    String format = a.value("--format", "stdout");
    if (!format.equals("stdout") && !format.equals("json")) throw new DokkuException("Format must be \"stdout\" or \"json\": \"" + format + "\"");
    List<String> names = ctx.visibleApps();
    if (format.equals("json")) {
      ctx.out.println(Json.write(names));
      return 0;
    }
    ctx.out.info2Quiet("My Apps");
    if (names.isEmpty()) ctx.out.warn("You haven't deployed any applications yet");
    for (String n : names) ctx.out.println(n);
    return 0;
  }

  static int exists(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:exists", raw).atMost(1);
    AppName.verify(ctx.store(), a.arg(0));
    return 0;
  }

  static int rename(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:rename", raw).atMost(2);
    apps(ctx).rename(a.arg(0), a.arg(1), !a.has("--skip-deploy"));
    return 0;
  }

  static int copy(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:clone", raw)
        .atMost(2);
    String oldApp = a.arg(0), newApp = a.arg(1);
    if (a.has("--ignore-existing") && !newApp.isEmpty() && ctx.store().appExists(newApp)) {
      AppName.verify(ctx.store(), oldApp);
      ctx.out.warn("Name is already taken");
      return 0;
    }
    apps(ctx).clone(oldApp, newApp, !a.has("--skip-deploy"));
    return 0;
  }

  static final Command REPORT = PluginReport.of("apps", (ctx, scope) -> new AppReport(ctx.store()).of(scope.app())).type(AppReport.TYPE);

}
