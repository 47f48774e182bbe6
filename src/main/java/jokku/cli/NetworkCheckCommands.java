package jokku.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.domains.Domains;
import jokku.engine.Json;
import jokku.network.AppState;
import jokku.network.DnsProbe;
import jokku.network.Finding;
import jokku.network.SyncPlan;
import jokku.network.Topology;
import jokku.network.TopologyReader;
import jokku.network.TopologyRenderer;
import jokku.proxy.ProxySettings;

/**
 * {@code network:check} (what {@code network:rebuild} would change, changing nothing; exit code = containers out of
 * line, capped as rebuild's) and {@code network:graph} (the apps' networks as a picture or as data).
 */
final class NetworkCheckCommands {
  private NetworkCheckCommands() {}

  static void register(Registry r) {
    r.command("network:check", NetworkCheckCommands::check).command("network:graph", NetworkCheckCommands::graph);
    r.access(Rule.appOrAll(), "network:check");
  }

  static int check(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:check", raw).atMost(1);
    String format = a.value("--format", "stdout");
    if (!format.equals("stdout") && !format.equals("json")) throw new DokkuException("Invalid --format value specified: " + format + " (stdout or json)");
    List<String> apps;
    if (a.has("--all")) {
      if (a.size() > 0) throw new DokkuException("Specify an app or --all, not both (usage: " + Args.usage("network:check") + ")");
      apps = ctx.store().apps();
    } else {
      if (a.arg(0).isEmpty()) throw new DokkuException("Please specify an app or --all (usage: " + Args.usage("network:check") + ")");
      AppName.verify(ctx.store(), a.arg(0));
      apps = List.of(a.arg(0));
    }
    Map<String, AppState> states = NetworkRebuildCommands.sync(ctx).readApps(apps);
    List<String> withState = new ArrayList<>(states.keySet());
    List<Finding> findings = new ArrayList<>();
    int containers = 0;
    DnsProbe probe = a.has("--probe") ? new DnsProbe(ctx.engine(), ctx.extraLabels(), ctx.out) : null;
    for (AppState s : states.values()) {
      SyncPlan plan = SyncPlan.of(s);
      containers += plan.containers().size();
      findings.addAll(plan.findings());
      if (probe != null) findings.addAll(probe.probe(s));
    }
    Set<String> outOfLine = new LinkedHashSet<>();
    for (Finding f : findings) outOfLine.add(f.counted());
    if (format.equals("json")) {
      ctx.out.println(Json.write(checkJson(withState, containers, outOfLine.size(), findings)));
    } else {
      for (Finding f : findings) ctx.out.println(f.line());
      if (withState.isEmpty()) ctx.out.info1Quiet(apps.size() == 1 ? "Nothing to check: " + apps.get(0) + " has not been deployed" : "Nothing to check: no app has been deployed");
      else if (outOfLine.isEmpty()) ctx.out.info1Quiet("In line: " + containers + " running container(s) of " + withState.size() + " app(s) match their network configuration");
      else ctx.out.info1Quiet(outOfLine.size() + " out of line (" + containers + " running container(s) of " + withState.size() + " app(s) checked); network:rebuild fixes all but network-gone, inspect-failed and alias-visible on networks no longer configured");
    }
    return Math.min(outOfLine.size(), NetworkRebuildCommands.MAX_EXIT);
  }

  private static Map<String, Object> checkJson(List<String> apps, int containers, int outOfLine, List<Finding> findings) {
    List<Object> l = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("app", f.app());
      m.put("dyno", f.dyno());
      m.put("container", f.container());
      m.put("kind", f.kind().label);
      m.put("subject", f.subject());
      m.put("have", f.have());
      m.put("want", f.want());
      m.put("meaning", f.kind().meaning);
      l.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apps", apps);
    root.put("containers_checked", containers);
    root.put("out_of_line", outOfLine);
    root.put("findings", l);
    return root;
  }

  static int graph(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:graph", raw);
    String format = a.value("--format", "svg");
    if (!List.of("svg", "png", "dot", "mermaid", "json").contains(format)) {
      throw new DokkuException("Invalid --format value specified: " + format + " (svg, png, dot, mermaid or json)");
    }
    List<String> apps = a.size() == 0 ? ctx.store().apps() : new ArrayList<>(new LinkedHashSet<>(a.positional()));
    for (String app : apps) AppName.verify(ctx.store(), app);
    boolean image = format.equals("svg") || format.equals("png");
    String dot = image ? Graphviz.find(ctx.env) : null;
    if (image && dot == null) throw new DokkuException(Graphviz.INSTALL);
    Path output = a.has("--output") ? Path.of(a.value("--output", ""))
        : image ? Path.of(apps.size() == 1 ? apps.get(0) + "-network." + format : "jokku-network." + format) : null;
    if (output != null) checkWritable(output);
    Topology t = new TopologyReader(NetworkRebuildCommands.sync(ctx), ctx.engine(), ctx.store(), new Domains(ctx.store())::of,
        ProxySettings.ports(ctx.store())::effective).read(apps);
    byte[] bytes = switch (format) {
      case "json" -> (Json.write(t.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
      case "mermaid" -> TopologyRenderer.mermaid(t).getBytes(StandardCharsets.UTF_8);
      case "dot" -> TopologyRenderer.dot(t).getBytes(StandardCharsets.UTF_8);
      default -> Graphviz.render(dot, format, TopologyRenderer.dot(t));
    };
    if (output == null) {
      ctx.out.print(new String(bytes, StandardCharsets.UTF_8));
      return 0;
    }
    write(output, bytes);
    ctx.out.info1Quiet("Network graph of " + (apps.size() == 1 ? apps.get(0) : apps.size() + " apps") + " written to " + output.toAbsolutePath().normalize());
    return 0;
  }

  /** Fails before any work when the file cannot be written (missing folder, no permission, a folder in the way). */
  private static void checkWritable(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (Files.isDirectory(abs)) throw new DokkuException("Unable to write " + file + ": it is a folder");
    if (dir == null || !Files.isDirectory(dir)) throw new DokkuException("Unable to write " + file + ": folder " + dir + " does not exist");
    if (!Files.isWritable(dir) || Files.exists(abs) && !Files.isWritable(abs)) throw new DokkuException("Unable to write " + file + ": permission denied");
  }

  /** Writes atomically: a temporary file beside it (mode 0644, or the replaced file's), moved into place. */
  private static void write(Path file, byte[] bytes) {
    Path abs = file.toAbsolutePath().normalize();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
      Files.write(tmp, bytes);
      Files.setPosixFilePermissions(tmp, Files.exists(abs) ? Files.getPosixFilePermissions(abs) : PosixFilePermissions.fromString("rw-r--r--"));
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DokkuException("Unable to write " + file + ": " + e.getMessage());
    } finally {
      try {
        if (tmp != null) Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // nothing left to clean
      }
    }
  }
}
