package jokku;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;

/**
 * A multi-host test bed from JUnit: {@code script/swarm-testbed} (engines in network namespaces of this machine, a
 * swarm, a registry). Each bed gets a unique name, so beds of concurrent test runs never meet; {@link #close} (or the
 * JVM's exit, whatever the tests' outcome) runs {@code down}, and a bed whose JVM was killed is removed by the next
 * JVM's first {@link #up} ({@code prune}: the bed records this JVM as its owner).
 *
 * <pre>
 * try (Testbed bed = Testbed.up()) {                 // 3 nodes, swarm: node1 manager
 *   bed.dockerHost();                                 // DOCKER_HOST of the manager, for jokku's env
 *   bed.docker(2, "run", "--rm", bed.image(), "true"); // the docker CLI against node 2
 *   bed.engine(3);                                    // jokku's own client on node 3
 *   bed.restartEngine(2);                             // stop node 2's dockerd, start it, wait until it answers
 * }
 * </pre>
 * Options are the script's: {@code Testbed.up("--nodes", "1", "--no-swarm")}, {@code "--no-host-link"},
 * {@code "--image", name}, {@code "--tls", "2"}. Every node is also a remote server: {@link #sshUrl} with
 * {@link #sshEnv}.
 */
public final class Testbed implements AutoCloseable {
  public static final Path SCRIPT = Path.of("script/swarm-testbed").toAbsolutePath();
  private static final Pattern EXPORT = Pattern.compile("export ([A-Z_]+)='([^']*)'");

  /** The bed's name (JOKKU_TESTBED_NAME) and every variable {@code up} exported. */
  public final String name;
  public final Map<String, String> env;
  private final Thread downAtExit;
  private boolean closed;

  private Testbed(String name, Map<String, String> env) {
    this.name = name;
    this.env = env;
    this.downAtExit = new Thread(() -> down(name), "testbed-down-" + name);
    Runtime.getRuntime().addShutdownHook(downAtExit);
  }

  /** Starts a bed with a fresh unique name; fails with the script's stderr when {@code up} fails. */
  public static Testbed up(String... options) {
    pruneOnce();
    String name = uniqueName();
    List<String> args = new ArrayList<>(List.of("up"));
    args.addAll(Arrays.asList(options));
    Jokku.Result r = script(name, 300, args.toArray(String[]::new));
    if (r.code() != 0) {
      down(name);
      throw new IllegalStateException("script/swarm-testbed up failed: " + r);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      if (line.isEmpty()) continue;
      Matcher m = EXPORT.matcher(line);
      if (!m.matches()) {
        down(name);
        throw new IllegalStateException("up printed a line that is not an export: " + line + "\n" + r);
      }
      env.put(m.group(1), m.group(2));
    }
    return new Testbed(name, env);
  }

  /** Runs {@code down}: everything the bed made is removed. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(downAtExit);
    } catch (IllegalStateException exiting) {
      // the JVM is already exiting: the hook runs down anyway
    }
    Jokku.Result r = down(name);
    if (r.code() != 0) throw new IllegalStateException("script/swarm-testbed down failed: " + r);
  }

  public String dockerHost() {
    return env.get("DOCKER_HOST");
  }

  /** The registry's host:port, as reachable from every node (and from this machine with the host link). */
  public String registry() {
    return env.get("JOKKU_TESTBED_REGISTRY");
  }

  /** The image every node has: {@link TestImages#BUSYBOX}. */
  public String image() {
    return env.get("JOKKU_TESTBED_IMAGE");
  }

  public int size() {
    return nodeUrls().size();
  }

  /** The nodes' engine URLs (unix sockets), node 1 first. */
  public List<String> nodeUrls() {
    return words("JOKKU_TESTBED_NODES");
  }

  /** Node i's LAN address (1-based): its swarm address, where its host-mode published ports listen. */
  public String address(int node) {
    return words("JOKKU_TESTBED_NODE_ADDRS").get(node - 1);
  }

  /** Node i's swarm node id (1-based), empty list without a swarm. */
  public List<String> nodeIds() {
    return words("JOKKU_TESTBED_NODE_IDS");
  }

  /** Node i's network namespace name, for {@code nsenter --net=/run/netns/NAME}. */
  public String netns(int node) {
    return words("JOKKU_TESTBED_NETNS").get(node - 1);
  }

  /** Node i's engine as a remote server: {@code ssh://root@<address>} (its sshd's sessions reach its engine). */
  public String sshUrl(int node) {
    return words("JOKKU_TESTBED_SSH_NODES").get(node - 1);
  }

  /** The ssh config for the nodes (the bed's key and known_hosts; never ~/.ssh): {@code ssh -F} it. */
  public String sshConfig() {
    return env.get("JOKKU_TESTBED_SSH_CONFIG");
  }

  /** jokku's environment for ssh:// URLs of this bed: {@code JOKKU_SSH_OPTS=-F <sshConfig>}. */
  public Map<String, String> sshEnv() {
    return Map.of("JOKKU_SSH_OPTS", "-F " + sshConfig());
  }

  /** With {@code --tls N}: node N's engine as {@code tcp://<address>:2376}, and the environment that verifies it both ways. */
  public String tlsHost() {
    return env.get("JOKKU_TESTBED_TLS_HOST");
  }

  public Map<String, String> tlsEnv() {
    return Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", env.get("JOKKU_TESTBED_TLS_CERT_PATH"));
  }

  /** jokku's engine on node i, unscoped; the caller closes it. */
  public Engine engine(int node) {
    return EngineFixture.open(nodeUrls().get(node - 1));
  }

  /** The docker CLI against node i; never throws for a non-zero exit. */
  public Jokku.Result docker(int node, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", nodeUrls().get(node - 1)));
    cmd.addAll(Arrays.asList(args));
    return run(cmd, Map.of(), 120);
  }

  /** The docker CLI against node i, which must succeed; returns its trimmed stdout. */
  public String dockerOk(int node, String... args) {
    Jokku.Result r = docker(node, args);
    if (r.code() != 0) throw new IllegalStateException("docker " + String.join(" ", args) + " on node" + node + ": " + r);
    return r.out().trim();
  }

  /** A command "on" node i's host: in its network namespace (e.g. {@code wget} its own published port). */
  public Jokku.Result exec(int node, String... cmd) {
    List<String> all = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + netns(node), "--"));
    all.addAll(Arrays.asList(cmd));
    return run(all, Map.of(), 120);
  }

  /** Stops node i's dockerd (SIGTERM, waits) and starts it again; returns once it answers (and is back in the swarm). */
  public void restartEngine(int node) {
    engineCommand("restart-engine", node);
  }

  /** Crashes node i's dockerd (SIGKILL: its containers keep running) and starts it again. */
  public void crashAndRestartEngine(int node) {
    engineCommand("restart-engine", node, "--kill");
  }

  public void stopEngine(int node) {
    engineCommand("stop-engine", node);
  }

  public void startEngine(int node) {
    engineCommand("start-engine", node);
  }

  private void engineCommand(String command, int node, String... more) {
    List<String> args = new ArrayList<>(List.of(command, Integer.toString(node)));
    args.addAll(Arrays.asList(more));
    Jokku.Result r = script(name, 180, args.toArray(String[]::new));
    if (r.code() != 0) throw new IllegalStateException("script/swarm-testbed " + String.join(" ", args) + ": " + r);
  }

  private List<String> words(String key) {
    String v = env.getOrDefault(key, "").trim();
    return v.isEmpty() ? List.of() : List.of(v.split(" +"));
  }

  private static Jokku.Result down(String name) {
    return script(name, 180, "down");
  }

  private static boolean pruned;

  /** Once per JVM: removes the beds of test JVMs that were killed before they could run down. */
  private static synchronized void pruneOnce() {
    if (pruned) return;
    pruned = true;
    Jokku.Result r = run(List.of(SCRIPT.toString(), "prune"), Map.of(), 600);
    if (r.code() != 0) throw new IllegalStateException("script/swarm-testbed prune: " + r);
  }

  /** Runs the script for the bed {@code name} (its state dir is the script's default, /tmp/jokku-testbed-NAME). */
  public static Jokku.Result script(String name, int timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
    cmd.addAll(Arrays.asList(args));
    return run(cmd, Map.of("JOKKU_TESTBED_NAME", name, "JOKKU_TESTBED_OWNER", Long.toString(ProcessHandle.current().pid())), timeoutSeconds);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** "t" and 7 random lowercase letters or digits: unique, and short enough for interface names (NAME-host). */
  static String uniqueName() {
    String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder("t");
    for (int i = 0; i < 7; i++) b.append(chars.charAt(RANDOM.nextInt(chars.length())));
    return b.toString();
  }

  /**
   * Runs a command with a deadline, stdin closed, stdout and stderr captured. DOCKER_HOST stays the host engine's (the
   * script copies {@code --image}s from it; docker commands for a node name it with -H); no other bed's settings leak.
   */
  static Jokku.Result run(List<String> cmd, Map<String, String> extraEnv, int timeoutSeconds) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("JOKKU_TESTBED_DIR");
    pb.environment().remove("JOKKU_TESTBED_NET");
    pb.environment().remove("JOKKU_TESTBED_OWNER");
    pb.environment().putAll(extraEnv);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process p = pb.start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), READERS);
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), READERS);
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
      }
      return new Jokku.Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One thread per stream (the common pool may have a single thread: stdout's reader would starve stderr's). */
  private static final java.util.concurrent.ExecutorService READERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "testbed-output");
    t.setDaemon(true);
    return t;
  });

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
