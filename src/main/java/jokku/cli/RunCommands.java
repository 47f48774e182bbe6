package jokku.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.engine.ContainerSummary;
import jokku.run.OneOffSpec;
import jokku.run.RunRetirement;
import jokku.run.RunService;

/** {@code run}, {@code run:detached}, {@code run:list}, {@code run:stop}, {@code run:retire}: one-off containers of an app. */
final class RunCommands {
  private RunCommands() {}

  static void register(Registry r) {
    r.command("run", (ctx, raw) -> run(ctx, raw, false))
        .command("run:detached", (ctx, raw) -> run(ctx, raw, true))
        .command("run:list", RunCommands::list)
        .command("run:stop", RunCommands::stop)
        .command("run:retire", RunCommands::retire);
    r.access(Rule.app(), "run", "run:detached", "run:list", "run:stop");
  }

  /** Flags before the app name; everything after it is the command, untouched. */
  record RunArgs(String app, List<String> command, Map<String, String> env, boolean noTty, boolean tty, long ttl) {}

  static RunArgs parse(String cmd, List<String> raw) {
    Map<String, String> env = new LinkedHashMap<>();
    boolean noTty = false, tty = false;
    long ttl = OneOffSpec.DEFAULT_DEADLINE_SECONDS;
    for (int i = 0; i < raw.size(); i++) {
      String t = raw.get(i);
      if (t.equals("--")) return done(raw, i + 1, env, noTty, tty, ttl);
      if (!t.startsWith("-") || t.equals("-")) return done(raw, i, env, noTty, tty, ttl);
      String name = t, value = null;
      if (t.startsWith("--") && t.indexOf('=') > 0) {
        name = t.substring(0, t.indexOf('='));
        value = t.substring(t.indexOf('=') + 1);
      } else if (t.startsWith("-e") && t.length() > 2 && !t.startsWith("--")) {
        name = "-e";
        value = t.substring(2);
      }
      switch (name) {
        case "-e", "--env" -> {
          if (value == null) value = next(raw, ++i, name);
          int eq = value.indexOf('=');
          if (eq <= 0) throw new DokkuException(2, "invalid argument \"" + value + "\" for \"-e, --env\" flag: " + value + " must be formatted as key=value");
          env.put(value.substring(0, eq), value.substring(eq + 1));
        }
        case "--no-tty" -> noTty = true;
        case "--tty", "--force-tty" -> tty = true;
        case "--ttl-seconds" -> {
          if (value == null) value = next(raw, ++i, name);
          if (!value.matches("[1-9]\\d{0,9}")) throw new DokkuException("--ttl-seconds must be a positive integer");
          ttl = Long.parseLong(value);
        }
        default -> throw new DokkuException(2, "unknown flag: " + name + " for " + cmd + " (valid flags: -e/--env, --no-tty, --tty, --ttl-seconds)");
      }
    }
    return done(raw, raw.size(), env, noTty, tty, ttl);
  }

  private static RunArgs done(List<String> raw, int appAt, Map<String, String> env, boolean noTty, boolean tty, long ttl) {
    if (noTty && tty) throw new DokkuException("Cannot specify both --tty and --no-tty");
    String app = appAt < raw.size() ? raw.get(appAt) : "";
    List<String> command = appAt + 1 < raw.size() ? new ArrayList<>(raw.subList(appAt + 1, raw.size())) : List.of();
    return new RunArgs(app, command, env, noTty, tty, ttl);
  }

  private static String next(List<String> raw, int i, String flag) {
    if (i >= raw.size()) throw new DokkuException(2, "flag needs an argument: " + flag);
    return raw.get(i);
  }

  static int run(Ctx ctx, List<String> raw, boolean detached) {
    RunArgs a = parse(detached ? "run:detached" : "run", raw);
    AppName.verify(ctx.store(), a.app());
    RunService svc = DeployWiring.scheduler(ctx, a.app()).runner(a.app());
    RunService.Prepared p = svc.prepare(new RunService.Request(a.app(), a.command(), a.env(), a.ttl(), ctx.trace));
    if (!p.procfileKey().isEmpty()) ctx.out.info1Quiet("Found '" + p.procfileKey() + "' in Procfile, running that command");
    if (detached) {
      ctx.out.println(svc.runDetached(p.spec()));
      return 0;
    }
    ctx.stdout.flush();
    Terminal term = a.noTty() ? null : Terminal.forRun(ctx, a.tty());
    if (term == null) return svc.run(p.spec(), ctx.in, ctx.stdout, ctx.stderr);
    try (term) {
      return svc.run(p.spec().tty(true).consoleSize(term.rows, term.cols), ctx.in, ctx.stdout, ctx.stderr);
    }
  }

  static int list(Ctx ctx, List<String> raw) {
    Args a = Args.parse("run:list", raw).atMost(1);
    String format = a.value("--format", "stdout");
    if (!format.equals("stdout") && !format.equals("json")) throw new DokkuException("Invalid format specified, use either stdout or json");
    List<ContainerSummary> l = new RunService(ctx.engine(), ctx.store(), ctx.extraLabels()).list(a.arg(0));
    if (format.equals("json")) {
      ctx.out.println(RunView.json(l));
      return 0;
    }
    ctx.out.info2Quiet(a.arg(0) + " run containers");
    RunView.table(ctx.out, l, System.currentTimeMillis() / 1000, ctx.quiet);
    return 0;
  }

  static int stop(Ctx ctx, List<String> raw) {
    Args a = Args.parse("run:stop", raw).atMost(2);
    String app = a.arg(0), name = a.value("--container", a.arg(1));
    if (app.isEmpty() && !name.isEmpty()) {
      String[] parts = name.split("\\.");
      if (parts.length != 3) throw new DokkuException("Invalid container name specified: " + name);
      if (!parts[1].equals("run")) throw new DokkuException("Specified container must be a run container");
      app = parts[0];
    }
    if (app.isEmpty()) throw new DokkuException("No container or app specified");
    List<String> stopped = new RunService(ctx.engine(), ctx.store(), ctx.extraLabels()).stop(app, name);
    if (stopped.isEmpty() && !ctx.quiet) ctx.out.println("No run containers exist");
    for (String s : stopped) ctx.out.println(s);
    return 0;
  }

  /** {@code run:retire [<app>]}: run containers past their deadline, of one app or of every app; exit 1 if any stays. */
  static int retire(Ctx ctx, List<String> raw) {
    Args a = Args.parse("run:retire", raw).atMost(1);
    String app = a.arg(0);
    if (!app.isEmpty()) AppName.verify(ctx.store(), app);
    return retireRunContainers(ctx, app);
  }

  /** Shared with {@code ps:retire}, which ends with the run containers of every app, as Dokku's does. */
  static int retireRunContainers(Ctx ctx, String app) {
    int failed = new RunRetirement(ctx.engine(), ctx.store(), ctx.out).retire(app, System.currentTimeMillis() / 1000);
    return failed == 0 ? 0 : 1;
  }
}
