package jokku.cli;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.network.Listeners;
import jokku.ports.PortMap;
import jokku.property.Scope;
import jokku.proxy.ProxyService;
import jokku.proxy.ProxySettings;
import jokku.store.Store;

/** {@code proxy:*}, {@code url} and {@code urls}: the nginx jokku runs in front of the apps. */
final class ProxyCommands {
  private ProxyCommands() {}

  static void register(Registry r) {
    r.command("proxy:build-config", (c, a) -> config(c, a, "proxy:build-config"))
        .command("proxy:clear-config", (c, a) -> config(c, a, "proxy:clear-config"))
        .command("proxy:enable", (c, a) -> enable(c, a, true))
        .command("proxy:disable", (c, a) -> enable(c, a, false))
        .command("proxy:set", ProxyCommands::set)
        .command("proxy:report", PluginReport.of("proxy", ProxyCommands::report).global())
        .command("proxy:start", (c, a) -> start(c, a, "proxy:start"))
        .command("proxy:stop", (c, a) -> stop(c, a, "proxy:stop"))
        .command("url", (c, a) -> urls(c, a, "url"))
        .command("urls", (c, a) -> urls(c, a, "urls"));
    r.access(Rule.appOrAll(), "proxy:build-config", "proxy:clear-config", "proxy:enable", "proxy:disable")
        .access(Rule.app(), "proxy:set", "url", "urls").access(Rule.listing(), "proxy:report");
  }

  static int config(Ctx ctx, List<String> raw, String cmd) {
    Args a = Args.parse(cmd, raw).atMost(1);
    ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
    boolean build = cmd.endsWith(":build-config");
    if (a.has("--all")) {
      if (a.size() > 0) throw new DokkuException("Specify either --all or an app, not both");
      int failed = 0;
      if (build) failed = proxy.buildAll();
      else for (String app : ctx.store().apps()) proxy.removeConfig(app);
      return failed == 0 ? 0 : 1;
    }
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    if (build) proxy.build(app);
    else proxy.removeConfig(app);
    return 0;
  }

  static int enable(Ctx ctx, List<String> raw, boolean on) {
    String cmd = on ? "proxy:enable" : "proxy:disable";
    Args a = Args.parse(cmd, raw).atMost(1);
    List<String> apps = a.has("--all") ? ctx.store().apps() : List.of(a.arg(0));
    if (!a.has("--all")) AppName.verify(ctx.store(), a.arg(0));
    ProxySettings settings = new ProxySettings(ctx.store());
    ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
    for (String app : apps) {
      if (settings.enabled(app) == on) {
        ctx.out.info1(on ? "Proxy is already enabled for app" : "Proxy is already disabled for app");
        continue;
      }
      ctx.out.info1(on ? "Enabling proxy for app" : "Disabling proxy for app");
      try (Store.Lock lock = ctx.store().lock(app)) {
        settings.setEnabled(app, on);
      }
      proxy.build(app);
    }
    return 0;
  }

  /** {@code proxy:set <app> <type>} (Dokku's form) or {@code proxy:set --global <listen|nginx-conf|type> [<value>]}. */
  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("proxy:set", raw).atMost(maxWords(raw));
    ProxySettings settings = new ProxySettings(ctx.store());
    if (a.has("--global")) {
      String key = a.arg(0);
      if (key.isEmpty()) throw new DokkuException("Please specify a property: " + String.join(", ", ProxySettings.GLOBAL_KEYS));
      String value = ProxySettings.validate(key, a.arg(1));
      if (key.equals("nginx-conf") && !value.isEmpty() && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(value))) {
        throw new DokkuException("nginx-conf " + value + " does not exist");
      }
      ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
      if (key.equals("nginx-conf") && proxy.nginx().layout().managed() && proxy.master().isPresent()) throw new DokkuException("Stop jokku's nginx first (proxy:stop), then switch to the host's nginx");
      String line = value.isEmpty() ? "Unsetting " + key : "Setting " + key + " to " + value;
      if (key.equals("listen")) {
        // every proxied app moves with the setting, all or nothing: the setting is saved once nginx serves it
        ctx.out.info2Quiet(line);
        proxy.changeListen(value);
        return 0;
      }
      try (Store.Lock lock = ctx.store().globalLock()) {
        settings.setGlobal(key, value);
      }
      ctx.out.info2Quiet(line);
      return 0;
    }
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    boolean property = a.arg(1).equals("type"); // Dokku's `proxy:set <app> type [<value>]`; else the older `proxy:set <app> <type>`
    if (!property && a.size() > 2) {
      throw new DokkuException("Invalid property " + a.arg(1) + ", valid properties include: type (the port is the global listen setting: proxy:set --global listen [address:]port)");
    }
    if (!property && a.arg(1).contains(":")) {
      ctx.out.warn("Detected potential port mapping instead of proxy type");
      throw new DokkuException("Consider using ports:set command or specifying a valid proxy");
    }
    if (!property && a.arg(1).length() < 2) throw new DokkuException("Please specify a proxy type");
    String type = ProxySettings.validate("type", property ? a.arg(2) : a.arg(1));
    try (Store.Lock lock = ctx.store().lock(app)) {
      settings.setType(app, type);
    }
    ctx.out.info2Quiet(type.isEmpty() ? "Unsetting type" : "Setting type to " + type);
    return 0;
  }

  /** How many words {@code proxy:set} takes: three for {@code <app> type <value>} and {@code <app> <key> <value>}, else two. */
  private static int maxWords(List<String> raw) {
    return raw.contains("--global") ? 2 : 3;
  }

  static int start(Ctx ctx, List<String> raw, String cmd) {
    Args.parse(cmd, raw).atMost(0);
    ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
    if (proxy.master().isPresent()) {
      ctx.out.info1("nginx is already running (pid " + proxy.master().get() + ")");
      return 0;
    }
    ctx.out.info1Quiet("Starting nginx");
    proxy.start();
    ctx.out.verboseQuiet("Main configuration: " + proxy.nginx().layout().mainConf());
    return 0;
  }

  static int stop(Ctx ctx, List<String> raw, String cmd) {
    Args.parse(cmd, raw).atMost(0);
    ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
    if (proxy.master().isEmpty()) {
      ctx.out.info1Quiet("nginx is not running");
      return 0;
    }
    ctx.out.info1Quiet("Stopping nginx");
    proxy.stop();
    return 0;
  }

  static int urls(Ctx ctx, List<String> raw, String cmd) {
    Args a = Args.parse(cmd, raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    List<String> urls = new ProxyService(ctx.store(), ctx.out).urls(app);
    if (cmd.equals("url")) {
      if (!urls.isEmpty()) ctx.out.println(urls.get(0));
    } else {
      for (String u : urls) ctx.out.println(u);
    }
    return 0;
  }

  private static Map<String, String> report(Ctx ctx, Scope scope) {
    ProxySettings settings = new ProxySettings(ctx.store());
    ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
    Map<String, String> m = settings.report(scope);
    if (scope.isGlobal()) {
      m.put("--proxy-global-listen", settings.listen().toString());
      m.put("--proxy-nginx-conf", proxy.nginx().layout().mainConf().toString());
      m.put("--proxy-nginx-managed", String.valueOf(proxy.nginx().layout().managed()));
      m.put("--proxy-nginx-running", String.valueOf(proxy.master().isPresent()));
      return m;
    }
    String app = scope.app();
    m.put("--proxy-computed-disabled", String.valueOf(!settings.enabled(app)));
    m.put("--proxy-disabled", settings.disabled(app));
    m.put("--proxy-enabled", String.valueOf(settings.enabled(app)));
    m.put("--proxy-port-map", PortMap.formatList(ProxySettings.ports(ctx.store()).effective(app)).replace('\n', ' '));
    m.put("--proxy-web-listeners", String.join(" ", new Listeners(ctx.store()).of(app, "web")));
    m.put("--proxy-config", ctx.store().appFileExists(app, ProxyService.CONF) ? ctx.store().appDir(app).resolve(ProxyService.CONF).toString() : "");
    return m;
  }
}
