package jokku.scheduler.swarm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.ContainerInfo;
import jokku.engine.ContainerSpec;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.image.Tar;
import jokku.store.Store;

/**
 * The bridge from this machine's nginx to an app's tasks on the swarm: one edge container per app on the manager
 * ({@code <app>.edge}, see {@link EdgeConfig}), whose unix sockets live in {@code data/scheduler-swarm/<app>/edge}.
 * The app's web listener is {@code unix:<that folder>}; nginx's upstream is {@code unix:<folder>/<port>.sock}. Unix
 * sockets reach across network namespaces, so this works wherever the manager's engine shares this machine's files.
 * The container is replaced only when its configuration changes.
 */
final class Edge {
  static final String LABEL = "com.jokku.swarm-edge";
  static final String HASH_LABEL = "com.jokku.swarm-edge-config";
  static final long NETWORK_WAIT_MS = 60_000;
  private final Engine engine;
  private final Store store;
  private final Map<String, String> extraLabels;

  Edge(Engine engine, Store store, Map<String, String> extraLabels) {
    this.engine = engine;
    this.store = store;
    this.extraLabels = extraLabels;
  }

  static String name(String app) {
    return app + ".edge";
  }

  Path folder(String app) {
    return store.dataDir(SwarmScheduler.PLUGIN, app).resolve("edge").toAbsolutePath();
  }

  /** Makes the app's edge serve {@code ports} from the tasks behind {@code alias} on {@code network}; returns the listener. */
  String ensure(String app, String network, String alias, List<Integer> ports) {
    String config = EdgeConfig.render(alias, ports);
    String hash = Integer.toHexString((config + "\n" + network).hashCode());
    Path folder = folder(app);
    for (ContainerInfo c : existing(app)) {
      if (hash.equals(c.label(HASH_LABEL)) && c.state().equals("running") && sockets(folder, ports)) return "unix:" + folder;
      engine.removeContainer(c.id(), true);
    }
    Store.mkdirs(folder);
    String image = EdgeImage.ensure(engine, extraLabels);
    Map<String, String> labels = new LinkedHashMap<>(extraLabels);
    labels.put(LABEL, app);
    labels.put(HASH_LABEL, hash);
    ContainerSpec edge = new ContainerSpec().image(image)
        .cmd(List.of("/usr/sbin/nginx", "-e", "stderr", "-p", "/tmp/", "-c", "/etc/edge.conf", "-g", "daemon off;")).labels(labels)
        .bind(folder + ":" + EdgeConfig.SOCKETS).networkMode(network).restartPolicy(new ContainerSpec.RestartPolicy("unless-stopped", null));
    Containers containers = engine.containers();
    for (int p : ports) deleteQuietly(folder.resolve(p + ".sock"));
    String id;
    try {
      id = containers.create(name(app), edge);
      engine.putArchive(id, "/etc", Tar.single("edge.conf", config.getBytes(StandardCharsets.UTF_8)));
      start(containers, id);
    } catch (EngineException e) {
      throw new DokkuException("Unable to start the swarm edge of " + app + ": " + e.getMessage());
    }
    long deadline = System.currentTimeMillis() + 15_000;
    while (!sockets(folder, ports)) {
      if (System.currentTimeMillis() > deadline) {
        throw new DokkuException("The swarm edge of " + app + " did not start: " + containers.logs(id).trim());
      }
      sleep(50);
    }
    return "unix:" + folder;
  }

  /**
   * Starts the edge; while the manager's engine has just restarted, its attachable overlays are not there yet for a
   * moment ({@code network ... not found}, {@code attaching to network failed ...: context deadline exceeded}):
   * retried for up to {@link #NETWORK_WAIT_MS}.
   */
  private static void start(Containers containers, String id) {
    long deadline = System.currentTimeMillis() + NETWORK_WAIT_MS;
    while (true) {
      try {
        containers.start(id);
        return;
      } catch (EngineException e) {
        String m = String.valueOf(e.getMessage());
        boolean notYet = (m.contains("network") && m.contains("not found")) || m.contains("attaching to network failed");
        if (!notYet || System.currentTimeMillis() > deadline) throw e;
        sleep(500);
      }
    }
  }

  /** Removes the app's edge and its folder. */
  void remove(String app) {
    for (ContainerInfo c : existing(app)) engine.removeContainer(c.id(), true);
    store.deleteTree(folder(app));
  }

  /** True when the app's edge container runs. */
  boolean running(String app) {
    return existing(app).stream().anyMatch(c -> c.state().equals("running"));
  }

  List<ContainerInfo> existing(String app) {
    return engine.listContainers(List.of(LABEL + "=" + app), true);
  }

  private static boolean sockets(Path folder, List<Integer> ports) {
    for (int p : ports) if (!Files.exists(folder.resolve(p + ".sock"))) return false;
    return true;
  }

  private static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (java.io.IOException ignored) {
      // a leftover socket the new nginx replaces anyway
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DokkuException("interrupted");
    }
  }
}
