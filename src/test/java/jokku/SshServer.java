package jokku;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd}, Debian's openssh-server) of the test's own, for tests that log in
 * with the real {@code ssh} and {@code git} clients. Never the host's sshd, never port 22:
 * <ul>
 *   <li>listens on a free loopback port, with its own host key, its own {@code sshd_config} (no PAM, no passwords,
 *       {@code AuthorizedKeysFile} = the test's {@code $DOKKU_ROOT/.ssh/authorized_keys}, {@code PidFile} in its temp
 *       folder, {@code StrictModes no} because the test folders live under the world-writable /tmp);</li>
 *   <li>the login user is created for the test: a unique {@code jokku-<8 hex>} account whose home is the test's
 *       {@code DOKKU_ROOT}. It is a uid-0 alias (the documented stand-in for the {@code dokku} user: the tests' state
 *       folders and engine access are root's), so sshd's {@code PermitRootLogin forced-commands-only} applies: a key
 *       without a {@code command="..."} in authorized_keys is refused whatever else is wrong. Pass an existing user
 *       (e.g. {@code dokku} made by {@code script/install --as-dokku}) to log in as it instead: then nothing is created
 *       and root logins are off;</li>
 *   <li>{@code sessionEnv} reaches the forced command through sshd's {@code SetEnv} (DOKKU_ROOT, DOKKU_LIB_ROOT,
 *       JOKKU_LABELS, DOCKER_HOST of the test): nothing the key holder sends can set them;</li>
 *   <li>a client key pair ({@link #clientKey}) and a {@code known_hosts} with the server's host key: {@link #ssh}
 *       runs the real client against it (no ~/.ssh/config, no agent, strict host-key checking), and
 *       {@link #gitSshCommand} is the {@code GIT_SSH_COMMAND} for git;</li>
 *   <li>{@link #close} stops sshd, removes the user and the temp folder; a JVM shutdown hook does the same when a
 *       test never got to close it.</li>
 * </ul>
 * The authorized_keys file itself is the test's (jokku's {@code ssh-keys:add} writes it, or {@link #authorize}).
 */
public final class SshServer implements AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");

  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  public final String user;
  public final int port;
  /** The server's own folder: config, host key, pid file, log, client keys, known_hosts. */
  public final Path dir;
  /** The default client's private key; its public half is {@code clientKey + ".pub"}. */
  public final Path clientKey;
  public final Path knownHosts;
  public final Path authorizedKeys;
  private final boolean createdUser;
  private final Process sshd;
  private final Thread hook;
  private boolean closed;

  /** Starts sshd for {@code dokkuRoot}, logging in as a new uid-0 test user (see the class comment). */
  public static SshServer start(Path dokkuRoot, Map<String, String> sessionEnv) {
    return start(dokkuRoot, sessionEnv, null);
  }

  /** As {@link #start(Path, Map)}, logging in as {@code existingUser} when it is not null (nothing is created). */
  public static SshServer start(Path dokkuRoot, Map<String, String> sessionEnv, String existingUser) {
    if (!Files.isExecutable(SSHD)) throw new IllegalStateException(SSHD + " is missing: run script/bootstrap (it installs openssh-server)");
    String user = existingUser != null ? existingUser : "jokku-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir = Jokku.tempDir("jokku-sshd-");
    boolean created = false;
    try {
      if (existingUser == null) {
        run(List.of("useradd", "-o", "-u", "0", "-g", "0", "-M", "-N", "-d", dokkuRoot.toString(), "-s", "/bin/sh", "-p", "*", user));
        created = true;
      }
      Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder (Debian creates it at boot)
      Files.createDirectories(dokkuRoot.resolve(".ssh"));
      Path hostKey = dir.resolve("host_ed25519");
      Path clientKey = dir.resolve("client_ed25519");
      run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jokku-test-host", "-f", hostKey.toString()));
      run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jokku-test-client", "-f", clientKey.toString()));
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        Path config = writeConfig(dir, port, hostKey, dokkuRoot.resolve(".ssh/authorized_keys"), user, existingUser == null, sessionEnv);
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        if (awaitBanner(p, port)) {
          Path knownHosts = dir.resolve("known_hosts");
          Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + Files.readString(dir.resolve("host_ed25519.pub")).trim() + "\n");
          return new SshServer(user, port, dir, clientKey, knownHosts, dokkuRoot.resolve(".ssh/authorized_keys"), created, p);
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        last = new IOException("sshd did not start on port " + port + ": " + Files.readString(dir.resolve("sshd.log")));
      }
      throw last;
    } catch (IOException | RuntimeException e) {
      if (created) removeUser(user);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (created) removeUser(user);
      throw new IllegalStateException(e);
    }
  }

  private SshServer(String user, int port, Path dir, Path clientKey, Path knownHosts, Path authorizedKeys, boolean createdUser, Process sshd) {
    this.user = user;
    this.port = port;
    this.dir = dir;
    this.clientKey = clientKey;
    this.knownHosts = knownHosts;
    this.authorizedKeys = authorizedKeys;
    this.createdUser = createdUser;
    this.sshd = sshd;
    this.hook = new Thread(this::stop, "jokku-test-sshd-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private static Path writeConfig(Path dir, int port, Path hostKey, Path authorizedKeys, String user, boolean rootAlias, Map<String, String> env) throws IOException {
    StringBuilder c = new StringBuilder();
    c.append("Port ").append(port).append("\nListenAddress 127.0.0.1\n")
        .append("HostKey ").append(hostKey).append('\n')
        .append("PidFile ").append(dir.resolve("sshd.pid")).append('\n')
        .append("AuthorizedKeysFile ").append(authorizedKeys).append('\n')
        .append("AllowUsers ").append(user).append('\n')
        .append("PermitRootLogin ").append(rootAlias ? "forced-commands-only" : "no").append('\n')
        .append("StrictModes no\nUsePAM no\nPubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n")
        .append("PermitUserEnvironment no\nX11Forwarding no\nPrintMotd no\nPrintLastLog no\nUseDNS no\nLogLevel VERBOSE\n")
        .append("MaxStartups 64:30:128\nMaxSessions 64\n");
    // AllowTcpForwarding and AllowAgentForwarding stay at sshd's defaults (yes): authorized_keys' options must be what
    // keeps a key holder from forwarding, as on a stock Debian server
    // one SetEnv line: sshd keeps only the first SetEnv directive, so one line per variable would pass just one
    if (!env.isEmpty()) {
      c.append("SetEnv");
      for (Map.Entry<String, String> e : env.entrySet()) {
        c.append(" \"").append(e.getKey()).append('=').append(e.getValue().replace("\"", "")).append('"');
      }
      c.append('\n');
    }
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, c.toString());
    return config;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits (at most 15 s) until sshd answers with its {@code SSH-2.0} banner; false when it exited or never did. */
  private static boolean awaitBanner(Process p, int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        s.setSoTimeout(5000);
        byte[] b = new byte[7];
        if (s.getInputStream().readNBytes(b, 0, 7) == 7 && new String(b, StandardCharsets.US_ASCII).equals("SSH-2.0")) return true;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    return false;
  }

  /** Appends a line to authorized_keys (e.g. a key with options the test wants sshd to see). */
  public void authorize(String line) {
    try {
      Files.writeString(authorizedKeys, line.endsWith("\n") ? line : line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The default client's public key line ({@code ssh-ed25519 AAAA... jokku-test-client}). */
  public String publicKey() {
    return publicKey(clientKey);
  }

  public static String publicKey(Path privateKey) {
    try {
      return Files.readString(Path.of(privateKey + ".pub")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Another client key pair in the server's folder (for tests with several keys); returns the private key. */
  public Path newClientKey(String name) {
    Path key = dir.resolve("client_" + name);
    run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()));
    return key;
  }

  /** The ssh client's arguments up to (not including) the destination: this server's key, port and known_hosts. */
  public List<String> sshArgs(Path key) {
    return List.of("ssh", "-F", "/dev/null", "-i", key.toString(), "-p", String.valueOf(port),
        "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
        "-o", "ConnectTimeout=10");
  }

  /** {@code user@127.0.0.1}. */
  public String destination() {
    return user + "@127.0.0.1";
  }

  /** {@code ssh -T user@127.0.0.1 args...} with the default client key; stdin is empty. */
  public Result ssh(String... args) {
    return ssh(clientKey, "", args);
  }

  /** {@code ssh -T user@127.0.0.1 args...} with a given key and stdin; bounded to 10 minutes. */
  public Result ssh(Path key, String stdin, String... args) {
    List<String> cmd = new ArrayList<>(sshArgs(key));
    cmd.add("-T");
    cmd.add(destination());
    cmd.addAll(List.of(args));
    return exec(cmd, stdin, Map.of(), 600);
  }

  /**
   * The {@code GIT_SSH_COMMAND} for git (default key): git adds the destination and the command. With it, both
   * {@link #gitUrl} and the scp form {@code user@127.0.0.1:<app>} reach this server.
   */
  public String gitSshCommand() {
    return gitSshCommand(clientKey);
  }

  public String gitSshCommand(Path key) {
    StringBuilder b = new StringBuilder();
    for (String a : sshArgs(key)) b.append(b.length() == 0 ? "" : " ").append(a.replace(" ", "\\ "));
    return b.toString();
  }

  /** {@code ssh://user@127.0.0.1:port/<app>}. */
  public String gitUrl(String app) {
    return "ssh://" + user + "@127.0.0.1:" + port + "/" + app;
  }

  /** Runs a process to its end (bounded), its output captured. */
  public static Result exec(List<String> cmd, String stdin, Map<String, String> env, int timeoutSeconds) {
    try {
      Path out = Files.createTempFile("jokku-ssh-out-", ".txt"), err = Files.createTempFile("jokku-ssh-err-", ".txt");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException closedEarly) {
          // the command did not read its input: fine
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new IllegalStateException(String.join(" ", cmd) + " did not end within " + timeoutSeconds + " s; stderr: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void run(List<String> cmd) {
    Result r = exec(cmd, "", Map.of(), 60);
    if (r.code() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r);
  }

  /** sshd's own log (for a failing test's message). */
  public String log() {
    try {
      return Files.readString(dir.resolve("sshd.log"));
    } catch (IOException e) {
      return "";
    }
  }

  private static void removeUser(String user) {
    // -f: the uid-0 alias shares its uid with running root processes; no -r: its home is the test's DOKKU_ROOT
    exec(List.of("userdel", "-f", user), "", Map.of(), 60);
  }

  private synchronized void stop() {
    if (closed) return;
    closed = true;
    sshd.destroy();
    try {
      if (!sshd.waitFor(10, TimeUnit.SECONDS)) sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (createdUser) removeUser(user);
  }

  @Override
  public void close() {
    stop();
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException | UncheckedIOException ignored) {
      // a file that cannot be removed now is removed at JVM exit (Jokku.tempDir)
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
