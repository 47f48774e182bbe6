package jokku.scheduler.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.DokkuLabels;
import jokku.config.Config;
import jokku.deploy.ChecksSettings;
import jokku.deploy.Platform;
import jokku.deploy.Release;
import jokku.deploy.StateFiles;
import jokku.engine.ServiceSpec;
import jokku.engine.SwarmApi;
import jokku.engine.SwarmService;
import jokku.network.NetworkPlan;
import jokku.network.NetworkSettings;
import jokku.ports.PortMap;
import jokku.ports.Ports;
import jokku.proxy.ProxySettings;
import jokku.store.Store;

/**
 * A deploy on the swarm: per process type (web first) a service created or updated to the new spec, then waited for
 * until swarm reports the rolling update completed and every replica runs (and is healthy). An update that fails
 * is rolled back by swarm itself (start-first: the old tasks serve until new ones are healthy), and the deploy fails
 * with swarm's reason, so the old version keeps serving. Then the edge, the proxy, the postdeploy task.
 */
final class SwarmDeploy {
  private final Platform p;
  private final SwarmApi api;
  private final SwarmNetworks networks;
  private final Edge edge;
  private final SwarmImages images;

  SwarmDeploy(Platform p, SwarmApi api) {
    this.p = p;
    this.api = api;
    this.networks = new SwarmNetworks(p.engine(), p.store(), p.extraLabels());
    this.edge = new Edge(p.engine(), p.store(), p.extraLabels());
    this.images = new SwarmImages(p, api);
  }

  Edge edge() {
    return edge;
  }

  SwarmNetworks networks() {
    return networks;
  }

  /** Dokku's release-and-deploy: tasks, then every process type of the formation; types no longer run are removed. */
  void release(String app) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      Release rel = Release.of(p, app);
      Map<String, Integer> formation = rel.formation();
      p.out().info1Quiet("Releasing " + app + "...");
      rel.runReleaseTasks();
      p.out().info1Quiet("Deploying " + app + " via the swarm scheduler...");
      apply(app, rel, formation, true); // a release replaces every task, as Dokku replaces every container
      for (SwarmService s : services(app)) {
        String proc = s.label(DokkuLabels.PROCESS_TYPE);
        if (!formation.containsKey(proc)) {
          p.out().verboseQuiet("Removing service " + s.name());
          api.removeService(s.id());
        }
      }
      serveWeb(app, formation.getOrDefault("web", 0) > 0);
      rel.runPostdeploy();
      rel.commit();
      rel.printDeployed();
    }
  }

  /** {@code ps:restart <proc>}, {@code ps:scale}: only the named types, on the image already deployed. */
  void update(String app, Map<String, Integer> counts, boolean restart) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      Release rel = Release.of(p, app);
      apply(app, rel, counts, restart);
      if (counts.containsKey("web")) serveWeb(app, counts.get("web") > 0);
    }
  }

  /** {@code network:rebuild}: every service rolled to the configured networks and aliases; returns the failures. */
  int rebuildNetworks(String app) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (SwarmService s : services(app)) counts.put(s.label(DokkuLabels.PROCESS_TYPE), s.replicaCount());
      if (counts.isEmpty()) return 0;
      int failed = 0;
      Release rel = Release.of(p, app);
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        try {
          apply(app, rel, Map.of(e.getKey(), e.getValue()), false);
        } catch (DokkuException ex) {
          p.out().warn(ex.getMessage());
          failed += e.getValue();
        }
      }
      if (counts.getOrDefault("web", 0) > 0) serveWeb(app, true);
      return failed;
    }
  }

  /**
   * {@code network:watch}: restarts the app's edge when its web service runs and the edge does not. Returns what was
   * done ({@code restarted the swarm edge <app>.edge}), empty when nothing was or it failed (reported). No service is
   * touched.
   */
  String heal(String app) {
    if (!new NetworkPlan(new NetworkSettings(p.store())).staticWebListener(app).isEmpty() || edge.running(app)) return "";
    if (api.serviceInfo(ServiceSpecs.name(app, "web")).map(SwarmService::replicaCount).orElse(0) == 0) return "";
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      serveWeb(app, true);
      return "restarted the swarm edge " + Edge.name(app);
    } catch (DokkuException e) {
      p.out().warn(e.getMessage());
      return "";
    }
  }

  private void apply(String app, Release rel, Map<String, Integer> counts, boolean restart) {
    List<String> all = new ArrayList<>();
    for (String proc : counts.keySet()) for (ServiceSpecs.Attachment a : networks.attachments(app, proc)) if (!all.contains(a.network())) all.add(a.network());
    networks.prepare(app, all);
    String ref = images.reference(app, rel.image().id());
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      String proc = e.getKey();
      var existing = api.serviceInfo(ServiceSpecs.name(app, proc));
      if (existing.isEmpty() && e.getValue() == 0) continue;
      long force = existing.map(SwarmService::forceUpdate).orElse(0L) + (restart ? 1 : 0);
      ServiceSpec spec = ServiceSpecs.spec(input(app, proc, e.getValue(), ref, rel, force));
      p.out().info1Quiet("Deploying " + proc + " (" + e.getValue() + " replica" + (e.getValue() == 1 ? "" : "s") + ")");
      new Convergence(api, p.out()).apply(ServiceSpecs.name(app, proc), existing.orElse(null), spec, e.getValue(), spec.startPeriod() / 1_000_000L);
    }
  }

  ServiceSpecs.Input input(String app, String proc, int replicas, String ref, Release rel, long force) {
    Map<String, String> env = new Config(p.store()).merged(app);
    Ports ports = ProxySettings.ports(p.store());
    String port = proc.equals("web") ? Ports.webPort(p.store(), app) : "";
    List<Integer> hostPorts = new ArrayList<>();
    if (proc.equals("web") && new NetworkPlan(new NetworkSettings(p.store())).bindAllInterfaces(app)) {
      for (PortMap m : ports.effective(app)) if (!m.scheme().equals("udp") && !hostPorts.contains(m.container())) hostPorts.add(m.container());
    }
    ChecksSettings checks = new ChecksSettings(p.store());
    ServiceSpecs.Health health = checks.isDisabled(app, proc) || checks.isSkipped(app, proc) ? null : TaskChecks.of(rel.appJson().startupChecks(proc), port);
    boolean init = !"linuxserver.io".equals(rel.image().labels().get("org.opencontainers.image.vendor"));
    int stop = new jokku.property.PsSettings(p.store()).stopTimeout(app);
    return new ServiceSpecs.Input(app, proc, ref, rel.argv(proc, env, port), env, port, replicas, networks.attachments(app, proc),
        health, hostPorts, init, stop, force, DokkuLabels.appLabels(app, p.extraLabels()));
  }

  /** The web tasks behind this machine's nginx: the edge on the initial network, the listener file, the proxy. */
  private void serveWeb(String app, boolean running) {
    if (!new NetworkPlan(new NetworkSettings(p.store())).staticWebListener(app).isEmpty()) {
      p.proxy().build(app);
      return;
    }
    StateFiles state = new StateFiles(p.store());
    state.removeWebListeners(app);
    if (running) {
      List<Integer> ports = new ArrayList<>();
      for (PortMap m : ProxySettings.ports(p.store()).effective(app)) if (m.scheme().startsWith("http") && !ports.contains(m.container())) ports.add(m.container());
      if (ports.isEmpty()) ports.add(Ports.DEFAULT_CONTAINER_PORT);
      String listener = edge.ensure(app, networks.initial(app), networks.alias(app, "web"), ports);
      state.writeWebListener(app, listener);
    }
    p.proxy().build(app);
  }

  List<SwarmService> services(String app) {
    return api.serviceList(Map.of("label", List.of(DokkuLabels.APP + "=" + app, ServiceSpecs.SERVICE_LABEL + "=true")));
  }
}
