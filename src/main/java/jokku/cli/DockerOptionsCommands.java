package jokku.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.dockeroptions.DockerOptions;
import jokku.dockeroptions.Phase;
import jokku.property.Scope;

/** {@code docker-options:add|remove|clear|list|report}: container options per app, phase and process type. */
final class DockerOptionsCommands {
  private DockerOptionsCommands() {}

  static void register(Registry r) {
    r.command("docker-options:add", (ctx, raw) -> change(ctx, raw, "docker-options:add", true))
        .command("docker-options:remove", (ctx, raw) -> change(ctx, raw, "docker-options:remove", false))
        .command("docker-options:clear", DockerOptionsCommands::clear)
        .command("docker-options:list", DockerOptionsCommands::list)
        .command("docker-options:report", PluginReport.of("docker-options", DockerOptionsCommands::report).strippedKeys().title("docker options"));
    r.access(Rule.app(), "docker-options:add", "docker-options:remove", "docker-options:clear", "docker-options:list")
        .access(Rule.listing(), "docker-options:report");
  }

  /** {@code --process P} flags before the app (pflag without interspersed flags), then the positionals. */
  private record Leading(List<String> processes, List<String> rest) {}

  private static Leading leading(String command, List<String> raw) {
    List<String> processes = new ArrayList<>();
    int i = 0;
    while (i < raw.size() && raw.get(i).startsWith("--")) {
      String t = raw.get(i);
      if (t.equals("--process")) {
        if (i + 1 >= raw.size()) throw new DokkuException(2, "flag needs an argument: --process");
        processes.add(raw.get(i + 1));
        i += 2;
      } else if (t.startsWith("--process=")) {
        processes.add(t.substring("--process=".length()));
        i++;
      } else {
        throw new DokkuException(2, "unknown flag: " + t + " for " + command + " (valid flags: --process)");
      }
    }
    return new Leading(processes, raw.subList(i, raw.size()));
  }

  static int change(Ctx ctx, List<String> raw, String command, boolean add) {
    Leading l = leading(command, raw);
    String app = l.rest().isEmpty() ? "" : l.rest().get(0);
    AppName.verify(ctx.store(), app);
    String phasesArg = l.rest().size() > 1 ? l.rest().get(1) : "";
    String text = l.rest().size() > 2 ? String.join(" ", l.rest().subList(2, l.rest().size())) : "";
    String missing = add ? "Please specify docker options to add to the phase" : "Please specify docker options to remove from the phase";
    if (phasesArg.isEmpty() && text.isBlank()) throw new DokkuException(missing);
    List<Phase> phases = Phase.parseList(phasesArg);
    DockerOptions.Input in = DockerOptions.split(text);
    if (in.options().isEmpty()) throw new DokkuException(missing);
    if (add) {
      for (jokku.dockeroptions.ParsedOption o : in.options()) {
        String why = o.reachesHost();
        if (why != null) ctx.requireHostAccess("the docker option " + o.text(), why);
      }
    }
    List<String> processes = new ArrayList<>(l.processes());
    processes.addAll(in.processes());
    List<String> scopes = DockerOptions.scopes(processes, phases);
    DockerOptions options = new DockerOptions(ctx.store());
    if (add) options.add(app, scopes, phases, in.options());
    else options.remove(app, scopes, phases, in.options());
    return 0;
  }

  static int clear(Ctx ctx, List<String> raw) {
    Leading l = leading("docker-options:clear", raw);
    if (l.rest().size() > 2) throw Args.tooMany("docker-options:clear", l.rest().subList(2, l.rest().size()));
    String app = l.rest().isEmpty() ? "" : l.rest().get(0);
    AppName.verify(ctx.store(), app);
    String phasesArg = l.rest().size() > 1 ? l.rest().get(1) : "";
    DockerOptions options = new DockerOptions(ctx.store());
    if (l.processes().isEmpty()) {
      List<Phase> phases = phasesArg.isEmpty() ? List.of(Phase.values()) : Phase.parseList(phasesArg);
      if (phasesArg.isEmpty()) ctx.out.info1("Clearing docker-options for " + app + " on all phases");
      else for (Phase p : phases) ctx.out.info1("Clearing docker-options for " + app + " on phase " + p.id());
      options.clear(app, List.of(DockerOptions.DEFAULT_SCOPE), phases);
      return 0;
    }
    List<Phase> phases = phasesArg.isEmpty() ? List.of(Phase.DEPLOY) : Phase.parseList(phasesArg);
    List<String> scopes = DockerOptions.scopes(l.processes(), phases);
    for (String proc : scopes) {
      for (Phase p : phases) ctx.out.info1("Clearing docker-options for " + app + " on phase " + p.id() + " for process " + proc);
    }
    options.clear(app, scopes, phases);
    return 0;
  }

  static int list(Ctx ctx, List<String> raw) {
    Args a = Args.parse("docker-options:list", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    String phaseArg = a.value("--phase", "");
    if (phaseArg.isEmpty()) throw new DokkuException("--phase is required");
    Phase phase;
    try {
      phase = Phase.of(phaseArg);
    } catch (DokkuException e) {
      throw new DokkuException("Phase must be one of [build deploy run]");
    }
    String scope = DockerOptions.DEFAULT_SCOPE;
    if (a.has("--process")) scope = DockerOptions.scopes(List.of(a.value("--process", "")), List.of(phase)).get(0);
    for (String option : new DockerOptions(ctx.store()).list(app, scope, phase)) ctx.out.println(option);
    return 0;
  }

  private static Map<String, String> report(Ctx ctx, Scope scope) {
    String app = scope.app();
    DockerOptions options = new DockerOptions(ctx.store());
    Map<String, String> flags = new TreeMap<>();
    for (Phase p : Phase.values()) flags.put("--docker-options-" + p.id(), String.join(" ", options.forPhase(app, p)));
    for (String proc : options.processesWithOptions(app)) {
      flags.put("--docker-options-deploy." + proc, String.join(" ", options.forProcess(app, proc)));
    }
    return flags;
  }
}
