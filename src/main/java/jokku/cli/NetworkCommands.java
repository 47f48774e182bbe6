package jokku.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.Json;
import jokku.engine.NetworkInfo;
import jokku.network.NetworkService;

/** {@code network:create|destroy|exists|info|list}: the network-level commands. */
final class NetworkCommands {
  private NetworkCommands() {}

  static void register(Registry r) {
    r.command("network:create", NetworkCommands::create)
        .command("network:destroy", NetworkCommands::destroy)
        .command("network:exists", NetworkCommands::exists)
        .command("network:info", NetworkCommands::info)
        .command("network:list", NetworkCommands::list);
  }

  static int create(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:create", raw)
        .atMost(1);
    String name = a.arg(0);
    NetworkService.CreateOptions o = new NetworkService.CreateOptions(
        a.value("--driver", ""), a.has("--internal"), a.has("--ipv6"), a.values("--subnet"), a.values("--gateway"),
        a.values("--ip-range"), pairs("--opt", a.values("--opt")), labels(ctx, a.values("--label")));
    NetworkService.createSpec(name, o); // validate everything before printing anything
    ctx.out.info1Quiet("Creating network " + name);
    new NetworkService(ctx.engine()).create(name, o);
    return 0;
  }

  private static Map<String, String> pairs(String flag, List<String> values) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0) throw new DokkuException("Invalid " + flag + " '" + v + "': expected key=value");
      m.put(v.substring(0, eq), v.substring(eq + 1));
    }
    return m;
  }

  private static Map<String, String> labels(Ctx ctx, List<String> given) {
    Map<String, String> m = new LinkedHashMap<>(ctx.extraLabels());
    m.putAll(pairs("--label", given));
    return m;
  }

  static int destroy(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:destroy", raw).atMost(1);
    String name = a.arg(0);
    NetworkService svc = new NetworkService(ctx.engine());
    NetworkInfo n = svc.checkDestroyable(name);
    if (!ctx.force && !a.has("--force")) confirm(ctx, name, "network");
    ctx.out.info1Quiet("Destroying network " + name);
    svc.destroy(n);
    return 0;
  }

  /** Dokku's destructive-action prompt; the typed answer must equal the name. */
  static void confirm(Ctx ctx, String name, String kind) {
    ctx.out.warn("WARNING: Potentially Destructive Action");
    ctx.out.warn("This command will destroy " + kind + " " + name + ".");
    ctx.out.warn("To proceed, type \"" + name + "\"");
    ctx.out.print("> ");
    String line;
    try {
      line = new BufferedReader(new InputStreamReader(ctx.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new DokkuException(e.getMessage());
    }
    if (line == null) throw new DokkuException("EOF");
    String answer = line.trim();
    if (answer.isEmpty()) throw new DokkuException("unexpected newline");
    if (!answer.equals(name)) throw new DokkuException("Confirmation did not match \"" + name + "\". Aborted.");
  }

  static int exists(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:exists", raw).atMost(1);
    String name = a.arg(0);
    if (name.isEmpty()) throw new DokkuException("No network name specified");
    if (new NetworkService(ctx.engine()).find(name).isEmpty()) throw new DokkuException("Network does not exist");
    ctx.out.info1Quiet("Network exists");
    return 0;
  }

  static int info(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:info", raw).atMost(1);
    String name = a.arg(0);
    if (name.isEmpty()) throw new DokkuException("No network name specified");
    String format = format(a);
    NetworkService svc = new NetworkService(ctx.engine());
    NetworkInfo n = svc.info(name);
    List<String> nodes = svc.nodes(n);
    if (format.equals("json")) {
      Map<String, Object> o = NetworkView.infoObject(n);
      if (n.scope().equals("swarm")) o.put("Nodes", nodes);
      ctx.out.println(Json.write(o));
    } else {
      NetworkView.printInfo(ctx.out, n);
      if (n.scope().equals("swarm")) ctx.out.verbose("Nodes:" + " ".repeat(10) + String.join(", ", nodes));
    }
    return 0;
  }

  static int list(Ctx ctx, List<String> raw) {
    Args a = Args.parse("network:list", raw).atMost(0);
    String format = format(a);
    List<NetworkInfo> l = new NetworkService(ctx.engine()).list(a.has("--dokku-managed"));
    if (format.equals("json")) {
      List<Object> objs = new ArrayList<>();
      for (NetworkInfo n : l) objs.add(NetworkView.listObject(n));
      ctx.out.println(Json.write(objs));
      return 0;
    }
    ctx.out.info2Quiet("Networks");
    for (NetworkInfo n : l) ctx.out.println(n.name());
    return 0;
  }

  private static String format(Args a) {
    String f = a.value("--format", "text");
    if (!f.equals("text") && !f.equals("json")) throw new DokkuException("Invalid format specified, use either text or json");
    return f;
  }
}
