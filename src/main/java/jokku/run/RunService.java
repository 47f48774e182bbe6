package jokku.run;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jokku.DokkuException;
import jokku.DokkuLabels;
import jokku.apps.AppName;
import jokku.config.Config;
import jokku.dockeroptions.DockerOptions;
import jokku.engine.ContainerSummary;
import jokku.engine.Engine;
import jokku.engine.ImageConfig;
import jokku.image.CommittedFiles;
import jokku.image.Procfile;
import jokku.network.NetworkPlan;
import jokku.network.NetworkSettings;
import jokku.store.Store;

/** The {@code run:*} commands' domain: turning a request into a one-off container, listing and stopping them. */
public final class RunService {
  /** What the user asked for: app, command (may be empty), extra env, time to live, tracing. */
  public record Request(String app, List<String> command, Map<String, String> env, long ttlSeconds, boolean trace) {}

  /** A spec ready to create, and the Procfile key it resolved (or ""). */
  public record Prepared(OneOffSpec spec, String procfileKey) {}

  private final Engine engine;
  private final Store store;
  private final Map<String, String> extraLabels;
  private final String defaultNetwork;

  public RunService(Engine engine, Store store, Map<String, String> extraLabels) {
    this(engine, store, extraLabels, "");
  }

  /** With the network run containers join first when the app sets no initial network (see {@link OneOff}). */
  public RunService(Engine engine, Store store, Map<String, String> extraLabels, String defaultNetwork) {
    this.engine = engine;
    this.store = store;
    this.extraLabels = extraLabels;
    this.defaultNetwork = defaultNetwork;
  }

  public OneOff oneOff() {
    return new OneOff(engine, new NetworkPlan(new NetworkSettings(store)), extraLabels, defaultNetwork);
  }

  /**
   * Checks the app and its image, then builds the container: the app's config and {@code --env} values as env, the
   * command (a Procfile key as first word runs that process's command through {@code /bin/sh -c}; no command runs
   * {@code DOKKU_APP_SHELL} when set, else the image's own command), and the app's run-phase docker-options.
   */
  public Prepared prepare(Request r) {
    AppName.verify(store, r.app());
    String image = OneOffSpec.appImage(r.app());
    ImageConfig img = engine.image(image).orElseThrow(() -> OneOff.imageMissing(image));
    Map<String, String> env = new LinkedHashMap<>(new Config(store).merged(r.app()));
    if (r.trace()) env.put("TRACE", "true");
    env.putAll(r.env());
    OneOffSpec spec = OneOffSpec.run(r.app()).image(image).env(env).deadlineSeconds(r.ttlSeconds());
    String key = "";
    List<String> cmd = r.command();
    if (cmd.isEmpty()) {
      String shell = env.getOrDefault("DOKKU_APP_SHELL", "");
      if (!shell.isEmpty()) cmd = List.of(shell);
    } else if (Procfile.isKey(cmd.get(0))) {
      Optional<String> proc = new CommittedFiles(store).forRun(r.app(), img, engine, extraLabels).command(cmd.get(0));
      if (proc.isPresent()) {
        key = cmd.get(0);
        spec.processType(key);
        cmd = List.of("/bin/sh", "-c", procfileCommand(proc.get(), key) + Shell.quoteArgs(cmd.subList(1, cmd.size())));
      }
    }
    spec.cmd(cmd);
    DockerOptions options = new DockerOptions(store);
    spec.customize(body -> options.applyRun(r.app(), body));
    return new Prepared(spec, key);
  }

  /**
   * A Procfile command as {@code procfile-get-command <app> <key> 5000} renders it for Dokku's run: {@code $PORT} is
   * 5000 and {@code $PS} the key; other variables are left to the container's shell, which has the config as env.
   */
  static String procfileCommand(String command, String key) {
    return command.replaceAll("\\$(\\{PORT\\}|PORT(?![A-Za-z0-9_]))", "5000").replaceAll("\\$(\\{PS\\}|PS(?![A-Za-z0-9_]))", key);
  }

  /** Runs attached with stdin piped; returns the command's exit code. */
  public int run(OneOffSpec spec, InputStream in, OutputStream out, OutputStream err) {
    spec.stdin(true);
    OneOff o = oneOff();
    OneOff.Created c = o.create(spec);
    return o.runAttached(spec, c, in, out, err);
  }

  /** Starts in the background; returns the container name. */
  public String runDetached(OneOffSpec spec) {
    OneOff o = oneOff();
    OneOff.Created c = o.create(spec.tty(false));
    o.startDetached(c);
    return c.name();
  }

  /** The app's run containers (one request), as the engine lists them. */
  public List<ContainerSummary> list(String app) {
    AppName.verify(store, app);
    return engine.containerRows(List.of(DokkuLabels.APP + "=" + app, DokkuLabels.CONTAINER_TYPE + "=run"));
  }

  /**
   * Stops the named run container of the app, or all of them when {@code name} is empty; returns the names stopped.
   * Only the app's own run containers match, by exact name.
   */
  public List<String> stop(String app, String name) {
    List<ContainerSummary> all = list(app);
    List<ContainerSummary> targets = new ArrayList<>();
    for (ContainerSummary c : all) if (name.isEmpty() || c.name().equals(name)) targets.add(c);
    if (!name.isEmpty() && targets.isEmpty()) throw new DokkuException("Specified container does not exist: " + name + " is not a run container of " + app);
    int timeout = stopTimeout(app);
    List<String> stopped = new ArrayList<>();
    for (ContainerSummary c : targets) {
      if (c.state().equals("running") || c.state().equals("restarting") || c.state().equals("paused")) engine.stopContainer(c.id(), timeout);
      stopped.add(c.name());
    }
    return stopped;
  }

  private int stopTimeout(String app) {
    String v = new Config(store).merged(app).getOrDefault("DOKKU_DOCKER_STOP_TIMEOUT", "");
    return v.matches("\\d{1,6}") ? Integer.parseInt(v) : 10;
  }
}
