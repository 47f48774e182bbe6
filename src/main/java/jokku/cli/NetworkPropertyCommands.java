package jokku.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.engine.EngineException;
import jokku.engine.EngineUnreachable;
import jokku.engine.NetworkInfo;
import jokku.network.NetworkProperties;
import jokku.network.NetworkReport;
import jokku.network.NetworkUsers;
import jokku.property.Scope;
import jokku.store.Store;

/** {@code network:set} and {@code network:report}: the app-level network properties. */
final class NetworkPropertyCommands {
  private NetworkPropertyCommands() {}

  static void register(Registry r) {
    r.command("network:set", NetworkPropertyCommands::set).command("network:report", REPORT);
    r.access(Rule.app(), "network:set").access(Rule.listing(), "network:report");
  }

  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:set", raw);
    boolean global = a.has("--global");
    List<String> pos = a.positional();
    if (!global) AppName.verify(ctx.store(), a.arg(0));
    Scope scope = global ? Scope.GLOBAL : Scope.app(a.arg(0));
    int first = global ? 0 : 1;
    String key = a.arg(first);
    List<String> words = pos.size() > first + 1 ? pos.subList(first + 1, pos.size()) : List.of();
    NetworkProperties props = new NetworkProperties(ctx.store());
    NetworkProperties.Change c = props.validate(scope, key, words);
    String why = c.property().property.reaches(c.value());
    if (why != null) ctx.requireHostAccess("network " + key + " " + c.value(), why);
    try (Store.Lock claims = ctx.store().claimsLock()) { // the networks stay as checked until written
      if (!global) requireOwnNetworks(ctx, scope.app(), key, c.networks());
      if (!global && !c.clears()) DeployWiring.scheduler(ctx, scope.app()).checkNetworks(scope.app(), c.networks());
      props.apply(c);
    }
    PropertySet.announce(ctx, c.property().key, c.value());
    warnMissing(ctx, c.networks());
    return 0;
  }

  /**
   * For a key that is not an admin: every network named must be used by its own apps only (see {@link NetworkUsers}),
   * other apps' settings checked for all of them before the engine is asked about containers. {@code bridge} and
   * {@code none} are every app's default ({@code host} is refused as reaching the host).
   */
  private static void requireOwnNetworks(Ctx ctx, String app, String key, List<String> networks) {
    List<String> named = networks.stream().filter(n -> !NetworkProperties.NOT_ATTACHABLE.contains(n)).toList();
    String shared = "apps or containers this key does not manage are on that network";
    for (String n : named) ctx.requireOwn("network " + key + " " + n, shared, () -> NetworkUsers.configured(ctx.store(), n, app));
    for (String n : named) ctx.requireOwn("network " + key + " " + n, shared, () -> NetworkUsers.attached(ctx.engine(), n, app));
  }

  /** Dokku does not check networks at set time, and neither does jokku, but it says when one does not exist yet. */
  private static void warnMissing(Ctx ctx, List<String> networks) {
    if (networks.isEmpty()) return;
    Set<String> existing = new HashSet<>();
    try {
      for (NetworkInfo n : ctx.engine().listNetworks()) existing.add(n.name());
    } catch (EngineUnreachable | EngineException e) {
      ctx.out.warn("Could not check that the network exists: " + e.getMessage());
      return;
    }
    for (String n : networks) {
      if (!existing.contains(n)) ctx.out.warn("Network " + n + " does not exist yet; create it with `network:create " + n + "` before deploying");
    }
  }

  private static final Command REPORT = PluginReport.of(NetworkReport.TYPE, (ctx, scope) -> {
    NetworkReport report = new NetworkReport(ctx.store());
    return scope.isGlobal() ? report.global() : report.app(scope.app());
  }).global().strippedKeys();

}
