package jokku.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jokku.DokkuLabels;
import jokku.engine.ContainerInfo;

/**
 * The one plan behind {@code network:rebuild} (which applies it, see {@link NetworkSync}) and {@code network:check}
 * (which prints it): for each running deploy container of an app, the endpoint changes of {@link EndpointPlan}, the
 * configured networks that no longer exist and the listener files to rewrite; the IP/PORT files with no container
 * behind them; and whether the app's nginx upstreams differ from the web listeners the plan leaves. Pure: computed
 * from an {@link AppState}.
 */
public record SyncPlan(String app, List<ContainerPlan> containers, List<FileChange> orphans, List<Finding> nginx) {

  /** A state file to write ({@code want}) or, when {@code want} is null, to remove. */
  public record FileChange(String dyno, String name, String have, String want, String reason) {}

  /**
   * One container's part. {@code container} is null when the inspect failed ({@code error} says why); {@code aliases}
   * are the deploy aliases its endpoints must carry; {@code gone} the configured networks the engine does not have.
   */
  public record ContainerPlan(
      String dyno, String id, String proc, ContainerInfo container, List<String> aliases, EndpointPlan endpoints,
      List<String> gone, List<FileChange> files, String error) {
    boolean inLine() {
      return error.isEmpty() && endpoints.isEmpty() && gone.isEmpty() && files.isEmpty();
    }
  }

  public static SyncPlan of(AppState s) {
    List<ContainerPlan> plans = new ArrayList<>();
    List<FileChange> orphans = new ArrayList<>();
    Set<String> dynos = new LinkedHashSet<>();
    for (String f : s.files().keySet()) {
      if (!f.startsWith("CONTAINER.")) continue;
      String dyno = f.substring("CONTAINER.".length());
      if (!validDyno(dyno)) continue;
      dynos.add(dyno);
      String id = s.file(f);
      if (s.inspectErrors().containsKey(id)) {
        plans.add(new ContainerPlan(dyno, id, procOf(dyno, null), null, List.of(), EndpointPlan.NONE, List.of(), List.of(), s.inspectErrors().get(id)));
        continue;
      }
      ContainerInfo c = id.isEmpty() ? null : s.containers().get(id);
      if (c == null) {
        String why = "container " + (id.length() > 12 ? id.substring(0, 12) : id) + " is gone";
        for (String name : List.of("IP." + dyno, "PORT." + dyno)) {
          if (s.hasFile(name)) orphans.add(new FileChange(dyno, name, s.file(name), null, why));
        }
        continue;
      }
      if (!c.running()) continue;
      plans.add(containerPlan(s, dyno, c));
    }
    for (String f : s.files().keySet()) {
      String prefix = f.startsWith("IP.") ? "IP." : f.startsWith("PORT.") ? "PORT." : null;
      if (prefix == null) continue;
      String dyno = f.substring(prefix.length());
      if (validDyno(dyno) && !dynos.contains(dyno)) orphans.add(new FileChange(dyno, f, s.file(f), null, "no CONTAINER." + dyno));
    }
    List<FileChange> all = new ArrayList<>(orphans);
    for (ContainerPlan p : plans) all.addAll(p.files());
    return new SyncPlan(s.app(), plans, orphans, nginxFindings(s, all));
  }

  private static ContainerPlan containerPlan(AppState s, String dyno, ContainerInfo c) {
    AppState.Settings st = s.settings();
    String proc = procOf(dyno, c);
    List<String> aliases = NetworkPlan.aliases(s.app(), proc, c.hostname(), st.tld());
    EndpointPlan e = EndpointPlan.of(c, st.attach(), st.initial(), aliases, s.app() + "." + proc);
    List<String> gone = new ArrayList<>();
    if (s.networks() != null) {
      for (String n : e.connect()) if (!s.networks().contains(n)) gone.add(n);
      if (!gone.isEmpty()) {
        List<String> connect = new ArrayList<>(e.connect());
        connect.removeAll(gone);
        e = new EndpointPlan(connect, e.disconnect(), e.realias());
      }
    }
    return new ContainerPlan(dyno, c.id(), proc, c, aliases, e, gone, listenerFiles(s, dyno, proc, c), "");
  }

  /** The IP (and for web, PORT) files to rewrite so they match the container as described; empty when in line. */
  public static List<FileChange> listenerFiles(AppState s, String dyno, String proc, ContainerInfo c) {
    AppState.Settings st = s.settings();
    if (proc.equals("web") && !st.staticWebListener().isEmpty()) return List.of();
    List<FileChange> l = new ArrayList<>();
    String ip = ipOf(st, c);
    String hadIp = s.file("IP." + dyno);
    if (!ip.isEmpty() && !ip.equals(hadIp)) l.add(new FileChange(dyno, "IP." + dyno, hadIp, ip, "engine address"));
    if (proc.equals("web")) {
      String had = s.file("PORT." + dyno);
      if (st.webPort().isEmpty() && !had.isEmpty()) l.add(new FileChange(dyno, "PORT." + dyno, had, null, "no web port"));
      else if (!st.webPort().isEmpty() && !st.webPort().equals(had)) l.add(new FileChange(dyno, "PORT." + dyno, had, st.webPort(), "web port"));
    }
    return l;
  }

  /**
   * The listener IP: 127.0.0.1 in host mode, else the address on the computed initial network (bridge when unset),
   * falling back to the network the container was created on when the setting changed since its deploy.
   */
  static String ipOf(AppState.Settings st, ContainerInfo c) {
    if (c.networkMode().equals("host")) return "127.0.0.1";
    ContainerInfo.Endpoint ep = c.networks().get(st.addressNetwork());
    if (ep == null || ep.ip().isEmpty()) ep = c.networks().get(c.networkMode().equals("default") ? "bridge" : c.networkMode());
    return ep == null ? "" : ep.ip();
  }

  /** True when web listener files change (what the proxy reads), or nginx already differs from the listeners. */
  public boolean proxyAffected() {
    if (!nginx.isEmpty()) return true;
    for (FileChange f : orphans) if (f.dyno().startsWith("web.")) return true;
    for (ContainerPlan p : containers) for (FileChange f : p.files()) if (f.dyno().startsWith("web.")) return true;
    return false;
  }

  /** Everything out of line, in container order, then orphaned files, then nginx. */
  public List<Finding> findings() {
    List<Finding> l = new ArrayList<>();
    for (ContainerPlan p : containers) {
      String sid = p.id().length() > 12 ? p.id().substring(0, 12) : p.id();
      if (!p.error().isEmpty()) l.add(new Finding(app, p.dyno(), sid, Finding.Kind.INSPECT_FAILED, sid, p.error(), ""));
      if (p.container() == null) continue;
      String want = String.join(",", p.aliases());
      for (String n : p.gone()) l.add(new Finding(app, p.dyno(), sid, Finding.Kind.NETWORK_GONE, n, "", ""));
      for (String n : p.endpoints().connect()) l.add(new Finding(app, p.dyno(), sid, Finding.Kind.NETWORK_MISSING, n, "", want));
      for (String n : p.endpoints().disconnect()) l.add(new Finding(app, p.dyno(), sid, Finding.Kind.NETWORK_EXTRA, n, aliasesOn(p, n), ""));
      for (String n : p.endpoints().realias()) l.add(new Finding(app, p.dyno(), sid, Finding.Kind.ALIASES_WRONG, n, aliasesOn(p, n), want));
      for (FileChange f : p.files()) l.add(fileFinding(f, sid));
    }
    for (FileChange f : orphans) l.add(new Finding(app, f.dyno(), "", Finding.Kind.FILE_ORPHANED, f.name(), f.have(), ""));
    l.addAll(nginx);
    return l;
  }

  private Finding fileFinding(FileChange f, String sid) {
    Finding.Kind k = f.name().startsWith("IP.") ? Finding.Kind.IP_STALE : Finding.Kind.PORT_STALE;
    return new Finding(app, f.dyno(), sid, k, f.name(), f.have(), f.want() == null ? "" : f.want());
  }

  private static String aliasesOn(ContainerPlan p, String network) {
    ContainerInfo.Endpoint ep = p.container().networks().get(network);
    if (ep == null) return "";
    List<String> l = new ArrayList<>(ep.aliases());
    l.remove(p.id().length() > 12 ? p.id().substring(0, 12) : p.id());
    return String.join(",", l);
  }

  /**
   * The nginx upstreams the app's web listeners call for once the plan's file changes are made, against those in its
   * {@code nginx.conf}: each upstream {@code <app>-<port>} lists every listener's IP with that container port, or the
   * static web listener as given (as {@code proxy:build-config} writes them). Nothing when there is no nginx.conf.
   */
  static List<Finding> nginxFindings(AppState s, List<FileChange> changes) {
    if (s.nginxUpstreams() == null) return List.of();
    Map<String, String> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : s.files().entrySet()) files.put(e.getKey(), AppState.firstLine(e.getValue()));
    for (FileChange f : changes) {
      if (f.want() == null) files.remove(f.name());
      else files.put(f.name(), f.want());
    }
    List<String> listeners = webListeners(s.settings().staticWebListener(), files);
    boolean fixed = !s.settings().staticWebListener().isEmpty();
    List<Finding> l = new ArrayList<>();
    if (s.nginxUpstreams().isEmpty() != listeners.isEmpty()) {
      String have = s.nginxUpstreams().isEmpty() ? "502 answer" : String.join(",", s.nginxUpstreams().keySet());
      l.add(new Finding(s.app(), "", "", Finding.Kind.NGINX_UPSTREAM, "nginx.conf", have, listeners.isEmpty() ? "502 answer" : String.join(",", listeners)));
      return l;
    }
    for (Map.Entry<String, List<String>> e : s.nginxUpstreams().entrySet()) {
      String name = e.getKey();
      String port = name.substring(name.lastIndexOf('-') + 1);
      List<String> want = new ArrayList<>();
      for (String listener : listeners) want.add(fixed ? listener : server(listener, port));
      if (!new HashSet<>(want).equals(new HashSet<>(e.getValue()))) {
        l.add(new Finding(s.app(), "", "", Finding.Kind.NGINX_UPSTREAM, name, String.join(",", e.getValue()), String.join(",", want)));
      }
    }
    return l;
  }

  /** As {@link Listeners#of}: the static web listener, else {@code ip:port} per IP.web.N file by instance number. */
  static List<String> webListeners(String staticListener, Map<String, String> files) {
    if (!staticListener.isEmpty()) return List.of(staticListener);
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      String name = e.getKey(), ip = e.getValue();
      if (!name.startsWith("IP.web.") || ip.isEmpty()) continue;
      String idx = name.substring("IP.web.".length());
      if (!digits(idx)) continue;
      String port = files.getOrDefault("PORT.web." + idx, "");
      byIndex.put(Integer.parseInt(idx), ip + ":" + (port.isEmpty() ? "5000" : port));
    }
    return new ArrayList<>(byIndex.values());
  }

  /** {@code ip:<container port>} for a listener (the proxy ignores the listener's own port). */
  private static String server(String listener, String port) {
    int colon = listener.lastIndexOf(':');
    String ip = colon > 0 && !listener.endsWith("]") ? listener.substring(0, colon) : listener;
    if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }

  static String procOf(String dyno, ContainerInfo c) {
    String proc = c == null ? "" : c.label(DokkuLabels.PROCESS_TYPE);
    return proc.isEmpty() ? dyno.substring(0, dyno.lastIndexOf('.')) : proc;
  }

  /** {@code <proc>.<n>}: letters, digits, '_' and '-', a dot, digits (by hand: a regex here is a compile per file). */
  static boolean validDyno(String dyno) {
    int dot = dyno.lastIndexOf('.');
    if (dot < 1 || !digits(dyno.substring(dot + 1))) return false;
    for (int i = 0; i < dot; i++) {
      char c = dyno.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) return false;
    }
    return true;
  }

  static boolean digits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    return true;
  }
}
