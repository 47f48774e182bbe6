package jokku.cli;

import java.nio.file.Path;
import java.util.List;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.proxy.NginxProperty;
import jokku.proxy.NginxPropertyChange;
import jokku.proxy.NginxValidation;
import jokku.proxy.ProxyService;
import jokku.proxy.ProxySettings;
import jokku.property.Property;
import jokku.property.Scope;

/** {@code nginx:*} (Dokku's nginx-vhosts plugin) on the nginx jokku runs or the host's. */
final class NginxCommands {
  private NginxCommands() {}

  static void register(Registry r) {
    r.command("nginx:access-logs", (c, a) -> logs(c, a, "access"))
        .command("nginx:error-logs", (c, a) -> logs(c, a, "error"))
        .command("nginx:build-config", (c, a) -> ProxyCommands.config(c, a, "nginx:build-config"))
        .command("nginx:report", PluginReport.of("nginx", (ctx, scope) -> proxy(ctx).nginxSettings().report(scope)).global().strippedKeysOnly())
        .command("nginx:set", PropertySet.of(() -> NginxProperty.PROPERTIES).effect(NginxCommands::set))
        .command("nginx:show-config", NginxCommands::showConfig)
        .command("nginx:start", (c, a) -> ProxyCommands.start(c, a, "nginx:start"))
        .command("nginx:stop", (c, a) -> ProxyCommands.stop(c, a, "nginx:stop"))
        .command("nginx:validate-config", NginxCommands::validate);
    r.access(Rule.app(), "nginx:access-logs", "nginx:error-logs", "nginx:set", "nginx:show-config")
        .access(Rule.appOrAll(), "nginx:build-config").access(Rule.listing(), "nginx:report");
  }

  private static ProxyService proxy(Ctx ctx) {
    return new ProxyService(ctx.store(), ctx.out);
  }

  static int showConfig(Ctx ctx, List<String> raw) {
    Args a = Args.parse("nginx:show-config", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    if (!new ProxySettings(ctx.store()).type(app).equals("nginx")) throw new DokkuException("This command is only available for apps with the nginx proxy type");
    if (!ctx.store().appFileExists(app, ProxyService.CONF)) throw new DokkuException("No nginx.conf exists for " + app);
    ctx.out.print(ctx.store().readAppFile(app, ProxyService.CONF));
    return 0;
  }

  static int validate(Ctx ctx, List<String> raw) {
    Args a = Args.parse("nginx:validate-config", raw).atMost(1);
    List<String> apps = ctx.store().apps();
    if (a.size() == 1) {
      AppName.verify(ctx.store(), a.arg(0));
      apps = List.of(a.arg(0));
    }
    ProxyService proxy = proxy(ctx);
    new NginxValidation(proxy, ctx.store(), ctx.out).validate(apps, a.has("--clean"));
    return 0;
  }

  /** {@code nginx:set}'s effect: nginx tries the value, it is stored, and the apps it applies to are rebuilt. */
  private static void set(Ctx ctx, Scope scope, Property p, String value) {
    new NginxPropertyChange(proxy(ctx), ctx.store(), ctx.out).apply(scope, NginxProperty.of(p), value);
  }

  static int logs(Ctx ctx, List<String> raw, String type) {
    String cmd = "nginx:" + type + "-logs";
    Args a = Args.parse(cmd, raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    NginxProperty p = type.equals("access") ? NginxProperty.ACCESS_LOG_PATH : NginxProperty.ERROR_LOG_PATH;
    String path = proxy(ctx).nginxSettings().computed(app, p);
    if (path.equals("off") || path.equals("/dev/null")) throw new DokkuException(type + " logs are disabled for this app");
    FileTail.run(Path.of(path), 20, a.has("-t"), ctx.stdout);
    return 0;
  }
}
