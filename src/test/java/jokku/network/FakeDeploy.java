package jokku.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.ContainerInfo;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.store.Store;

/**
 * Leaves exactly what a deploy leaves, without the deploy code: a running busybox container named
 * {@code <app>.<proc>.<n>} with Dokku's deploy labels, created on the initial network, joined to it, to the post-create
 * and the post-deploy networks with deploy aliases, and the CONTAINER/IP/PORT files.
 */
final class FakeDeploy {
  private final Jokku j;
  private final Engine engine;
  private final Store store;
  private final NetworkPlan plan;

  FakeDeploy(Jokku j, Engine engine) {
    this.j = j;
    this.engine = engine;
    this.store = new Store(j.root, j.lib);
    this.plan = new NetworkPlan(new NetworkSettings(store));
  }

  /** Points jokku's proxy at a free loopback port, so the nginx a rebuild starts listens there. */
  void proxyOnLoopback() {
    jokku.proxy.Http.proxyOnLoopback(j);
  }

  /** Stops that nginx, closes the engine client and removes what the test run created. */
  void cleanup() {
    j.run("proxy:stop");
    engine.close();
    TestEngine.cleanup(j.runId);
  }

  String app(String prefix) {
    String app = j.name(prefix);
    store.createAppDir(app);
    return app;
  }

  String network(String prefix) {
    String n = j.name(prefix);
    Jokku.Result r = j.run("network:create", n);
    if (r.code() != 0) throw new IllegalStateException(r.toString());
    return n;
  }

  void set(String app, NetworkProperty p, String value) {
    store.setProperty(NetworkProperty.PLUGIN, app, p.key, value);
  }

  /** Deploys one instance; returns the container id. */
  String deploy(String app, String proc, int n) {
    Map<String, String> labels = new LinkedHashMap<>(TestEngine.labels(j.runId));
    labels.put("com.dokku.app-name", app);
    labels.put("com.dokku.process-type", proc);
    labels.put("com.dokku.dyno", proc + "." + n);
    labels.put("com.dokku.container-type", "deploy");
    Map<String, Object> host = new LinkedHashMap<>();
    String initial = plan.initialNetwork(app);
    if (!initial.isEmpty()) host.put("NetworkMode", initial);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", TestImages.busybox());
    body.put("Cmd", proc.equals("web") ? List.of("httpd", "-f", "-p", "5000") : List.of("sleep", "3600"));
    body.put("Labels", labels);
    body.put("HostConfig", host);
    Containers cs = engine.containers();
    String id = EngineFixture.createContainer(engine, app + "." + proc + "." + n, body);
    String hostname = id.substring(0, 12);
    if (!initial.isEmpty()) { // as the deploy does: the initial network is re-joined with the deploy aliases
      engine.disconnect(initial, id, false);
      engine.connect(initial, id, plan.aliases(app, proc, hostname, true));
    }
    for (NetworkPlan.Attachment a : plan.postCreate(app, proc, hostname, true)) engine.connect(a.network(), id, a.aliases());
    cs.start(id);
    for (NetworkPlan.Attachment a : plan.postDeploy(app, proc, hostname)) engine.connect(a.network(), id, a.aliases());
    ContainerInfo c = engine.inspectContainer(id);
    String dyno = proc + "." + n;
    store.writeAppFile(app, "CONTAINER." + dyno, id + "\n");
    store.writeAppFile(app, "IP." + dyno, c.networks().get(plan.addressNetwork(app)).ip());
    if (proc.equals("web")) store.writeAppFile(app, "PORT." + dyno, "5000");
    return id;
  }

  /**
   * Runs a busybox command in a throwaway container on {@code network} (labelled with the test run) and returns its
   * exit code and output, e.g. {@code nslookup <alias>} to see what the network's DNS answers.
   */
  Probe probe(String network, String... cmd) {
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("NetworkMode", network);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", TestImages.busybox());
    body.put("Cmd", List.of(cmd));
    body.put("Labels", TestEngine.labels(j.runId));
    body.put("HostConfig", host);
    Containers cs = engine.containers();
    String id = EngineFixture.createContainer(engine, j.name("probe"), body);
    try {
      cs.start(id);
      int code = cs.await(id);
      return new Probe(code, cs.logs(id));
    } finally {
      engine.removeContainer(id, true);
    }
  }

  record Probe(int code, String output) {}

  ContainerInfo inspect(String id) {
    return engine.inspectContainer(id);
  }

  String file(String app, String name) {
    return store.readAppFile(app, name);
  }

  boolean exists(String app, String name) {
    return store.appFiles(app, name).contains(name);
  }

  void write(String app, String name, String content) {
    store.writeAppFile(app, name, content);
  }
}
