package jokku.watch;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.WatchProcess;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.store.Store;

/**
 * What the watcher tests share: a run's apps and busybox httpd images on an engine (the host's, or a private one via
 * {@code DOCKER_HOST}), {@code network:watch} in its own JVM (so it can be SIGTERMed and {@code kill -9}ed), raw
 * engine operations behind jokku's back (stop, start, filler containers on a chosen address), and the cleanup of
 * everything the run made.
 */
final class WatchFixture implements AutoCloseable {
  static final Path CLASSES = Path.of("target/classes").toAbsolutePath();
  final Jokku j = new Jokku();
  final Engine engine;
  final Store store = new Store(j.root, j.lib);
  private final List<String> tags = new ArrayList<>();
  private final List<Watch> watches = new ArrayList<>();

  WatchFixture(String dockerHost) {
    if (dockerHost != null) j.env.put("DOCKER_HOST", dockerHost);
    engine = EngineFixture.open(j.env.get("DOCKER_HOST"));
  }

  WatchFixture() {
    this(null);
  }

  Jokku.Result ok(String... args) {
    return j.ok(args);
  }

  /** An app with fast checks (default-wait 0, old containers retired at the end of the deploy). */
  String app(String prefix) {
    String app = j.name(prefix);
    ok("apps:create", app);
    ok("checks:set", app, "default-wait", "0");
    ok("checks:set", app, "wait-to-retire", "0");
    return app;
  }

  /** web: busybox httpd on $PORT answering {@code <version> <hostname>}; it exits 3 once /app/crash exists. */
  String image(String version) {
    return image(version, "web: sh -c 'test -f /app/crash && exit 3; mkdir -p /www && echo \"" + version + " $(hostname)\" > /www/index.html"
        + " && httpd -p $PORT -h /www && while [ ! -f /app/crash ]; do sleep 0.2; done; exit 3'\n");
  }

  /** A busybox image whose Procfile is {@code procfile}. */
  String image(String version, String web) {
    String tag = "jokku-test/watch-" + j.runId + "-" + version + ":latest";
    TestImages.build(tag, Map.of("Procfile", web, "Dockerfile", "FROM " + TestImages.BUSYBOX
        // a first step of its own: no build step is shared with (and cached from) another run, whose clean-up may remove it
        + "\nLABEL com.jokku.watch-image=" + j.runId + "-" + version + "\nWORKDIR /app\nCOPY Procfile /app/Procfile\n"));
    tags.add(tag);
    String host = j.env.get("DOCKER_HOST");
    if (host != null && !host.equals(System.getenv("DOCKER_HOST"))) { // a private engine: built on the host's, copied over
      try {
        Process p = new ProcessBuilder("sh", "-c", "docker save \"$0\" | docker -H \"$1\" load -q", tag, host).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("copying " + tag + " failed: " + log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        Engine hostEngine = TestEngine.engine();
        EngineFixture.forceRemoveImage(hostEngine, tag);
        hostEngine.close();
      }
    }
    return tag;
  }

  /** The app's state files (name → content). */
  Map<String, String> state(String app) {
    Map<String, String> m = new TreeMap<>();
    for (String prefix : List.of("CONTAINER.", "IP.", "PORT.")) for (String f : store.appFiles(app, prefix)) m.put(f, store.readAppFile(app, f).trim());
    return m;
  }

  String container(String app, String dyno) {
    return store.readAppFile(app, "CONTAINER." + dyno).trim();
  }

  ContainerInfo inspect(String id) {
    return engine.inspectContainer(id);
  }

  void stop(String id) {
    engine.stopContainer(id, 1);
  }

  void start(String id) {
    engine.containers().start(id);
  }

  /** A labelled busybox container sleeping on {@code network} at {@code ip}: it takes an address a stopped one freed. */
  String filler(String network, String ip) {
    Map<String, Object> ep = new LinkedHashMap<>();
    ep.put("IPAMConfig", Map.of("IPv4Address", ip));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", TestImages.busybox());
    body.put("Cmd", List.of("sleep", "3600"));
    body.put("Labels", Map.of(TestEngine.LABEL, j.runId));
    body.put("HostConfig", Map.of("NetworkMode", network));
    body.put("NetworkingConfig", Map.of("EndpointsConfig", Map.of(network, ep)));
    String id = EngineFixture.createContainer(engine, body);
    start(id);
    return id;
  }

  /** Runs a docker CLI command against this fixture's engine; returns its exit code. */
  int docker(String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    String host = j.env.get("DOCKER_HOST");
    if (host != null) cmd.addAll(List.of("-H", host));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Starts {@code network:watch} in its own JVM with this run's environment. */
  Watch watch() {
    Watch w = new Watch(j.env);
    watches.add(w);
    return w;
  }

  /** Polls {@code condition} every 100 ms up to {@code seconds}; true when it held. */
  static boolean eventually(int seconds, BooleanSupplier condition) {
    return WatchProcess.eventually(seconds, condition);
  }

  /** One {@code network:watch} process ({@link WatchProcess}). */
  static final class Watch extends WatchProcess {
    Watch(Map<String, String> env) {
      super(env);
    }
  }

  @Override
  public void close() {
    for (Watch w : watches) {
      try {
        w.kill9();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    j.run("proxy:stop");
    try {
      List<String> label = List.of(TestEngine.LABEL + "=" + j.runId);
      for (Map<String, Object> c : EngineFixture.containerDocuments(engine, label)) EngineFixture.forceRemoveContainer(engine, String.valueOf(c.get("Id")));
      for (jokku.engine.NetworkInfo n : engine.listNetworks()) {
        if (j.runId.equals(n.labels().get(TestEngine.LABEL))) EngineFixture.forceRemoveNetwork(engine, n.id());
      }
      for (String id : engine.imageIds(label, false)) EngineFixture.forceRemoveImage(engine, id);
      for (String t : tags) EngineFixture.forceRemoveImage(engine, t);
    } finally {
      engine.close();
    }
  }
}
