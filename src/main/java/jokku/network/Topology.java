package jokku.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jokku.engine.ContainerInfo;
import jokku.engine.NetworkInfo;

/**
 * What {@code network:graph} draws: apps with their process types (running instances) and the aliases each process
 * type carries on each network, the networks (driver, subnet, internal, and containers on them jokku does not
 * manage), nginx with its domains and ports in front of web processes, static web listeners, and the drift
 * {@code network:check} finds. Pure: built from what {@link TopologyReader} read.
 */
public record Topology(List<AppNode> apps, List<NetNode> networks) {
  /** An app. {@code proxy} is null when nginx does not serve it; {@code drift} holds findings not about a network. */
  public record AppNode(String name, String initial, String staticListener, Proxy proxy, List<ProcNode> procs, List<Finding> drift) {}

  public record Proxy(List<String> domains, List<String> ports) {}

  public record ProcNode(String name, int instances, List<Link> links) {}

  /** A process type's membership of a network; {@code drift} is the check's finding kind on it, or "". */
  public record Link(String network, List<String> aliases, boolean initial, String drift) {}

  public record NetNode(String name, String driver, String subnet, boolean internal, boolean exists, List<String> unmanaged) {}

  /** What the reader gathered for one app beyond its {@link AppState}. */
  public record AppInput(AppState state, List<Finding> findings, Proxy proxy) {}

  /**
   * @param networks the engine's networks by name, inspected (with their containers) for those drawn
   * @param managed names of the containers jokku manages (not listed as unmanaged)
   */
  public static Topology of(List<AppInput> inputs, Map<String, NetworkInfo> networks, Set<String> managed) {
    List<AppNode> apps = new ArrayList<>();
    Set<String> drawn = new LinkedHashSet<>();
    for (AppInput in : inputs) {
      AppNode a = app(in);
      apps.add(a);
      for (ProcNode p : a.procs()) for (Link l : p.links()) drawn.add(l.network());
    }
    List<NetNode> nets = new ArrayList<>();
    for (String n : new java.util.TreeSet<>(drawn)) {
      NetworkInfo info = networks.get(n);
      if (info == null) {
        nets.add(new NetNode(n, "", "", false, false, List.of()));
        continue;
      }
      List<String> unmanaged = new ArrayList<>();
      for (NetworkInfo.Endpoint e : info.containers()) if (!managed.contains(e.name())) unmanaged.add(e.name());
      unmanaged.sort(null);
      String subnet = info.ipam().isEmpty() ? "" : info.ipam().get(0).subnet();
      nets.add(new NetNode(n, info.driver(), subnet, info.internal(), true, unmanaged));
    }
    return new Topology(apps, nets);
  }

  private static AppNode app(AppInput in) {
    AppState s = in.state();
    String initial = s.settings().initial().isEmpty() ? "bridge" : s.settings().initial();
    Map<String, Integer> instances = new TreeMap<>();
    Map<String, Map<String, Set<String>>> aliases = new TreeMap<>(); // proc → network → aliases
    Map<String, Map<String, String>> drift = new TreeMap<>(); // proc → network → finding kind
    for (Map.Entry<String, String> f : s.files().entrySet()) {
      if (!f.getKey().startsWith("CONTAINER.")) continue;
      String dyno = f.getKey().substring("CONTAINER.".length());
      ContainerInfo c = s.containers().get(AppState.firstLine(f.getValue()));
      if (c == null || !c.running() || !SyncPlan.validDyno(dyno)) continue;
      String proc = SyncPlan.procOf(dyno, c);
      instances.merge(proc, 1, Integer::sum);
      Map<String, Set<String>> byNet = aliases.computeIfAbsent(proc, k -> new TreeMap<>());
      c.networks().forEach((n, ep) -> {
        Set<String> names = byNet.computeIfAbsent(n, k -> new LinkedHashSet<>());
        for (String a : ep.aliases()) if (!a.equals(c.shortId()) && !a.startsWith(c.hostname() + ".")) names.add(a);
      });
    }
    List<Finding> other = new ArrayList<>();
    for (Finding f : in.findings()) {
      boolean onNetwork = switch (f.kind()) {
        case NETWORK_MISSING, NETWORK_GONE, NETWORK_EXTRA, ALIASES_WRONG -> true;
        default -> false;
      };
      if (!onNetwork || f.dyno().isEmpty()) {
        other.add(f);
        continue;
      }
      String proc = f.dyno().substring(0, f.dyno().lastIndexOf('.'));
      drift.computeIfAbsent(proc, k -> new TreeMap<>()).putIfAbsent(f.subject(), f.kind().label);
      Set<String> names = aliases.computeIfAbsent(proc, k -> new TreeMap<>()).computeIfAbsent(f.subject(), k -> new LinkedHashSet<>());
      if (names.isEmpty() && !f.want().isEmpty()) names.add(f.want().split(",")[0]);
    }
    List<ProcNode> procs = new ArrayList<>();
    aliases.forEach((proc, byNet) -> {
      List<Link> links = new ArrayList<>();
      Map<String, String> d = drift.getOrDefault(proc, Map.of());
      byNet.forEach((n, names) -> links.add(new Link(n, new ArrayList<>(names), n.equals(initial), d.getOrDefault(n, ""))));
      procs.add(new ProcNode(proc, instances.getOrDefault(proc, 0), links));
    });
    return new AppNode(s.app(), initial, s.settings().staticWebListener(), in.proxy(), procs, other);
  }

  /** The model as plain data for {@code --format json}. */
  public Map<String, Object> toJson() {
    List<Object> as = new ArrayList<>();
    for (AppNode a : apps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", a.name());
      m.put("initial_network", a.initial());
      m.put("static_web_listener", a.staticListener());
      if (a.proxy() != null) m.put("nginx", obj("domains", a.proxy().domains(), "ports", a.proxy().ports()));
      List<Object> ps = new ArrayList<>();
      for (ProcNode p : a.procs()) {
        List<Object> ls = new ArrayList<>();
        for (Link l : p.links()) {
          Map<String, Object> lm = new LinkedHashMap<>();
          lm.put("network", l.network());
          lm.put("aliases", l.aliases());
          lm.put("initial", l.initial());
          if (!l.drift().isEmpty()) lm.put("drift", l.drift());
          ls.add(lm);
        }
        ps.add(obj("name", p.name(), "instances", p.instances(), "networks", ls));
      }
      m.put("processes", ps);
      List<Object> ds = new ArrayList<>();
      for (Finding f : a.drift()) ds.add(obj("dyno", f.dyno(), "kind", f.kind().label, "subject", f.subject(), "have", f.have(), "want", f.want()));
      m.put("drift", ds);
      as.add(m);
    }
    List<Object> ns = new ArrayList<>();
    for (NetNode n : networks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", n.name());
      m.put("exists", n.exists());
      m.put("driver", n.driver());
      m.put("subnet", n.subnet());
      m.put("internal", n.internal());
      m.put("unmanaged_containers", n.unmanaged());
      ns.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apps", as);
    root.put("networks", ns);
    return root;
  }

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
