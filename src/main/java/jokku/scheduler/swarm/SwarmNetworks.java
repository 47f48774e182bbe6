package jokku.scheduler.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.Engine;
import jokku.engine.NetworkSpec;
import jokku.engine.EngineException;
import jokku.engine.NetworkInfo;
import jokku.network.NetworkPlan;
import jokku.network.NetworkSettings;
import jokku.store.Store;

/**
 * The networks of a swarm app's services: its initial network (the app's own overlay {@code jokku-app-<app>} when
 * none is set, the swarm counterpart of docker-local's bridge), then every attach-post-create and
 * attach-post-deploy network, each with the {@code <app>.<proc>[.<tld>]} alias. Every one must be an attachable,
 * swarm-scoped network.
 */
final class SwarmNetworks {
  static final String APP_NETWORK_LABEL = "com.jokku.swarm-app-network";
  private final Engine engine;
  private final NetworkPlan plan;
  private final Map<String, String> extraLabels;

  SwarmNetworks(Engine engine, Store store, Map<String, String> extraLabels) {
    this.engine = engine;
    this.plan = new NetworkPlan(new NetworkSettings(store));
    this.extraLabels = extraLabels;
  }

  static String appNetwork(String app) {
    return "jokku-app-" + app;
  }

  /** The network the edge and the listener use. */
  String initial(String app) {
    String n = plan.initialNetwork(app);
    return n.isEmpty() ? appNetwork(app) : n;
  }

  String alias(String app, String proc) {
    return plan.aliases(app, proc, "", true).get(0);
  }

  /** Every network of the app's {@code proc} service, in order, without repeats, each with the deploy alias. */
  List<ServiceSpecs.Attachment> attachments(String app, String proc) {
    List<String> names = new ArrayList<>();
    names.add(initial(app));
    for (NetworkPlan.Attachment a : plan.postCreate(app, proc, "", true)) if (!names.contains(a.network())) names.add(a.network());
    for (NetworkPlan.Attachment a : plan.postDeploy(app, proc, "")) if (!names.contains(a.network())) names.add(a.network());
    List<ServiceSpecs.Attachment> l = new ArrayList<>();
    for (String n : names) l.add(new ServiceSpecs.Attachment(n, List.of(alias(app, proc))));
    return l;
  }

  /** Creates the app's own overlay when it is the initial network and missing; refuses any other unusable network. */
  void prepare(String app, List<String> networks) {
    Map<String, NetworkInfo> byName = new LinkedHashMap<>();
    for (NetworkInfo n : engine.listNetworks()) byName.put(n.name(), n);
    for (String name : networks) {
      NetworkInfo n = byName.get(name);
      if (n == null && name.equals(appNetwork(app))) {
        createAppNetwork(app);
        continue;
      }
      if (n == null) throw new DokkuException("Network " + name + " does not exist: create it with network:create --driver overlay " + name);
      check(n);
    }
  }

  /** One line saying why a network cannot carry swarm tasks, or nothing. */
  static void check(NetworkInfo n) {
    if (!"swarm".equals(n.scope())) {
      throw new DokkuException("Network " + n.name() + " is " + n.scope() + "-scoped (driver " + n.driver()
          + "): a swarm app needs an attachable overlay (network:create --driver overlay " + n.name() + ")");
    }
    if (!n.attachable()) {
      throw new DokkuException("Network " + n.name() + " is not attachable: one-off containers could not join it; create it with network:create --driver overlay");
    }
  }

  private void createAppNetwork(String app) {
    Map<String, String> labels = new LinkedHashMap<>(extraLabels);
    labels.put(APP_NETWORK_LABEL, app);
    try {
      engine.createNetwork(NetworkSpec.overlay(appNetwork(app), labels));
    } catch (EngineException e) {
      if (!e.conflict()) throw new DokkuException("Unable to create network " + appNetwork(app) + ": " + e.getMessage());
    }
  }

  /** Removes the app's own overlay once no task uses it any more (the engine frees it a moment after the services go). */
  void removeAppNetwork(String app) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (true) {
      try {
        for (NetworkInfo n : engine.listNetworks()) if (n.name().equals(appNetwork(app))) engine.removeNetwork(n.id());
        return;
      } catch (EngineException e) {
        if (e.notFound()) return;
        if (System.currentTimeMillis() > deadline) throw new DokkuException("Unable to remove network " + appNetwork(app) + ": " + e.getMessage());
        Edge.sleep(250);
      }
    }
  }
}
