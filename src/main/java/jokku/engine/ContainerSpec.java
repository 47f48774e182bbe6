package jokku.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container-create request, typed: what the container runs (image, entrypoint, command, environment, labels,
 * stdio) and its host configuration (network mode, restart policy, ports, mounts, limits, logging). Domain code and
 * docker-options fill it in; {@link #body()} is the one place it becomes the Engine API create body. A field left
 * unset is absent from the body (the engine's default), so a request means exactly what its writers set.
 */
public final class ContainerSpec {
  /** {@code HostConfig.RestartPolicy}; a null retry count is left out (the engine's 0). */
  public record RestartPolicy(String name, Integer maximumRetryCount) {
    /** {@code on-failure:10}, {@code always}, {@code unless-stopped}, {@code no}: the retry count only when written. */
    public static RestartPolicy parse(String policy) {
      int colon = policy.indexOf(':');
      return colon < 0 ? new RestartPolicy(policy, null)
          : new RestartPolicy(policy.substring(0, colon), Integer.parseInt(policy.substring(colon + 1)));
    }

    /** The retry count, 0 when unset. */
    public int retries() {
      return maximumRetryCount == null ? 0 : maximumRetryCount;
    }
  }

  /** One host binding of a container port: address ("" all) and host port ("" a random one). */
  public record PortBinding(String hostIp, String hostPort) {}

  /** A resource limit ({@code --ulimit name=soft:hard}). */
  public record Ulimit(String name, long soft, long hard) {}

  String image;
  List<String> entrypoint;
  List<String> cmd;
  List<String> env;
  Map<String, String> labels;
  Boolean attachStdin;
  Boolean attachStdout;
  Boolean attachStderr;
  Boolean openStdin;
  Boolean stdinOnce;
  Boolean tty;
  Set<String> exposedPorts;
  Set<String> anonymousVolumes;
  // HostConfig
  Boolean init;
  RestartPolicy restartPolicy;
  String networkMode;
  Boolean autoRemove;
  List<String> binds;
  Map<String, List<PortBinding>> portBindings;
  Boolean publishAllPorts;
  List<String> extraHosts;
  List<String> capAdd;
  List<String> capDrop;
  Boolean privileged;
  Long nanoCpus;
  Long memory;
  Long shmSize;
  String logDriver;
  Map<String, String> logOptions;
  List<Ulimit> ulimits;

  public ContainerSpec image(String image) {
    this.image = image;
    return this;
  }

  public ContainerSpec entrypoint(List<String> entrypoint) {
    this.entrypoint = List.copyOf(entrypoint);
    return this;
  }

  public ContainerSpec cmd(List<String> cmd) {
    this.cmd = List.copyOf(cmd);
    return this;
  }

  /** The environment as {@code KEY=value} entries, in order. */
  public ContainerSpec env(List<String> entries) {
    this.env = new ArrayList<>(entries);
    return this;
  }

  /** Sets one variable: an earlier entry of {@code key} goes, {@code key=value} is appended. */
  public ContainerSpec setEnv(String key, String value) {
    if (env == null) env = new ArrayList<>();
    env.removeIf(e -> e.equals(key) || e.startsWith(key + "="));
    env.add(key + "=" + value);
    return this;
  }

  public ContainerSpec labels(Map<String, String> labels) {
    this.labels = new LinkedHashMap<>(labels);
    return this;
  }

  public ContainerSpec label(String key, String value) {
    if (labels == null) labels = new LinkedHashMap<>();
    labels.put(key, value);
    return this;
  }

  /** Attaches stdout and stderr, and stdin (kept open, once) when {@code stdin}; {@code tty} allocates a terminal. */
  public ContainerSpec stdio(boolean stdin, boolean tty) {
    this.attachStdin = stdin;
    this.attachStdout = true;
    this.attachStderr = true;
    this.openStdin = stdin;
    this.stdinOnce = stdin;
    this.tty = tty;
    return this;
  }

  public ContainerSpec init(boolean init) {
    this.init = init;
    return this;
  }

  public ContainerSpec restartPolicy(RestartPolicy policy) {
    this.restartPolicy = policy;
    return this;
  }

  public ContainerSpec networkMode(String mode) {
    this.networkMode = mode;
    return this;
  }

  /** The network mode set, "" when none is (the engine's default bridge). */
  public String networkMode() {
    return networkMode == null ? "" : networkMode;
  }

  public ContainerSpec autoRemove(boolean remove) {
    this.autoRemove = remove;
    return this;
  }

  /** A bind mount, {@code source:destination[:options]}. */
  public ContainerSpec bind(String entry) {
    if (binds == null) binds = new ArrayList<>();
    binds.add(entry);
    return this;
  }

  /** An anonymous volume at {@code destination}. */
  public ContainerSpec anonymousVolume(String destination) {
    if (anonymousVolumes == null) anonymousVolumes = new LinkedHashSet<>();
    anonymousVolumes.add(destination);
    return this;
  }

  /** Exposes {@code port} ({@code 80/tcp}) and adds a host binding of it. */
  public ContainerSpec publish(String port, PortBinding binding) {
    if (exposedPorts == null) exposedPorts = new LinkedHashSet<>();
    exposedPorts.add(port);
    if (portBindings == null) portBindings = new LinkedHashMap<>();
    portBindings.computeIfAbsent(port, k -> new ArrayList<>()).add(binding);
    return this;
  }

  /** Exposes {@code port} with {@code binding} as its only host binding. */
  public ContainerSpec publishOnly(String port, PortBinding binding) {
    if (portBindings != null) portBindings.remove(port);
    return publish(port, binding);
  }

  public ContainerSpec publishAllPorts(boolean all) {
    this.publishAllPorts = all;
    return this;
  }

  public ContainerSpec extraHost(String entry) {
    if (extraHosts == null) extraHosts = new ArrayList<>();
    extraHosts.add(entry);
    return this;
  }

  public ContainerSpec capAdd(String capability) {
    if (capAdd == null) capAdd = new ArrayList<>();
    capAdd.add(capability);
    return this;
  }

  public ContainerSpec capDrop(String capability) {
    if (capDrop == null) capDrop = new ArrayList<>();
    capDrop.add(capability);
    return this;
  }

  public ContainerSpec privileged(boolean privileged) {
    this.privileged = privileged;
    return this;
  }

  public ContainerSpec nanoCpus(long nanoCpus) {
    this.nanoCpus = nanoCpus;
    return this;
  }

  public ContainerSpec memory(long bytes) {
    this.memory = bytes;
    return this;
  }

  public ContainerSpec shmSize(long bytes) {
    this.shmSize = bytes;
    return this;
  }

  public ContainerSpec logDriver(String driver) {
    this.logDriver = driver;
    return this;
  }

  public ContainerSpec logOption(String key, String value) {
    if (logOptions == null) logOptions = new LinkedHashMap<>();
    logOptions.put(key, value);
    return this;
  }

  /** Sets the limit of {@code u.name()}, replacing an earlier one. */
  public ContainerSpec ulimit(Ulimit u) {
    if (ulimits == null) ulimits = new ArrayList<>();
    ulimits.removeIf(e -> e.name().equals(u.name()));
    ulimits.add(u);
    return this;
  }

  /** The Engine API body of {@code POST /containers/create}: every field set, nothing else. */
  public Map<String, Object> body() {
    return CreateBody.of(this);
  }
}
