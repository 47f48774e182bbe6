package jokku;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jokku.cli.CommandSpecs;
import jokku.cli.Commands;
import jokku.cli.Registry;

/**
 * The hidden {@code __aot-train} command: runs the CLI's hot paths (argument parsing, help, rendering, JSON, the
 * engine client over a unix socket) against a {@link CannedEngine}, with all output going nowhere, so that the
 * launcher's AOT cache (JDK 25+) or CDS archive (JDK 17) holds every class a real command needs. Needs no Docker,
 * touches nothing outside a temporary folder. Each line states the exit code it must end with, so a run that
 * exercised an error path by accident fails (exit 1, the offending lines on stderr).
 */
final class Train {
  /** One command line to run, its stdin, and the exit code it must return. */
  record Line(int exit, String stdin, String... args) {}

  static final List<Line> LINES = List.of(
      new Line(1, "", "network:lst"),
      new Line(0, "", "network:list"),
      new Line(0, "", "network:list", "--format", "json"),
      new Line(0, "", "--quiet", "network:list", "--dokku-managed"),
      new Line(2, "", "network:list", "--bogus"),
      new Line(0, "", "network:info", "train"),
      new Line(0, "", "network:info", "train", "--format=json"),
      new Line(1, "", "network:info", "train", "--format", "yaml"),
      new Line(2, "", "network:info", "train", "--format"),
      new Line(1, "", "network:info"),
      new Line(0, "", "--trace", "network:exists", "train"),
      new Line(1, "", "network:exists", "missing"),
      new Line(0, "", "network:create", "train-2", "--subnet", "10.99.0.0/24", "--gateway", "10.99.0.1", "--ip-range", "10.99.0.128/25",
          "--label", "com.example.team=a", "--opt", "com.docker.network.driver.mtu=1400", "--internal"),
      new Line(0, "", "network:create", "train-6", "--subnet=fd00:99::/64", "--gateway=fd00:99::1", "--ipv6", "--driver", "bridge"),
      new Line(1, "", "network:create", "train"),
      new Line(1, "", "network:create", "bad name!"),
      new Line(1, "", "network:create", "train-3", "--subnet", "10.99.0.0/33"),
      new Line(1, "", "network:create", "train-3", "--gateway", "10.99.0.1"),
      new Line(0, "idle\n", "network:destroy", "idle"),
      new Line(1, "other\n", "network:destroy", "idle"),
      new Line(0, "", "--force", "network:destroy", "idle"),
      new Line(0, "", "network:destroy", "idle", "--force"),
      new Line(1, "", "network:destroy", "train", "--force"),
      new Line(1, "", "network:destroy", "bridge", "--force"),
      new Line(0, "", "apps:create", "train-app"),
      new Line(0, "", "apps:list"),
      new Line(0, "", "apps:exists", "train-app"),
      new Line(0, "", "config:set", "--no-restart", "train-app", "KEY=value", "QUOTED=a 'b' c"),
      new Line(0, "", "config:get", "train-app", "KEY"),
      new Line(0, "", "config:show", "train-app"),
      new Line(0, "", "config:export", "--format", "json", "train-app"),
      new Line(0, "", "network:set", "train-app", "attach-post-deploy", "train"),
      new Line(0, "", "network:set", "train-app", "tld", "example.com"),
      new Line(0, "", "network:report", "train-app"),
      new Line(0, "", "network:report", "train-app", "--format", "json"),
      new Line(0, "", "network:report", "--global"),
      new Line(0, "", "docker-options:add", "train-app", "deploy", "-p 8080:80"),
      new Line(0, "", "docker-options:report", "train-app"),
      new Line(0, "", "domains:set-global", "train.test"),
      new Line(0, "", "domains:add", "train-app", "www.train.test"),
      new Line(1, "", "domains:add", "train-app", "bad_domain"),
      new Line(0, "", "domains:report", "train-app"),
      new Line(0, "", "ports:set", "train-app", "http:80:5000", "http:8080:5000"),
      new Line(1, "", "ports:set", "train-app", "https:443:5000", "https:443:6000"),
      new Line(0, "", "ports:list", "train-app"),
      new Line(0, "", "ports:report", "train-app", "--format", "json"),
      new Line(0, "", "proxy:set", "--global", "listen", "127.0.0.1:8080"),
      new Line(0, "", "proxy:report", "train-app"),
      new Line(0, "", "urls", "train-app"),
      new Line(0, "", "apps:report", "train-app"),
      new Line(0, "", "run:list", "train-app"),
      new Line(0, "", "run:list", "train-app", "--format", "json"),
      new Line(1, "", "run", "-e", "A=b", "train-app", "true"),
      new Line(2, "", "run", "--bogus", "train-app"),
      new Line(0, "", "network:rebuild", "train-app"),
      new Line(0, "", "network:rebuildall"),
      new Line(0, "", "network:check", "train-app"),
      new Line(0, "", "network:check", "--all", "--format", "json"),
      new Line(0, "", "network:graph", "train-app", "--format", "dot"),
      new Line(0, "", "network:graph", "train-app", "--format", "mermaid"),
      new Line(0, "", "network:graph", "--format=json"),
      new Line(0, "", "ps:scale", "train-app", "web=2", "worker=1"),
      new Line(0, "", "ps:scale", "train-app"),
      new Line(0, "", "ps:report", "train-app"),
      new Line(0, "", "ps:restart", "train-app"),
      new Line(0, "", "ps:rebuild", "train-app"),
      new Line(0, "", "ps:retire"),
      new Line(0, "", "ps:set", "train-app", "restart-policy", "on-failure:5"),
      new Line(1, "", "ps:set", "train-app", "restart-policy", "sometimes"),
      new Line(0, "", "ps:report", "train-app", "--ps-restart-policy"),
      new Line(0, "", "checks:set", "train-app", "default-wait", "0"),
      new Line(0, "", "checks:disable", "train-app", "worker"),
      new Line(0, "", "checks:report", "train-app"),
      new Line(0, "", "nginx:report", "train-app"),
      new Line(0, "", "nginx:report", "--global", "--format", "json"),
      new Line(1, "", "nginx:set", "train-app", "client-max-body-size", "10zz"),
      new Line(1, "", "nginx:show-config", "train-app"),
      new Line(0, "", "certs:report", "train-app"),
      new Line(0, "", "builder:set", "train-app", "selected", "dockerfile"),
      new Line(0, "", "builder:report", "train-app"),
      new Line(0, "", "apps:destroy", "--force", "train-app"),
      new Line(20, "", "apps:exists", "train-app"));

  /**
   * Classes of the deploy and nginx paths, which training cannot run (they need a real engine and nginx): loaded so
   * the archive holds them, instead of each deploy reading and verifying them from the jar.
   */
  static final List<String> PRELOADED = List.of("jokku.deploy.AppJson", "jokku.scheduler.local.ContainerSpecs",
      "jokku.scheduler.local.ContainerSpecs$DeploySpec", "jokku.scheduler.local.DeployRun", "jokku.scheduler.local.Deployer$Mode", "jokku.scheduler.local.FailedLogs",
      "jokku.deploy.HealthCheck", "jokku.deploy.HealthCheck$Target", "jokku.deploy.ImageMetadata", "jokku.deploy.ImageRegistry",
      "jokku.scheduler.local.InstanceLauncher", "jokku.scheduler.local.InstanceLauncher$Launched", "jokku.scheduler.local.NetworkPhases",
      "jokku.deploy.ReleaseTasks", "jokku.scheduler.local.Renames", "jokku.scheduler.local.RetireLater", "jokku.scheduler.local.Retirement$Entry",
      "jokku.engine.ContainerInfo", "jokku.engine.ContainerInfo$Endpoint", "jokku.engine.Execs", "jokku.image.CommittedFiles",
      "jokku.network.NetworkPlan", "jokku.proxy.AddressChange", "jokku.proxy.Nginx$Result", "jokku.proxy.NginxAppConfig",
      "jokku.proxy.NginxAppConfig$Input", "jokku.proxy.NginxMainConfig", "jokku.proxy.Signals", "jokku.run.OneOff$TaskOutput",
      // the last ones a deploy read from the jar (-Xlog:class+load): with none left, the deploy never opens the jar
      "jokku.DokkuLabels", "jokku.engine.ContainerSpec$RestartPolicy", "jokku.proxy.NginxBinds", "jokku.proxy.LowPorts",
      "jokku.proxy.AppConfigPlan", "jokku.proxy.AppConfigPlan$Kind", "jokku.proxy.NginxProcesses", "jokku.scheduler.local.SideThreads");

  private Train() {}

  /**
   * Lines run after {@link #LINES} on an app with state files for the {@link CannedEngine}'s deploy container, so the
   * per-container path of {@code network:rebuild} and {@code network:check} (list answer, inspect, endpoint cache,
   * plan, files) is in the archive: the first check finds the IP file out of line (so the container was read), the
   * first rebuild inspects, rewrites it and stores the endpoint cache, and the later readings use that.
   */
  static final List<Line> NETWORK_STATE_LINES = List.of(
      new Line(0, "", "apps:create", CannedEngine.APP),
      new Line(0, "", "apps:create", "train-idle"), // a second app (without state): the many-app reading's path
      new Line(0, "", "network:set", CannedEngine.APP, "attach-post-deploy", "train"),
      new Line(1, "", "network:check", CannedEngine.APP),
      new Line(0, "", "network:rebuildall"),
      new Line(0, "", "network:check", "--all"),
      new Line(0, "", "network:check", CannedEngine.APP, "--format", "json"),
      new Line(0, "", "network:rebuild", CannedEngine.APP),
      new Line(0, "", "network:rebuildall"));

  /**
   * A deploy ({@code ps:restart}) of {@link CannedEngine#DEPLOY_APP}, so that the deploy path's classes, their
   * initialisation and their lambdas are in the archive (a deploy otherwise links ~20 lambdas at run time): image,
   * formation, spec, create, start, checks, state files, renaming and the recorded release, against the canned engine.
   * Its proxy is disabled (training must never start or signal a real nginx) and it has no previous container to
   * retire (nothing is scheduled in the background).
   */
  static final List<Line> DEPLOY_LINES = List.of(
      new Line(0, "", "apps:create", CannedEngine.DEPLOY_APP),
      new Line(0, "", "proxy:disable", CannedEngine.DEPLOY_APP),
      new Line(0, "", "checks:set", CannedEngine.DEPLOY_APP, "default-wait", "0"),
      new Line(0, "", "ps:restart", CannedEngine.DEPLOY_APP));

  /** What a deploy of {@link CannedEngine#DEPLOY_APP} finds: marked deployed, its image's Procfile committed. */
  private static void deployable(Path lib) throws IOException {
    Path ps = Files.createDirectories(lib.resolve("data/ps").resolve(CannedEngine.DEPLOY_APP));
    Files.writeString(ps.resolve("Procfile"), "web: httpd -f -p $PORT -h /www\n");
    Files.writeString(ps.resolve("release-image-id"), CannedEngine.DEPLOY_IMAGE_ID);
    Files.writeString(Files.createDirectories(lib.resolve("config/common").resolve(CannedEngine.DEPLOY_APP)).resolve("deployed"), "true");
  }

  /** Writes the state files a deploy of {@link CannedEngine#APP}'s one container leaves. */
  private static void deployState(Path home) throws IOException {
    Path app = Files.createDirectories(home.resolve(CannedEngine.APP));
    Files.writeString(app.resolve("CONTAINER.worker.1"), CannedEngine.CONTAINER_ID + "\n");
    Files.writeString(app.resolve("IP.worker.1"), "172.17.0.9");
  }

  /**
   * The help paths, from the registry: {@code help}, each plugin's help (as {@code <plugin>:help}, and as the bare
   * plugin name where that is no command) and each command's {@code --help}.
   */
  static List<Line> helpLines() {
    Registry registry = Commands.registry();
    List<Line> l = new ArrayList<>();
    l.add(new Line(0, "", "help"));
    for (CommandSpecs.Plugin p : registry.plugins()) {
      l.add(new Line(0, "", p.name() + ":help"));
      if (registry.find(p.name()) == null) l.add(new Line(0, "", p.name()));
    }
    for (String command : registry.names()) l.add(new Line(0, "", command, "--help"));
    return l;
  }

  /** Loads {@link #PRELOADED} and runs a line through the {@link KeptShell} (the JDK's process classes), as reloads do. */
  private static int helpers(PrintStream report) {
    int failures = 0;
    for (String name : PRELOADED) {
      try {
        Class.forName(name, false, Train.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        report.println("__aot-train: no class " + name);
        failures++;
      }
    }
    try {
      if (KeptShell.run("kill -s 0 $$").exit() != 0) failures++;
    } catch (IOException e) {
      report.println("__aot-train: no shell: " + e.getMessage());
      failures++;
    } finally {
      KeptShell.end();
    }
    return failures;
  }

  /** Runs every line; 0 when each ended as expected. */
  static int run(PrintStream report) {
    Path dir;
    try {
      dir = Files.createTempDirectory("jokku-train-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    System.getenv(); // Main reads the real environment; load those classes too
    Main.shuttingDown(); // as every command's end does
    if (Main.mayUseEngine("network:list")) jokku.engine.FirstSocket.prepare(); // as Main.main does, on its own thread
    int failures = 0;
    try (CannedEngine engine = CannedEngine.start(dir.resolve("engine.sock"))) {
      Map<String, String> env = new HashMap<>();
      env.put("DOCKER_HOST", "unix://" + dir.resolve("engine.sock"));
      env.put("DOKKU_ROOT", Files.createDirectories(dir.resolve("home")).toString());
      env.put("DOKKU_LIB_ROOT", Files.createDirectories(dir.resolve("lib")).toString());
      env.put("JOKKU_LABELS", "com.jokku.train=1");
      for (Line l : helpLines()) failures += check(report, l, run(env, l, nowhere));
      for (Line l : LINES) failures += check(report, l, run(env, l, nowhere));
      for (Line l : NETWORK_STATE_LINES) {
        failures += check(report, l, run(env, l, nowhere));
        if (l.args()[0].equals("network:set")) deployState(dir.resolve("home"));
      }
      for (Line l : DEPLOY_LINES) {
        if (l.args()[0].equals("ps:restart")) deployable(dir.resolve("lib"));
        failures += check(report, l, run(env, l, nowhere));
      }
      env.put("DOCKER_HOST", "unix://" + dir.resolve("absent.sock"));
      failures += check(report, new Line(1, "", "network:list"), run(env, new Line(1, "", "network:list"), nowhere));
      failures += helpers(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(dir);
    }
    return failures == 0 ? 0 : 1;
  }

  private static int run(Map<String, String> env, Line l, PrintStream nowhere) {
    return Main.run(env, new ByteArrayInputStream(l.stdin().getBytes(StandardCharsets.UTF_8)), nowhere, nowhere, l.args());
  }

  private static int check(PrintStream report, Line l, int code) {
    if (code == l.exit()) return 0;
    report.println("__aot-train: `" + String.join(" ", l.args()) + "` exited " + code + ", expected " + l.exit());
    return 1;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder; the OS cleans it eventually
    }
  }
}
