package jokku.cli;

import java.util.List;
import jokku.scheduler.swarm.Cluster;

/** {@code scheduler-swarm:*}: the swarm this engine manages (jokku runs on its manager, as Dokku runs on its server). */
final class SwarmCommands {
  private SwarmCommands() {}

  static void register(Registry r) {
    r.command("scheduler-swarm:initialize", SwarmCommands::initialize)
        .command("scheduler-swarm:cluster-add", SwarmCommands::add)
        .command("scheduler-swarm:cluster-list", SwarmCommands::list)
        .command("scheduler-swarm:cluster-remove", SwarmCommands::remove)
        .command("scheduler-swarm:report", SwarmCommands::report);
  }

  private static Cluster cluster(Ctx ctx) {
    return new Cluster(ctx.engine(), ctx.store(), ctx.out, url -> jokku.engine.Engine.open(url, ctx.env, null, List.of()));
  }

  static int initialize(Ctx ctx, List<String> raw) {
    Args a = Args.parse("scheduler-swarm:initialize", raw).atMost(0);
    cluster(ctx).initialize(a.value("--advertise-addr", ""), a.value("--default-addr-pool", ""));
    return 0;
  }

  static int add(Ctx ctx, List<String> raw) {
    Args a = Args.parse("scheduler-swarm:cluster-add", raw).atMost(1);
    if (a.arg(0).isEmpty()) throw new jokku.DokkuException("Please specify the engine to join (e.g. ssh://root@10.0.0.12)");
    String role = a.value("--role", "worker");
    if (!role.equals("worker") && !role.equals("manager")) throw new jokku.DokkuException("Invalid --role " + role + ": worker or manager");
    cluster(ctx).add(a.arg(0), role, a.value("--advertise-addr", ""));
    return 0;
  }

  static int list(Ctx ctx, List<String> raw) {
    Args.parse("scheduler-swarm:cluster-list", raw).atMost(0);
    List<Cluster.Node> nodes = cluster(ctx).list();
    ctx.out.info2Quiet("Swarm nodes");
    String fmt = "%-27s %-16s %-8s %-12s %-8s %s";
    if (!ctx.quiet) ctx.out.println(String.format(fmt, "ID", "HOSTNAME", "STATUS", "AVAILABILITY", "ROLE", "ADDRESS").stripTrailing());
    for (Cluster.Node n : nodes) {
      ctx.out.println(String.format(fmt, n.id() + (n.self() ? " *" : ""), n.hostname(), n.status(), n.availability(), n.role(), n.address()).stripTrailing());
    }
    return 0;
  }

  static int remove(Ctx ctx, List<String> raw) {
    Args a = Args.parse("scheduler-swarm:cluster-remove", raw).atMost(1);
    if (a.arg(0).isEmpty()) throw new jokku.DokkuException("Please specify a node (its id or hostname)");
    cluster(ctx).remove(a.arg(0));
    return 0;
  }

  static int report(Ctx ctx, List<String> raw) {
    ReportView.Request r = ReportView.parse("scheduler-swarm", raw, true);
    ReportView.checkFormat(r);
    java.util.Map<String, String> flags = cluster(ctx).report();
    ReportView.checkFlag(r, flags.keySet());
    ReportView.print(ctx.out, "scheduler-swarm", "scheduler-swarm", "swarm", flags, r, ReportView.Keys.BOTH, java.util.Map.of());
    return 0;
  }
}
