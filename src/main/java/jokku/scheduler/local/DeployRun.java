package jokku.scheduler.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jokku.DokkuLabels;
import jokku.config.Config;
import jokku.deploy.ChecksSettings;
import jokku.deploy.ImageMetadata;
import jokku.deploy.Platform;
import jokku.deploy.Release;
import jokku.deploy.ReleaseTasks;
import jokku.deploy.StateFiles;
import jokku.dockeroptions.DockerOptions;
import jokku.engine.ContainerInfo;
import jokku.engine.ContainerSpec;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.network.NetworkPlan;
import jokku.ports.PortMap;
import jokku.ports.Ports;
import jokku.property.PropertyValues;
import jokku.proxy.ProxySettings;

/**
 * One deploy, step by step: per process type (web first) and instance, launch (create → before start → start →
 * checks) and point the state files at it; then after deploy (attach-post-deploy networks) → proxy → postdeploy
 * task; then swap (rename old and new containers) and retire the old ones. Until the swap, any failure rolls back:
 * new containers removed, state files restored exactly, containers stopped for a stop-first deploy started again,
 * the proxy rebuilt, so the old version keeps serving.
 */
final class DeployRun {
  private final Platform p;
  private final String app;
  private final ImageMetadata meta;
  private final Map<String, Integer> counts;
  private final Deployer.Mode mode;
  private final NetworkPhases networks;
  private final ChecksSettings checks;
  private final StateFiles state;
  private final Retirement retirement;
  private final InstanceLauncher launcher;
  private final int waitToRetire;
  /** The app's containers as the deploy listed them before it started: who holds each final name. */
  private final List<ContainerInfo> listed;

  private final Map<String, String> snapshot;
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final Set<String> promoted = ConcurrentHashMap.newKeySet();
  private final Map<String, String> hostnames = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();
  private final Set<String> retire = new LinkedHashSet<>();
  private final List<String> stopped = new ArrayList<>();
  private boolean proxied;
  /** The proxy was built after the web instances launched (the post-deploy build may then confirm it). */
  private boolean webBuilt;

  DeployRun(Platform p, String app, ImageMetadata meta, Map<String, Integer> counts, Deployer.Mode mode, NetworkPhases networks,
      ChecksSettings checks, StateFiles state, Retirement retirement, List<ContainerInfo> listed) {
    this.p = p;
    this.app = app;
    this.meta = meta;
    this.counts = counts;
    this.mode = mode;
    this.networks = networks;
    this.checks = checks;
    this.state = state;
    this.retirement = retirement;
    this.launcher = new InstanceLauncher(p, networks, checks);
    this.waitToRetire = checks.waitToRetire(app);
    this.snapshot = state.snapshot(app);
    this.listed = listed;
  }

  void execute() {
    Thread hook = new Thread(this::interrupted, "jokku-deploy-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    new FailedLogs(p.store()).clear(app);
    try {
      for (Map.Entry<String, Integer> e : counts.entrySet()) deployProcess(e.getKey(), e.getValue());
      if (mode == Deployer.Mode.RELEASE) retireUnscaledTypes();
      p.out().info1Quiet("Running post-deploy");
      boolean attached = afterDeploy();
      // web's build above read every input of the proxy's; only attaching networks can have changed one since
      if (webBuilt && !attached) p.proxy().buildUnchanged(app);
      else p.proxy().build(app);
      proxied = true;
      if (mode == Deployer.Mode.RELEASE) new ReleaseTasks(p).postdeploy(app, meta);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // the JVM is shutting down: the hook runs
      }
    }
    commit();
  }

  // ---- per process type ----

  private void deployProcess(String proc, int requested) {
    p.out().info1Quiet("Deploying " + proc + " (count=" + requested + ")");
    int count = requested;
    if (count > 0 && !meta.procfile().isEmpty() && !meta.procfile().has(proc)) {
      p.out().warn("Skipping " + proc + " as it is missing from the current Procfile");
      count = 0;
    }
    boolean replace = mode != Deployer.Mode.SCALE;
    List<Integer> existing = state.indexes(app, proc);
    if (replace && count > 0 && checks.isDisabled(app, proc)) stopFirst(proc);
    new DockerOptions(p.store()).publishWarning(app, proc, count, !checks.isDisabled(app, proc)).ifPresent(p.out()::warn);
    boolean changed = false;
    for (int i = 1; i <= count; i++) {
      if (!replace && existing.contains(i)) continue;
      launch(proc, i);
      changed = true;
    }
    for (int i : existing) {
      if (i <= count) continue;
      String dyno = proc + "." + i;
      p.out().verboseQuiet("Scheduling orphaned container shutdown in " + waitToRetire + " seconds (" + dyno + ")");
      retire.add(state.containers(app).get(dyno));
      state.remove(app, dyno);
      changed = true;
    }
    if (proc.equals("web") && changed) {
      p.proxy().build(app);
      proxied = true;
      webBuilt = true;
    }
  }

  /** Dokku's non-zero-downtime path: the running containers of the type are stopped before new ones start. */
  private void stopFirst(String proc) {
    p.out().verboseQuiet("Zero downtime is disabled, stopping currently running containers  (" + proc + ")");
    int timeout = retirement.stopTimeout(app);
    for (int i : state.indexes(app, proc)) {
      String id = state.containers(app).get(proc + "." + i);
      p.out().verboseQuiet("Stopping " + id + " (" + proc + ")");
      try {
        p.containers().updateRestartPolicy(id, "no", 0);
        p.engine().stopContainer(id, timeout);
        stopped.add(id);
      } catch (EngineException e) {
        if (!e.notFound()) throw e;
      }
    }
  }

  private void launch(String proc, int index) {
    ContainerSpecs.DeploySpec spec = spec(proc, index);
    ContainerSpec create = new DockerOptions(p.store()).applyDeploy(app, proc, ContainerSpecs.createSpec(spec));
    InstanceLauncher.Launched c = launcher.launch(spec, create, meta.appJson().startupChecks(proc), created::add);
    hostnames.put(c.id(), c.hostname());
    names.put(c.id(), c.name());
    String dyno = spec.dyno();
    String old = state.containers(app).get(dyno);
    if (old != null) {
      p.out().verboseQuiet("Scheduling old container shutdown in " + waitToRetire + " seconds (" + dyno + ")");
      retire.add(old);
    }
    promoted.add(c.id());
    state.write(app, dyno, c.id(), c.ip(), spec.port());
  }

  private ContainerSpecs.DeploySpec spec(String proc, int index) {
    Map<String, String> config = new Config(p.store()).merged(app);
    List<PortMap> maps = ProxySettings.ports(p.store()).effective(app);
    String port = proc.equals("web") ? Ports.webPort(p.store(), app) : "";
    NetworkPlan plan = networks.plan();
    List<String> publish = proc.equals("web") && plan.bindAllInterfaces(app) ? ContainerSpecs.publishedPorts(maps) : List.of();
    List<String> cmd = meta.procfile().argv(proc, config, port).orElse(List.of());
    boolean init = !"linuxserver.io".equals(meta.image().labels().get("org.opencontainers.image.vendor"));
    String initProperty = new PropertyValues(p.store()).app(DockerLocalScheduler.INIT_PROCESS, app);
    if (!initProperty.isEmpty()) init = initProperty.equals("true");
    return new ContainerSpecs.DeploySpec(app, proc, index, Release.image(app), cmd, config, port, publish,
        plan.initialNetwork(app), init, new jokku.property.PsSettings(p.store()).restartPolicy(app), p.extraLabels());
  }

  /** A full release retires the containers of process types the formation no longer runs. */
  private void retireUnscaledTypes() {
    for (Map.Entry<String, String> e : state.containers(app).entrySet()) {
      String proc = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
      if (counts.containsKey(proc)) continue;
      p.out().info1Quiet("Container type (" + proc + ") is no longer defined. Removing state");
      retire.add(e.getValue());
      state.remove(app, e.getKey());
    }
  }

  // ---- after deploy ----

  /**
   * attach-post-deploy: every listed network on every running container of the app, before the proxy switches.
   * Returns whether there were networks to attach.
   */
  private boolean afterDeploy() {
    if (networks.plan().postDeploy(app, "", "").isEmpty()) return false;
    Set<String> current = new LinkedHashSet<>(state.containers(app).values());
    List<ContainerInfo> running = new ArrayList<>();
    for (ContainerInfo c : p.engine().listContainers(List.of(DokkuLabels.APP + "=" + app), false)) {
      if (current.contains(c.id())) running.add(c);
    }
    networks.attachPostDeploy(app, running, hostnames);
    return true;
  }

  // ---- failure ----

  private void rollback() {
    for (String id : created) launcher.discard(id);
    state.restore(app, snapshot);
    for (String id : stopped) {
      try {
        ContainerSpec.RestartPolicy policy = ContainerSpecs.restartPolicy(new jokku.property.PsSettings(p.store()).restartPolicy(app));
        p.containers().updateRestartPolicy(id, policy.name(), policy.retries());
        p.containers().start(id);
      } catch (EngineException e) {
        p.out().warn("Unable to start previous container " + Retirement.shortId(id) + " again: " + e.getMessage());
      }
    }
    if (proxied) p.proxy().build(app);
  }

  /** SIGINT/SIGTERM during the run: the container being launched never served, so it goes. */
  private void interrupted() {
    try (Engine e = Engine.open(p.env())) {
      for (String id : created) if (!promoted.contains(id)) e.removeContainer(id, true);
    } catch (RuntimeException ignored) {
      // the next deploy removes what is left
    }
  }

  // ---- success ----

  /**
   * The deploy succeeded: the new containers take their final names ({@link Renames}) while, on a side thread, the
   * release is recorded and the old containers are registered to leave after {@code wait-to-retire} (files and the
   * detached process only: neither side needs the other). With no wait they leave right away, after the renames.
   */
  private void commit() {
    Map<String, String> dynos = new LinkedHashMap<>();
    state.containers(app).forEach((dyno, id) -> {
      if (promoted.contains(id)) dynos.put(dyno, id);
    });
    retire.remove(null);
    retire.removeAll(state.containers(app).values());
    boolean later = waitToRetire > 0 && !retire.isEmpty();
    RuntimeException[] failed = new RuntimeException[1];
    Thread record = new Thread(() -> {
      try {
        try (jokku.store.Store.Lock l = p.store().lock(app)) {
          meta.commit(p.store(), app);
          state.markDeployed(app, true);
          new jokku.property.PsSettings(p.store()).restore(app, true);
        }
        if (later) {
          retirement.register(app, retire, waitToRetire);
          retirement.schedule(waitToRetire);
        }
      } catch (RuntimeException e) {
        failed[0] = e;
      }
    }, "jokku-deploy-record");
    record.start();
    try {
      new Renames(p, app).run(dynos, names, listed);
    } finally {
      SideThreads.join(record);
    }
    if (failed[0] != null) throw failed[0];
    if (!retire.isEmpty()) {
      p.out().info1Quiet("Shutting down old containers in " + waitToRetire + " seconds");
      for (String id : retire) p.out().verboseQuiet(id);
      if (!later) {
        retirement.register(app, retire, waitToRetire);
        retirement.schedule(waitToRetire);
      }
    }
    p.out().info2("Application deployed:"); // printed even under --quiet, as Dokku does: scripts read the URLs
    for (String url : p.proxy().urls(app)) p.out().verbose(url);
  }
}
