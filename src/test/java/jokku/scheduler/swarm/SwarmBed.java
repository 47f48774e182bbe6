package jokku.scheduler.swarm;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.Jokku;
import jokku.TestImages;
import jokku.Testbed;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.engine.SwarmApi;
import jokku.engine.SwarmTask;
import jokku.proxy.Http;

/**
 * A test bed of three standalone engines turned into a swarm by jokku itself ({@code scheduler-swarm:initialize} on
 * node 1, {@code cluster-add ssh://root@<node>} of nodes 2 and 3, joined over ssh as real second servers are, no
 * {@code docker swarm join} anywhere), with the bed's registry as the global registry and jokku's nginx
 * on a free loopback port; jokku runs in-process against node 1 (the manager), as it runs on a manager.
 */
final class SwarmBed implements AutoCloseable {
  final Testbed bed = Testbed.up("--no-swarm");
  final Jokku j = new Jokku();
  final int port = Http.freePort();
  private final Engine manager = EngineFixture.open(bed.dockerHost());

  SwarmBed() {
    j.env.put("DOCKER_HOST", bed.dockerHost());
    j.env.putAll(bed.sshEnv());
    ok("scheduler-swarm:initialize", "--default-addr-pool", "10.240.0.0/16");
    for (int n = 2; n <= bed.size(); n++) ok("scheduler-swarm:cluster-add", bed.sshUrl(n));
    ok("registry:set", "--global", "server", bed.registry());
    ok("proxy:set", "--global", "listen", "127.0.0.1:" + port);
    ok("domains:set-global", "jokku.test");
  }

  Jokku.Result ok(String... args) {
    return j.ok(args);
  }

  /** A swarm app with fast deploys; {@code web} answers {@code <version> <hostname>} on $PORT. */
  String app(String prefix) {
    String app = j.name(prefix);
    ok("apps:create", app);
    ok("scheduler:set", app, "selected", "swarm");
    return app;
  }

  /** Builds and deploys the app from a Dockerfile project (built by jokku on the manager); extra files go to /app. */
  Jokku.Result deploy(String app, String version, Map<String, String> extra) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("Procfile", ("web: sh -c 'mkdir -p /www && echo \"" + version + " $(hostname)\" > /www/index.html && exec httpd -f -p $PORT -h /www'\n"
        + "worker: sh -c 'while true; do sleep 1; done'\n").getBytes(StandardCharsets.UTF_8));
    extra.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
    StringBuilder df = new StringBuilder("FROM " + TestImages.BUSYBOX + "\nWORKDIR /app\n");
    for (String f : files.keySet()) df.append("COPY ").append(f).append(" /app/").append(f).append('\n');
    files.put("Dockerfile", df.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Path tar = Jokku.tempDir("swarm-app-").resolve("app.tar");
      Files.write(tar, TestImages.tar(files));
      return j.run("git:from-archive", app, tar.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Http.Response get(String app) {
    return Http.get(port, app + ".jokku.test", "/");
  }

  /** The nodes running the service's wanted tasks. */
  Set<String> nodesOf(String service) {
    Set<String> nodes = new HashSet<>();
    for (SwarmTask t : api().taskList(Map.of("service", List.of(service), "desired-state", List.of("running")))) {
      if (t.state().equals("running")) nodes.add(t.nodeId());
    }
    return nodes;
  }

  /** Task container hostname (12-char id prefix) → node id. */
  Map<String, String> hostnames(String service) {
    Map<String, String> m = new LinkedHashMap<>();
    for (SwarmTask t : api().taskList(Map.of("service", List.of(service)))) {
      String id = t.containerId();
      if (id.length() >= 12) m.put(id.substring(0, 12), t.nodeId());
    }
    return m;
  }

  SwarmApi api() {
    return manager.swarm();
  }

  /** The manager's engine, unscoped. */
  Engine engine() {
    return manager;
  }

  @Override
  public void close() {
    try {
      j.run("proxy:stop");
      manager.close();
    } finally {
      bed.close();
    }
  }
}
