package jokku.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.domains.Domains;
import jokku.property.Scope;
import jokku.proxy.ProxyService;
import jokku.store.Store;

/** {@code domains:*}: the domains an app is served on, and the global domains its default domain derives from. */
final class DomainsCommands {
  private DomainsCommands() {}

  static void register(Registry r) {
    r.command("domains:add", (c, a) -> app(c, a, "domains:add", Op.ADD))
        .command("domains:set", (c, a) -> app(c, a, "domains:set", Op.SET))
        .command("domains:remove", (c, a) -> app(c, a, "domains:remove", Op.REMOVE))
        .command("domains:clear", (c, a) -> app(c, a, "domains:clear", Op.CLEAR))
        .command("domains:reset", (c, a) -> app(c, a, "domains:reset", Op.RESET))
        .command("domains:add-global", (c, a) -> global(c, a, "domains:add-global", Op.ADD))
        .command("domains:set-global", (c, a) -> global(c, a, "domains:set-global", Op.SET))
        .command("domains:remove-global", (c, a) -> global(c, a, "domains:remove-global", Op.REMOVE))
        .command("domains:clear-global", (c, a) -> global(c, a, "domains:clear-global", Op.CLEAR))
        .command("domains:report", PluginReport.of("domains", DomainsCommands::report).global().strippedKeys());
    r.access(Rule.app(), "domains:add", "domains:set", "domains:remove", "domains:reset").access(Rule.appOrAll(), "domains:clear").access(Rule.listing(), "domains:report");
  }

  private enum Op { ADD, SET, REMOVE, CLEAR, RESET }

  static int app(Ctx ctx, List<String> raw, String cmd, Op op) {
    if (op == Op.CLEAR && raw.contains("--all")) { // Dokku's domains:clear --all: every app in turn
      Args.parse(cmd, raw).atMost(0);
      for (String each : ctx.store().apps()) app(ctx, List.of(each), cmd, op);
      return 0;
    }
    Args a = Args.parse(cmd, raw);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    List<String> given = a.positional().subList(Math.min(1, a.size()), a.size());
    boolean takesDomains = op == Op.ADD || op == Op.SET || op == Op.REMOVE;
    if (takesDomains && given.isEmpty()) throw new DokkuException("Please specify a domain name. Usage: dokku " + Args.usage(cmd));
    if (!takesDomains) a.atMost(1);
    List<String> domains = op == Op.REMOVE ? lower(given) : Domains.validateAll(given);
    Domains d = new Domains(ctx.store());
    try (Store.Lock lock = ctx.store().lock(app)) {
      List<String> current = d.of(app);
      switch (op) {
        case ADD -> {
          List<String> fresh = new ArrayList<>();
          for (String x : domains) if (!current.contains(x)) fresh.add(x);
          d.checkUnclaimed(app, fresh);
          List<String> next = new ArrayList<>(current);
          next.addAll(fresh);
          d.set(app, next);
          for (String x : domains) ctx.out.info1(fresh.contains(x) ? "Added " + x + " to " + app : "Skipping: " + x + " already added to " + app);
        }
        case SET -> {
          d.checkUnclaimed(app, domains);
          d.set(app, domains);
          ctx.out.info1("Set " + String.join(" ", domains) + " for " + app);
        }
        case REMOVE -> {
          List<String> next = new ArrayList<>(current);
          next.removeAll(domains);
          d.set(app, next);
          for (String x : domains) ctx.out.info1("Removed " + x + " from " + app);
        }
        case CLEAR -> {
          d.clear(app);
          ctx.out.info1("Cleared domains in " + app);
        }
        case RESET -> {
          d.checkUnclaimed(app, d.defaults(app));
          d.reset(app);
          ctx.out.info1Quiet("Reset domains for " + app);
        }
      }
    }
    new ProxyService(ctx.store(), ctx.out).build(app);
    return 0;
  }

  static int global(Ctx ctx, List<String> raw, String cmd, Op op) {
    Args a = Args.parse(cmd, raw);
    List<String> given = a.positional();
    if (op == Op.CLEAR) a.atMost(0);
    else if (given.isEmpty()) throw new DokkuException("Please specify a domain name. Usage: dokku " + Args.usage(cmd));
    List<String> domains = op == Op.REMOVE ? lower(given) : Domains.validateAll(given);
    Domains d = new Domains(ctx.store());
    try (Store.Lock lock = ctx.store().globalLock()) {
      List<String> current = d.global();
      switch (op) {
        case ADD -> {
          List<String> next = new ArrayList<>(current);
          for (String x : domains) {
            if (next.contains(x)) {
              ctx.out.info1("Skipping " + x + ": already added");
            } else {
              next.add(x);
              ctx.out.info1("Added " + x);
            }
          }
          d.setGlobal(next);
        }
        case SET -> {
          d.setGlobal(domains);
          ctx.out.info1("Set " + String.join(" ", domains));
        }
        case REMOVE -> {
          List<String> next = new ArrayList<>(current);
          next.removeAll(domains);
          d.setGlobal(next);
          for (String x : domains) ctx.out.info1("Removed " + x);
        }
        default -> {
          ctx.out.info1Quiet("Clearing global domains");
          d.setGlobal(List.of());
        }
      }
    }
    int failed = new ProxyService(ctx.store(), ctx.out).rebuildConfigured(app -> !d.hasOwnList(app));
    return failed == 0 ? 0 : 1;
  }

  private static List<String> lower(List<String> l) {
    List<String> out = new ArrayList<>();
    for (String s : l) out.add(s.toLowerCase(java.util.Locale.ROOT));
    return out;
  }

  private static Map<String, String> report(Ctx ctx, Scope scope) {
    Domains d = new Domains(ctx.store());
    Map<String, String> m = new LinkedHashMap<>();
    String globalVhosts = d.globalEnabled() ? String.join(" ", d.global()) : "";
    m.put("--domains-global-enabled", String.valueOf(d.globalEnabled()));
    m.put("--domains-global-vhosts", globalVhosts);
    if (scope.isGlobal()) return m;
    List<String> vhosts = d.of(scope.app());
    m.put("--domains-app-enabled", String.valueOf(!vhosts.isEmpty()));
    m.put("--domains-app-vhosts", String.join(" ", vhosts));
    return m;
  }
}
