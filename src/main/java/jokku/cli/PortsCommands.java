package jokku.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.ports.HostPortUsers;
import jokku.ports.PortMap;
import jokku.ports.Ports;
import jokku.property.Scope;
import jokku.proxy.ProxyService;
import jokku.proxy.ProxySettings;
import jokku.store.Store;

/** {@code ports:*}: the app's {@code scheme:host-port:container-port} maps the proxy listens and forwards by. */
final class PortsCommands {
  private PortsCommands() {}

  static void register(Registry r) {
    r.command("ports:list", PortsCommands::list)
        .command("ports:set", (c, a) -> change(c, a, "ports:set"))
        .command("ports:add", (c, a) -> change(c, a, "ports:add"))
        .command("ports:remove", (c, a) -> change(c, a, "ports:remove"))
        .command("ports:clear", (c, a) -> change(c, a, "ports:clear"))
        .command("ports:report", PluginReport.of("ports", PortsCommands::report).global());
    r.access(Rule.app(), "ports:list", "ports:set", "ports:add", "ports:remove", "ports:clear").access(Rule.listing(), "ports:report");
  }

  static int change(Ctx ctx, List<String> raw, String cmd) {
    Args a = Args.parse(cmd, raw);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    List<String> given = a.positional().subList(1, a.size());
    Ports ports = ProxySettings.ports(ctx.store());
    if (cmd.equals("ports:clear")) a.atMost(1);
    List<PortMap> parsed = switch (cmd) {
      case "ports:set", "ports:add" -> Ports.parseUser(given);
      case "ports:remove" -> Ports.parseRemovals(given);
      default -> List.of();
    };
    ProxyService proxy = new ProxyService(ctx.store(), ctx.out);
    try (Store.Lock claims = ctx.store().claimsLock(); // the ports stay as checked until written
        Store.Lock lock = ctx.store().lock(app)) {
      for (int port : HostPortUsers.unshared(ports, parsed)) {
        ctx.requireOwn("host port " + port, "apps this key does not manage listen on it", () -> HostPortUsers.of(ctx.store(), ports, port, app));
      }
      switch (cmd) {
        case "ports:set" -> {
          proxy.requireBindable(app, parsed);
          ports.setUser(app, parsed);
        }
        case "ports:add" -> {
          List<PortMap> added = ports.withAdded(app, parsed);
          proxy.requireBindable(app, added);
          ports.setUser(app, added);
        }
        case "ports:remove" -> {
          List<PortMap> left = ports.withRemoved(app, parsed);
          if (left.isEmpty()) ports.clearUser(app);
          else ports.setUser(app, left);
        }
        default -> ports.clearUser(app);
      }
    }
    proxy.build(app);
    return 0;
  }

  /** Dokku's columnized listing: {@code -----> Port mappings for <app>}, then scheme, host port, container port. */
  static int list(Ctx ctx, List<String> raw) {
    Args a = Args.parse("ports:list", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    List<PortMap> maps = ProxySettings.ports(ctx.store()).effective(app);
    if (maps.isEmpty()) throw new DokkuException("No port mappings configured for app");
    List<String[]> rows = new ArrayList<>();
    if (!ctx.quiet) rows.add(new String[] {"-----> scheme", "host port", "container port"});
    List<String[]> body = new ArrayList<>();
    for (PortMap m : maps) body.add(new String[] {m.scheme(), String.valueOf(m.host()), String.valueOf(m.container())});
    body.sort(java.util.Comparator.<String[], String>comparing(x -> x[0]).thenComparingInt(x -> Integer.parseInt(x[1])).thenComparingInt(x -> Integer.parseInt(x[2])));
    rows.addAll(body);
    int[] w = new int[3];
    for (String[] row : rows) for (int i = 0; i < 3; i++) w[i] = Math.max(w[i], row[i].length());
    ctx.out.info1Quiet("Port mappings for " + app);
    for (String[] row : rows) {
      String line = "    " + pad(row[0], w[0]) + "  " + pad(row[1], w[1]) + "  " + row[2];
      ctx.out.println(line.stripTrailing());
    }
    return 0;
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  /** Dokku's four keys and jokku's {@code --ports-computed-map}; {@code --global} has none (Dokku's empty report). */
  private static Map<String, String> report(Ctx ctx, Scope scope) {
    Ports ports = ProxySettings.ports(ctx.store());
    Map<String, String> m = new LinkedHashMap<>();
    if (scope.isGlobal()) return m;
    String app = scope.app();
    List<PortMap> user = ports.user(app), detected = ports.detectedOrDefault(app);
    m.put("--ports-map", PortMap.formatList(user).replace('\n', ' '));
    m.put("--ports-map-json", json(user));
    m.put("--ports-map-detected", PortMap.formatList(detected).replace('\n', ' '));
    m.put("--ports-map-detected-json", json(detected));
    m.put("--ports-computed-map", PortMap.formatList(ports.effective(app)).replace('\n', ' '));
    return m;
  }

  /** Go's {@code json.Marshal} of Dokku's {@code []PortMap}: keys container_port, host_port, scheme. */
  private static String json(List<PortMap> maps) {
    StringBuilder b = new StringBuilder("[");
    for (PortMap p : maps) {
      if (b.length() > 1) b.append(',');
      b.append("{\"container_port\":").append(p.container()).append(",\"host_port\":").append(p.host())
          .append(",\"scheme\":").append(jokku.engine.Json.write(p.scheme())).append('}');
    }
    return b.append(']').toString();
  }
}
