package jokku.scheduler.local;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.DokkuException;
import jokku.DokkuLabels;
import jokku.Out;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.NetworkInfo;
import jokku.network.Addresses;
import jokku.network.NetworkPlan;
import jokku.network.NetworkSettings;
import jokku.store.Store;

/**
 * The network properties acting on deploy containers at their moments: the initial network at create, the
 * attach-post-create networks (every one, with aliases) before start, the listener IP after start, and the
 * attach-post-deploy networks on every running container after the checks.
 */
final class NetworkPhases {
  private static final Set<String> NOT_USER_DEFINED = Set.of("", "default", "bridge", "host", "none");
  private final Engine engine;
  private final NetworkPlan plan;
  private final Out out;

  NetworkPhases(Engine engine, Store store, Out out) {
    this.engine = engine;
    this.plan = new NetworkPlan(new NetworkSettings(store));
    this.out = out;
  }

  NetworkPlan plan() {
    return plan;
  }

  /** Fails before anything is created when a configured network does not exist (one engine request). */
  void verifyNetworksExist(String app) {
    Set<String> wanted = new LinkedHashSet<>();
    String initial = plan.initialNetwork(app);
    if (!NOT_USER_DEFINED.contains(initial)) wanted.add(initial);
    for (NetworkPlan.Attachment a : plan.postCreate(app, "web", "", false)) wanted.add(a.network());
    for (NetworkPlan.Attachment a : plan.postDeploy(app, "web", "")) wanted.add(a.network());
    if (wanted.isEmpty()) return;
    Set<String> present = new HashSet<>();
    for (NetworkInfo n : engine.listNetworks()) present.add(n.name());
    for (String n : wanted) if (!present.contains(n)) throw missing(n);
  }

  static boolean isUserDefined(String network) {
    return !NOT_USER_DEFINED.contains(network) && !network.startsWith("container:");
  }

  /**
   * After create, before start: re-joins the initial network with the deploy aliases (they name the container's
   * hostname, known only once it exists), then connects every attach-post-create network with the same aliases.
   */
  void attachPostCreate(String app, String proc, String id, String hostname, String networkMode) {
    List<String> aliases = plan.aliases(app, proc, hostname, true);
    if (isUserDefined(networkMode)) {
      engine.disconnect(networkMode, id, false);
      connect(networkMode, id, aliases);
    }
    for (NetworkPlan.Attachment a : plan.postCreate(app, proc, hostname, true)) {
      if (!a.network().equals(networkMode)) connect(a.network(), id, a.aliases());
    }
  }

  /**
   * Dokku's {@code network-get-ipaddr}: the static web listener's host for web, 127.0.0.1 in host mode, else the
   * container's address on the initial network (or bridge), else on the network it was created on.
   */
  String ipAddress(String app, String proc, ContainerInfo c) {
    if (proc.equals("web")) {
      String listener = plan.staticWebListener(app);
      if (!listener.isEmpty()) return listenerHost(listener);
    }
    if (c.networkMode().equals("host")) return "127.0.0.1";
    for (String n : List.of(plan.addressNetwork(app), c.networkMode())) {
      ContainerInfo.Endpoint e = c.networks().get(n);
      if (e != null && !e.ip().isEmpty()) return e.ip();
    }
    return "";
  }

  static String listenerHost(String listener) {
    int colon = listener.lastIndexOf(':');
    if (colon > 0 && Addresses.isHostPort(listener)) {
      String host = listener.substring(0, colon);
      return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
    return Addresses.isIp(listener) ? listener : "127.0.0.1";
  }

  /**
   * attach-post-deploy: every listed network is connected to every given running container that is not on it yet,
   * with the deploy aliases. {@code hostnames} holds the hostnames already known (id → hostname).
   */
  void attachPostDeploy(String app, List<ContainerInfo> running, Map<String, String> hostnames) {
    for (NetworkPlan.Attachment a : plan.postDeploy(app, "", "")) {
      out.info1Quiet("Associating app with network " + a.network());
      for (ContainerInfo c : running) {
        if (c.networks().containsKey(a.network())) continue;
        String hostname = hostnames.get(c.id());
        if (hostname == null) hostname = engine.inspectContainer(c.id()).hostname();
        connect(a.network(), c.id(), plan.aliases(app, c.label(DokkuLabels.PROCESS_TYPE), hostname, true));
      }
    }
  }

  private void connect(String network, String id, List<String> aliases) {
    try {
      engine.connect(network, id, aliases);
    } catch (EngineException e) {
      if (e.notFound() && e.getMessage().contains("network")) throw missing(network);
      throw new DokkuException("Unable to attach container to network " + network + ": " + e.getMessage());
    }
  }

  private static DokkuException missing(String network) {
    return new DokkuException("Network " + network + " does not exist");
  }
}
