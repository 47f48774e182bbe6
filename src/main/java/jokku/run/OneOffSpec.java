package jokku.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jokku.DokkuLabels;
import jokku.engine.ContainerSpec;

/**
 * What a one-off container of an app is: {@code run} containers ({@code <app>.run.<n>}, auto-removed) and deploy
 * task containers (release, predeploy, postdeploy). Pure data; {@link #createSpec} turns it into the
 * container-create request, {@link OneOff} does the engine work.
 */
public final class OneOffSpec {
  /** Dokku's default {@code com.dokku.active-deadline-seconds} for run containers (one day). */
  public static final long DEFAULT_DEADLINE_SECONDS = 86400;

  final String app;
  final String containerType;
  String image;
  String phase = "";
  String processType = "";
  List<String> cmd = List.of();
  final Map<String, String> env = new LinkedHashMap<>();
  final Map<String, String> labels = new LinkedHashMap<>();
  boolean numberedName;
  boolean autoRemove;
  boolean stdin;
  boolean tty;
  int rows;
  int cols;
  long deadlineSeconds = DEFAULT_DEADLINE_SECONDS;
  Consumer<ContainerSpec> customizer = b -> {};

  private OneOffSpec(String app, String containerType) {
    this.app = app;
    this.containerType = containerType;
    this.image = appImage(app);
  }

  /** The image every container of an app runs: {@code dokku/<app>:latest}. */
  public static String appImage(String app) {
    return "dokku/" + app + ":latest";
  }

  /** A {@code run} container: named {@code <app>.run.<n>}, {@code DYNO=run.<n>}, removed when it exits. */
  public static OneOffSpec run(String app) {
    OneOffSpec s = new OneOffSpec(app, "run");
    s.numberedName = true;
    s.autoRemove = true;
    return s;
  }

  /**
   * A deploy task container for {@code phase} (release, predeploy, postdeploy): labelled
   * {@code dokku_phase_script=<phase>}, engine-named, kept until {@link OneOff#task} has printed its output.
   */
  public static OneOffSpec task(String app, String phase, List<String> cmd) {
    OneOffSpec s = new OneOffSpec(app, phase);
    s.phase = phase;
    s.cmd = List.copyOf(cmd);
    return s;
  }

  public OneOffSpec image(String image) {
    this.image = image;
    return this;
  }

  /** The command (empty: the image's own). */
  public OneOffSpec cmd(List<String> cmd) {
    this.cmd = List.copyOf(cmd);
    return this;
  }

  /** Environment, in order; later values win. */
  public OneOffSpec env(Map<String, String> values) {
    env.putAll(values);
    return this;
  }

  public OneOffSpec env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public OneOffSpec label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  /** The Procfile process whose command this runs ({@code com.dokku.process-type}). */
  public OneOffSpec processType(String proc) {
    this.processType = proc;
    return this;
  }

  public OneOffSpec stdin(boolean open) {
    this.stdin = open;
    return this;
  }

  public OneOffSpec tty(boolean tty) {
    this.tty = tty;
    return this;
  }

  /** The TTY size to set once the container runs (0: leave the engine's default). */
  public OneOffSpec consoleSize(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    return this;
  }

  public OneOffSpec autoRemove(boolean remove) {
    this.autoRemove = remove;
    return this;
  }

  public OneOffSpec deadlineSeconds(long seconds) {
    this.deadlineSeconds = seconds;
    return this;
  }

  /** A last edit of the create request (e.g. docker-options of the run phase). */
  public OneOffSpec customize(Consumer<ContainerSpec> edit) {
    Consumer<ContainerSpec> before = customizer;
    customizer = b -> {
      before.accept(b);
      edit.accept(b);
    };
    return this;
  }

  public String app() {
    return app;
  }

  public String image() {
    return image;
  }

  public String containerType() {
    return containerType;
  }

  /** The container name for instance number {@code n}, or null when the engine names it. */
  public String name(int n) {
    return numberedName ? app + "." + containerType + "." + n : null;
  }

  /**
   * The create request: image, command, {@code KEY=value} env, Dokku's labels over {@code extraLabels}, and the
   * network mode = the initial network ("" keeps the engine's default bridge).
   */
  public ContainerSpec createSpec(int n, String initialNetwork, Map<String, String> extraLabels) {
    Map<String, String> e = new LinkedHashMap<>(env);
    if (numberedName) e.putIfAbsent("DYNO", containerType + "." + n);
    List<String> envList = new ArrayList<>();
    e.forEach((k, v) -> envList.add(k + "=" + v));
    Map<String, String> l = new LinkedHashMap<>(extraLabels);
    l.putAll(labels);
    l.put(DokkuLabels.APP, app);
    l.put(DokkuLabels.CONTAINER_TYPE, containerType);
    if (!phase.isEmpty()) l.put("dokku_phase_script", phase);
    else l.put("com.dokku.active-deadline-seconds", String.valueOf(deadlineSeconds));
    if (!processType.isEmpty()) l.put(DokkuLabels.PROCESS_TYPE, processType);
    l.putIfAbsent("dokku", "");
    ContainerSpec c = new ContainerSpec().image(image);
    if (!cmd.isEmpty()) c.cmd(cmd);
    c.env(envList).labels(l).stdio(stdin, tty);
    if (!initialNetwork.isEmpty()) c.networkMode(initialNetwork);
    c.autoRemove(autoRemove);
    customizer.accept(c);
    return c;
  }
}
