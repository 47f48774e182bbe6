package jokku.deploy;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.Jokku;
import jokku.Main;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.Json;
import jokku.store.Store;

/**
 * What the deploy tests share: apps, busybox web images (httpd serving a page that names the version and the
 * container's hostname, plus a worker loop), HTTP probes from the host, state files, raw engine inspects, and the
 * cleanup of everything the run created (containers, networks, app images, test images).
 */
public final class DeployFixture implements AutoCloseable {
  public final Jokku j = new Jokku();
  public final Engine engine = TestEngine.engine();
  public final Store store = new Store(j.root, j.lib);
  private final List<String> tags = new ArrayList<>();

  private boolean proxyListening;

  /**
   * An app with fast checks: default-wait 0, wait-to-retire 0 (old containers leave at the end of the deploy). The
   * run's nginx (started by the first deploy) listens on a free loopback port and is stopped by {@link #close}.
   */
  public String app(String prefix) {
    String app = j.name(prefix);
    if (!proxyListening) {
      jokku.proxy.Http.proxyOnLoopback(j);
      proxyListening = true;
    }
    ok("apps:create", app);
    ok("checks:set", app, "default-wait", "0");
    ok("checks:set", app, "wait-to-retire", "0");
    return app;
  }

  /**
   * A web image: {@code web} runs httpd on {@code $PORT} serving {@code <version> <hostname>}, {@code worker} loops.
   * Extra files (app.json, ...) go into WORKDIR /app; {@code dockerfileExtra} is appended to the Dockerfile.
   */
  public String webImage(String version, Map<String, String> extra, String dockerfileExtra) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("Procfile", "web: sh -c 'mkdir -p /www && echo \"" + version + " $(hostname)\" > /www/index.html && exec httpd -f -p $PORT -h /www'\n"
        + "worker: sh -c 'while true; do sleep 1; done'\n");
    files.putAll(extra);
    StringBuilder df = new StringBuilder("FROM " + TestImages.BUSYBOX + "\nWORKDIR /app\n");
    for (String f : files.keySet()) df.append("COPY ").append(f).append(" /app/").append(f).append('\n');
    df.append(dockerfileExtra);
    files.put("Dockerfile", df.toString());
    String tag = "jokku-test/deploy-" + j.runId + "-" + version.toLowerCase() + ":latest";
    TestImages.build(tag, files);
    tags.add(tag);
    return tag;
  }

  public String webImage(String version) {
    return webImage(version, Map.of(), "");
  }

  public Jokku.Result ok(String... args) {
    return j.ok(args);
  }

  /** Runs a command with binary stdin. */
  public Jokku.Result runWithBytes(byte[] stdin, String... args) {
    return runWithStream(new ByteArrayInputStream(stdin), args);
  }

  /** Runs a command with this stdin (e.g. one that fails while it is read). */
  public Jokku.Result runWithStream(java.io.InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int code = Main.run(j.env, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Jokku.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The app's state files (name → content). */
  public Map<String, String> state(String app) {
    Map<String, String> m = new TreeMap<>();
    for (String prefix : List.of("CONTAINER.", "IP.", "PORT.")) for (String f : store.appFiles(app, prefix)) m.put(f, store.readAppFile(app, f));
    return m;
  }

  public String listener(String app, String dyno) {
    return store.readAppFile(app, "IP." + dyno) + ":" + store.readAppFile(app, "PORT." + dyno);
  }

  /** GET / from the host; the body, or an exception when nothing answers. */
  public String http(String listener) throws IOException {
    int colon = listener.lastIndexOf(':');
    HttpProbe.Response r = HttpProbe.get(listener.substring(0, colon), Integer.parseInt(listener.substring(colon + 1)), "/", 2);
    if (r.status() != 200) throw new IOException("status " + r.status());
    return r.body().trim();
  }

  public List<ContainerInfo> containers(String app) {
    return engine.listContainers(List.of("com.dokku.app-name=" + app), true);
  }

  /** The engine's full inspect document. */
  public Map<String, Object> inspect(String id) {
    return jokku.engine.EngineFixture.containerDocument(engine, id);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> m, String... path) {
    Map<String, Object> cur = m;
    for (String k : path) cur = (Map<String, Object>) cur.get(k);
    return cur;
  }

  public String imageId(String ref) {
    return engine.image(ref).map(jokku.engine.ImageConfig::id).orElse("");
  }

  public static Object json(String s) {
    return Json.parse(s);
  }

  @Override
  public void close() {
    if (proxyListening) j.run("proxy:stop");
    try {
      TestEngine.cleanupWithImages(j.runId, tags);
    } finally {
      engine.close();
    }
  }
}
