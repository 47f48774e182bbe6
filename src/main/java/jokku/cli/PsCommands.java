package jokku.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.scheduler.ProcessStatus;
import jokku.deploy.Scale;
import jokku.scheduler.Scheduler;
import jokku.dockeroptions.DockerOptions;
import jokku.dockeroptions.Phase;
import jokku.scheduler.Schedulers;
import jokku.property.PropertyValues;
import jokku.property.PsSettings;
import jokku.property.Scope;
import jokku.store.Store;

/** {@code ps:scale|report|rebuild|restart|stop|start|retire}: an app's processes, on the app's scheduler. */
final class PsCommands {
  private PsCommands() {}

  static void register(Registry r) {
    r.command("ps:scale", PsCommands::scale)
        .command("ps:report", PluginReport.of("ps", PsCommands::reportFlags).global())
        .command("ps:rebuild", PsCommands::rebuild)
        .command("ps:restart", PsCommands::restart)
        .command("ps:stop", PsCommands::stop)
        .command("ps:start", PsCommands::start)
        .command("ps:retire", PsCommands::retire);
    r.access(Rule.app(), "ps:scale").access(Rule.appOrAll(), "ps:rebuild", "ps:restart", "ps:stop", "ps:start")
        .access(Rule.listing(), "ps:report");
  }

  static int scale(Ctx ctx, List<String> raw) {
    Args a = Args.parse("ps:scale", raw);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    List<String> tuples = a.positional().subList(1, a.size());
    String format = a.value("--format", "stdout");
    if (!format.equals("stdout") && !format.equals("json")) throw new DokkuException("Format must be \"stdout\" or \"json\": \"" + format + "\"");
    if (tuples.isEmpty() && format.equals("json")) { // Dokku's []Formation
      List<String> items = new ArrayList<>();
      new java.util.TreeMap<>(new Scale(ctx.store()).read(app)).forEach((proc, n) -> items.add("{\"process_type\":" + jokku.engine.Json.write(proc) + ",\"quantity\":" + n + "}"));
      ctx.out.println("[" + String.join(",", items) + "]");
      return 0;
    }
    if (tuples.isEmpty()) {
      ctx.out.info1Quiet("Scaling for " + app);
      if (!ctx.quiet) {
        ctx.out.println("proctype: qty");
        ctx.out.println("--------: ---");
      }
      Map<String, Integer> formation = new java.util.TreeMap<>(new Scale(ctx.store()).read(app));
      formation.forEach((proc, n) -> ctx.out.println(pad(proc + ":", 5) + " " + n));
      return 0;
    }
    Map<String, Integer> updates = Scale.parse(tuples, false);
    DeployWiring.scheduler(ctx, app).scale(app, updates, !a.has("--skip-deploy"));
    return 0;
  }

  private static String pad(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }

  /**
   * Dokku's {@code ps:report} flags: raw values (empty when unset) beside the computed ones, under both Dokku 0.3x
   * keys ({@code --stop-timeout-seconds}, ...) and the current ones ({@code --ps-stop-timeout-seconds}, ...). The
   * computed restart policy is a {@code --restart} deploy docker-option when there is one.
   */
  private static Map<String, String> reportFlags(Ctx ctx, Scope scope) {
    Store s = ctx.store();
    PsSettings ps = new PsSettings(s);
    PropertyValues v = ps.values();
    // the declarations' rows; an app's computed restart policy is its deploy-phase --restart option first
    Map<String, String> f = PsSettings.PROPERTIES.report(v, scope,
        (p, sc) -> p == PsSettings.RESTART_POLICY && !sc.isGlobal() ? restartPolicy(s, sc.app()) : v.computed(p, sc));
    // Dokku's unprefixed stop-timeout rows, the process rows, can-scale and restore: not rows of a declaration
    f.put("--global-stop-timeout-seconds", f.get("--ps-global-stop-timeout-seconds"));
    if (scope.isGlobal()) return f;
    String app = scope.app();
    Scheduler scheduler = DeployWiring.scheduler(ctx, app);
    List<ProcessStatus> statuses = scheduler.statuses(app);
    f.put("--deployed", String.valueOf(scheduler.isDeployed(app)));
    f.put("--processes", String.valueOf(statuses.size()));
    f.put("--ps-can-scale", String.valueOf(!"false".equals(v.get(PsSettings.CAN_SCALE, scope))));
    f.put("--restore", String.valueOf(ps.restore(app)));
    f.put("--running", ProcessStatus.runningState(statuses));
    f.put("--stop-timeout-seconds", f.get("--ps-stop-timeout-seconds"));
    f.put("--computed-stop-timeout-seconds", f.get("--ps-computed-stop-timeout-seconds"));
    for (ProcessStatus st : statuses) {
      f.put("--status-" + st.dyno(), st.state() + " (CID: " + st.id().substring(0, Math.min(11, st.id().length())) + ")");
    }
    return f;
  }

  /** The deploy-phase {@code --restart} docker option, else the ps restart-policy (app, global, Dokku's default). */
  private static String restartPolicy(Store s, String app) {
    for (String o : new DockerOptions(s).forPhase(app, Phase.DEPLOY)) {
      if (o.startsWith("--restart=")) return o.substring("--restart=".length());
      if (o.startsWith("--restart ")) return o.substring("--restart ".length()).trim();
    }
    return new PsSettings(s).restartPolicy(app);
  }

  static int rebuild(Ctx ctx, List<String> raw) {
    return eachApp(ctx, "ps:rebuild", raw, 0, (s, app, rest) -> {
      if (!s.rebuild(app, DeployWiring.schedulers(ctx).builds(app))) ctx.out.warn("App " + app + " has not been deployed");
    });
  }

  static int restart(Ctx ctx, List<String> raw) {
    return eachApp(ctx, "ps:restart", raw, 1, (d, app, rest) -> {
      if (!d.isDeployed(app)) {
        ctx.out.warn("App " + app + " has not been deployed");
        return;
      }
      if (rest.isEmpty()) d.deploy(app);
      else d.restartProcess(app, rest.get(0));
    });
  }

  static int stop(Ctx ctx, List<String> raw) {
    return eachApp(ctx, "ps:stop", raw, 0, (s, app, rest) -> {
      if (!s.stop(app)) ctx.out.warn("App " + app + " has not been deployed");
    });
  }

  static int start(Ctx ctx, List<String> raw) {
    return eachApp(ctx, "ps:start", raw, 0, (s, app, rest) -> {
      if (!s.start(app)) ctx.out.warn("App " + app + " has not been deployed");
    });
  }

  static int retire(Ctx ctx, List<String> raw) {
    Args.parse("ps:retire", raw).atMost(0);
    ctx.out.info1Quiet("Retiring old containers and images");
    DeployWiring.schedulers(ctx).retireAll();
    return RunCommands.retireRunContainers(ctx, "");
  }

  interface AppAction {
    void run(Scheduler scheduler, String app, List<String> rest);
  }

  /** {@code [--all|<app>] [extra...]}: one app, or every app in turn (failures counted, as Dokku does). */
  static int eachApp(Ctx ctx, String cmd, List<String> raw, int extra, AppAction action) {
    Args a = Args.parse(cmd, raw);
    // Dokku's --parallel <n> (with --all): accepted, and the apps are still done one after another
    if (a.has("--parallel") && !a.value("--parallel", "").matches("-?\\d{1,4}")) throw new DokkuException("Invalid value for --parallel: '" + a.value("--parallel", "") + "' (expected a number)");
    Schedulers schedulers = DeployWiring.schedulers(ctx);
    if (a.has("--all")) {
      a.atMost(extra);
      List<String> apps = ctx.store().apps();
      if (apps.isEmpty()) {
        ctx.out.warn("You haven't deployed any applications yet");
        return 0;
      }
      int failed = 0;
      for (String app : apps) {
        try {
          action.run(schedulers.of(app), app, a.positional());
        } catch (DokkuException e) {
          if (!e.getMessage().isEmpty()) ctx.out.warn(e.getMessage());
          failed++;
        }
      }
      if (failed > 0) throw new DokkuException(cmd.substring(3) + " command returned " + failed + " errors");
      return 0;
    }
    a.atMost(1 + extra);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    action.run(schedulers.of(app), app, new ArrayList<>(a.positional().subList(1, a.size())));
    return 0;
  }
}
