package jokku.cli;

import java.util.List;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.apps.AppReport;
import jokku.apps.Apps;
import jokku.domains.Domains;
import jokku.engine.Json;
import jokku.proxy.ProxyService;

/** {@code apps:create|destroy|list|exists|rename|clone|report}. */
final class AppsCommands {
  private final DeployHooks hooks;

  private AppsCommands(DeployHooks hooks) {
    this.hooks = hooks;
  }

  static void register(Registry r, DeployHooks hooks) {
    AppsCommands c = new AppsCommands(hooks);
    r.command("apps:create", AppsCommands::create)
        .command("apps:destroy", c::destroy)
        .command("apps:list", AppsCommands::list)
        .command("apps:exists", AppsCommands::exists)
        .command("apps:rename", c::rename)
        .command("apps:clone", c::copy)
        .command("apps:report", REPORT);
    r.access(Rule.ANYONE, "apps:list");
    r.access(Rule.app(), "apps:destroy", "apps:exists");
    r.access(Rule.listing(), "apps:report");
  }

  private static Apps apps(Ctx ctx) {
    return new Apps(ctx.store(), ctx::engine);
  }

  /** Dokku's lines: {@code -----> Creating <app>...} (quiet-able), {@code -----> Destroying <app> (including all add-ons)}. */
  private static Apps.Events events(Ctx ctx) {
    return new Apps.Events() {
      @Override
      public void creating(String app) {
        ctx.out.info1Quiet("Creating " + app + "...");
      }

      @Override
      public void destroying(String app) {
        ctx.out.info1("Destroying " + app + " (including all add-ons)");
      }
    };
  }

  /** {@link #events} that also remove the app's processes from its scheduler (services, ...) before its state goes. */
  private Apps.Events destroyEvents(Ctx ctx) {
    Apps.Events plain = events(ctx);
    return new Apps.Events() {
      @Override
      public void creating(String app) {
        plain.creating(app);
      }

      @Override
      public void destroying(String app) {
        plain.destroying(app);
        hooks.appDestroying(ctx, app);
      }
    };
  }

  static int create(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:create", raw).atMost(1);
    apps(ctx).create(a.arg(0), events(ctx));
    return 0;
  }

  int destroy(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:destroy", raw, "--force").atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    boolean force = ctx.force || a.has("--force") || "1".equals(ctx.env.get("DOKKU_APPS_FORCE_DELETE"));
    if (!force) NetworkCommands.confirm(ctx, app, "app");
    apps(ctx).destroy(app, destroyEvents(ctx));
    new ProxyService(ctx.store(), ctx.out).forget(app);
    hooks.appDestroyed(ctx, app);
    return 0;
  }

  static int list(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:list", raw, "--format=").atMost(0);
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

  int rename(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:rename", raw, "--skip-deploy").atMost(2);
    String oldApp = a.arg(0), newApp = a.arg(1);
    Apps apps = apps(ctx);
    apps.checkPair(oldApp, newApp);
    ctx.out.info1Quiet("Renaming " + oldApp + " to " + newApp);
    boolean hadContainers = apps.rename(oldApp, newApp, destroyEvents(ctx));
    proxyAfterCopy(ctx, oldApp, newApp, true);
    if (!a.has("--skip-deploy")) hooks.appCopied(ctx, newApp, hadContainers);
    return 0;
  }

  int copy(Ctx ctx, List<String> raw) {
    Args a = Args.parse("apps:clone", raw, "--skip-deploy", "--ignore-existing")
        .atMost(2);
    String oldApp = a.arg(0), newApp = a.arg(1);
    Apps apps = apps(ctx);
    if (a.has("--ignore-existing") && !newApp.isEmpty() && ctx.store().appExists(newApp)) {
      AppName.verify(ctx.store(), oldApp);
      ctx.out.warn("Name is already taken");
      return 0;
    }
    apps.checkPair(oldApp, newApp);
    ctx.out.info1Quiet("Cloning " + oldApp + " to " + newApp);
    apps.clone(oldApp, newApp, events(ctx));
    proxyAfterCopy(ctx, oldApp, newApp, false);
    if (!a.has("--skip-deploy") && hooks.active()) hooks.appCopied(ctx, newApp, apps.hasContainers(oldApp));
    return 0;
  }

  /** The copied domains follow the new name; the old app leaves nginx (rename); a static listener is served at once. */
  private static void proxyAfterCopy(Ctx ctx, String oldApp, String newApp, boolean renamed) {
    new Domains(ctx.store()).renameDefaults(oldApp, newApp);
    ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
    if (renamed) proxy.forget(oldApp);
    proxy.buildIfListening(newApp);
  }

  static final Command REPORT = PluginReport.of("apps", (ctx, app) -> new AppReport(ctx.store()).of(app)).type(AppReport.TYPE);

}
