package jokku.cli;

import java.util.List;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.deploy.Platform;
import jokku.deploy.StateFiles;
import jokku.engine.Json;
import jokku.scheduler.ProcessStatus;
import jokku.scheduler.local.AppLogs;
import jokku.scheduler.local.AppProcesses;
import jokku.scheduler.local.EnterTarget;
import jokku.scheduler.local.FailedLogs;
import jokku.scheduler.local.SanitizedInspect;
import jokku.store.Store;

/** {@code logs}, {@code logs:failed}, {@code enter} and {@code ps:inspect}: looking at and into an app's deploy containers. */
final class AppLogsCommands {
  private AppLogsCommands() {}

  static void register(Registry r) {
    r.command("logs", AppLogsCommands::logs)
        .command("logs:failed", AppLogsCommands::failed)
        .command("enter", AppLogsCommands::enter)
        .command("ps:inspect", AppLogsCommands::inspect);
    r.access(Rule.appOrAll(), "logs", "logs:failed");
    r.access(Rule.app(), "enter", "ps:inspect");
  }

  static int logs(Ctx ctx, List<String> raw) {
    Args a = Args.parse("logs", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    String num = a.value("-n", a.value("--num", "100"));
    if (!num.matches("\\d{1,9}")) throw new DokkuException("Invalid value for -n: '" + num + "' (expected a number of lines)");
    AppLogs.Options o = new AppLogs.Options(Integer.parseInt(num), a.has("-t") || a.has("--tail"), a.value("-p", a.value("--ps", "")),
        a.has("-q") || a.has("--quiet") || ctx.quiet); // `--quiet` reaches here as the global flag
    new AppLogs(DeployWiring.platform(ctx)).print(app, o, ctx.stdout);
    return 0;
  }

  static int failed(Ctx ctx, List<String> raw) {
    Args a = Args.parse("logs:failed", raw).atMost(1);
    List<String> apps = a.has("--all") ? ctx.store().apps() : List.of(a.arg(0));
    if (!a.has("--all")) AppName.verify(ctx.store(), a.arg(0));
    FailedLogs logs = new FailedLogs(ctx.store());
    for (String app : apps) {
      if (!logs.exists(app)) ctx.out.warn("No failed containers found");
      else ctx.out.print(logs.read(app));
    }
    return 0;
  }

  /** {@code enter <app> [<proc> | --container-id <id>] [--] [<cmd>...]}: parsed as Dokku does, the command untouched. */
  static int enter(Ctx ctx, List<String> raw) {
    if (raw.isEmpty()) throw new DokkuException("Please specify an app to run the command on");
    String app = raw.get(0);
    AppName.verify(ctx.store(), app);
    String proc = "", id = "";
    int i = 1;
    while (i < raw.size()) {
      String t = raw.get(i);
      if (t.startsWith("--container-id=")) {
        id = t.substring("--container-id=".length());
        i++;
      } else if (t.equals("--container-id")) {
        if (i + 1 >= raw.size()) throw new DokkuException("expected --container-id to have an argument");
        id = raw.get(i + 1);
        i += 2;
      } else {
        if (!t.equals("--")) {
          proc = t;
          i++;
        }
        break;
      }
    }
    if (i < raw.size() && raw.get(i).equals("--")) i++;
    List<String> cmd = raw.subList(Math.min(i, raw.size()), raw.size());
    Platform p = DeployWiring.platform(ctx);
    String container = EnterTarget.choose(app, new AppProcesses(p).statuses(app), proc, id, ctx.out::warn);
    if (cmd.isEmpty()) cmd = List.of(shell(ctx.store(), app));
    try (Terminal term = Terminal.forRun(ctx, false)) {
      boolean tty = term != null;
      return ctx.engine().execs().attached(container, cmd, tty, tty, tty ? term.rows : 0, tty ? term.cols : 0, ctx.in, ctx.stdout, ctx.stderr);
    }
  }

  /** Dokku's {@code scheduler shell} property (app, then global), else {@code /bin/bash}. */
  private static String shell(Store s, String app) {
    return new jokku.property.PropertyValues(s).computed(jokku.scheduler.SchedulerSettings.SHELL, app);
  }

  /** The engine's inspect of each deploy container, env values sanitized as Dokku does, as one JSON array. */
  static int inspect(Ctx ctx, List<String> raw) {
    Args a = Args.parse("ps:inspect", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    Platform p = DeployWiring.platform(ctx);
    if (!new StateFiles(p.store()).isDeployed(app)) throw new DokkuException("App " + app + " has not been deployed");
    List<Object> all = new java.util.ArrayList<>();
    for (ProcessStatus s : new AppProcesses(p).statuses(app)) {
      ctx.engine().inspectDocument(s.id(), SanitizedInspect::entry).ifPresent(all::add);
    }
    ctx.out.println(Json.write(all));
    return 0;
  }
}
