package jokku.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.Map;
import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Per-app access in-process, the caller being an ssh key ({@code NAME}/{@code FINGERPRINT} set as its forced command
 * sets them): dokku-acl's refusals, nothing changed, only the key's apps listed; admins and root keep everything.
 * The same through a real sshd: SshAccessIT.
 */
@Tag("unit")
class AccessTest {
  final Jokku j = new Jokku();
  final String mine = j.name("mine"), theirs = j.name("theirs");

  Jokku.Result as(String key, String... args) {
    j.env.put("NAME", key);
    j.env.put("FINGERPRINT", "SHA256:test");
    try {
      return j.run(args);
    } finally {
      j.env.remove("NAME");
      j.env.remove("FINGERPRINT");
    }
  }

  void assertRefused(String line, Jokku.Result r) {
    assertEquals(" !     " + line + "\n", r.err(), r.toString());
    assertEquals(1, r.code(), r.toString());
    assertEquals("", r.out(), r.toString());
  }

  void setUp() throws Exception {
    j.ok("apps:create", mine);
    j.ok("apps:create", theirs);
    j.ok("acl:add", mine, "alice");
    j.ok("config:set", "--no-restart", theirs, "SECRET=x");
  }

  @Test
  void aKeySeesAndManagesOnlyTheAppsOnWhoseAclItIs() throws Exception {
    setUp();
    assertEquals("=====> My Apps\n" + mine + "\n", as("alice", "apps:list").out());
    assertEquals("[\"" + mine + "\"]\n", as("alice", "apps:list", "--format", "json").out());
    assertEquals(0, as("alice", "config:set", "--no-restart", mine, "A=1").code());
    assertEquals("1\n", as("alice", "config:get", mine, "A").out());

    assertRefused("User alice does not have permissions to run config:show on " + theirs + ", or " + theirs + " does not exist", as("alice", "config:show", theirs));
    assertRefused("User alice does not have permissions to run network:set on " + theirs + ", or " + theirs + " does not exist",
        as("alice", "network:set", theirs, "attach-post-deploy", "x"));
    assertRefused("User alice does not have permissions to run config:set on nope, or nope does not exist", as("alice", "config:set", "nope", "A=1"));
    // a flag that may take the next word for its value: both readings are checked
    assertRefused("User alice does not have permissions to run config:get on " + theirs + ", or " + theirs + " does not exist",
        as("alice", "config:get", "--quoted", theirs, mine));
    assertRefused("User alice does not have permissions to run config:set", as("alice", "config:set", "--global", "A=1"));
    assertRefused("User alice does not have permissions to run network:create", as("alice", "network:create", j.name("net")));
    assertRefused("User alice does not have permissions to run ssh-keys:list", as("alice", "ssh-keys:list"));
    assertRefused("User alice does not have permissions to run apps:create", as("alice", "apps:create", j.name("new")));
    assertRefused("User alice does not have permissions to run ps:restart", as("alice", "ps:restart", "--all"));
    assertRefused("User alice does not have permissions to run scheduler-swarm:report", as("alice", "scheduler-swarm:report"));
    assertRefused("User alice does not have permissions to run acl:add", as("alice", "acl:add", mine, "bob"));
    // the pre-receive hook is the access check of a push bin/jokku hands straight to git: it refuses in the push's words
    assertRefused("User alice does not have permissions to run git-receive-pack on " + theirs + ", or " + theirs + " does not exist", as("alice", "git-hook", theirs));
    assertEquals(" !     User bob does not have permissions to run config:show on " + mine + ", or " + mine + " does not exist\n", as("bob", "config:show", mine).err());
    assertEquals("", as("bob", "apps:list", "--quiet").out());

    // reports without an app show the key's apps only
    String report = as("alice", "network:report").out();
    assertEquals(true, report.contains(mine + " network information"), report);
    assertEquals(false, report.contains(theirs), report);
    assertEquals(Map.of("SECRET", "x"), Map.of("SECRET", j.ok("config:get", theirs, "SECRET").out().strip()), "nothing changed");
    assertEquals("alice\n", as("alice", "acl:list", mine).out());
  }

  @Test
  void adminKeysAndRootRunEverything() throws Exception {
    setUp();
    Files.writeString(j.root.resolve(".sshcommand"), "/usr/bin/jokku\n");
    Jokku.Result added = j.runWithInput(keyLine(), "ssh-keys:add", "root-admin");
    assertEquals(0, added.code(), added.toString());
    j.ok("ssh-keys:set", "root-admin", "admin", "true");
    assertEquals("=====> My Apps\n" + mine + "\n" + theirs + "\n", as("root-admin", "apps:list").out());
    assertEquals(0, as("root-admin", "config:set", "--global", "--no-restart", "G=1").code());
    assertEquals(0, as("root-admin", "nginx:set", mine, "access-log-path", "/tmp/" + mine + ".log").code());
    assertEquals(0, as("root-admin", "docker-options:add", mine, "deploy", "-v", "/:/host").code());
    assertEquals("x\n", j.ok("config:get", theirs, "SECRET").out());
  }

  static String keyLine() throws Exception {
    java.nio.file.Path dir = Jokku.tempDir("jokku-key-");
    jokku.SshServer.exec(java.util.List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("k").toString()), "", Map.of(), 30);
    return jokku.SshServer.publicKey(dir.resolve("k"));
  }

  @Test
  void nonAdminKeysCannotReachTheHostFromTheirApp() throws Exception {
    setUp();
    String why = " (only root or an admin key may)";
    assertRefused("User alice may not set nginx access-log-path /root/pwn.log: nginx's master process (root) creates and appends to the file it names, anywhere on the host" + why,
        as("alice", "nginx:set", mine, "access-log-path", "/root/pwn.log"));
    assertRefused("User alice may not set nginx error-log-path /etc/cron.d/x: nginx's master process (root) creates and appends to the file it names, anywhere on the host" + why,
        as("alice", "nginx:set", mine, "error-log-path", "/etc/cron.d/x"));
    assertEquals(0, as("alice", "nginx:set", mine, "access-log-path", "off").code());
    String[][] options = {
      {"-v /:/host", "it mounts a folder of the host"},
      {"--volume=data:/data", "it mounts a named docker volume, which any app naming it shares"},
      {"--privileged", "it gives the containers every privilege of the host"},
      {"--cap-add SYS_ADMIN", "it gives the containers kernel capabilities over the host"},
      {"--network host", "it puts the containers in the host's network namespace"},
      {"--net=container:other", "it puts the containers in another container's network namespace"},
      {"-p 2222:22", "it listens on the host's own ports"},
      {"-P", "it listens on the host's own ports"},
      {"--log-driver syslog", "the docker daemon itself (on the host) sends the logs where this driver says"},
      {"--log-opt syslog-address=unix:///dev/log", "the docker daemon itself (on the host) acts on the log option syslog-address"},
      {"--label com.dokku.app-name=" + theirs, "the label com.dokku.app-name is how jokku tells apps' containers apart"},
      {"--pid=host", "jokku does not know this option, so it cannot tell what it reaches"},
    };
    for (String[] o : options) {
      String[] words = o[0].split(" ");
      String[] args = new String[3 + words.length];
      args[0] = "docker-options:add";
      args[1] = mine;
      args[2] = "deploy";
      System.arraycopy(words, 0, args, 3, words.length);
      Jokku.Result r = as("alice", args);
      assertEquals(1, r.code(), o[0] + ": " + r);
      assertEquals(true, r.err().startsWith(" !     User alice may not set the docker option ") && r.err().endsWith(": " + o[1] + why + "\n"), o[0] + ": " + r);
    }
    assertEquals("", j.ok("docker-options:report", mine, "--docker-options-deploy").out().strip(), "nothing stored");
    assertEquals(0, as("alice", "docker-options:add", mine, "deploy", "-v /data --memory 256m --ulimit nofile=1024:1024 --log-opt max-size=10m").code());
    assertRefused("User alice may not set network initial-network host: the containers would share the host's network namespace" + why,
        as("alice", "network:set", mine, "initial-network", "host"));
    assertRefused("User alice may not set network static-web-listener 127.0.0.1:2375: nginx would send the app's requests to this address instead of the app's containers: any address the host reaches" + why,
        as("alice", "network:set", mine, "static-web-listener", "127.0.0.1:2375"));
    assertRefused("User alice may not set certificate files by path: jokku would read files of the host; pipe a tar of server.crt and server.key instead" + why,
        as("alice", "certs:add", mine, "/etc/ssl/private/a.crt", "/etc/ssl/private/a.key"));
    assertRefused("User alice may not set an archive by path: jokku would read a file of the host; pipe the archive instead (-)" + why,
        as("alice", "git:from-archive", mine, "/root/secret.tar"));
  }

  @Test
  void aKeyCannotJoinAnotherAppsNetworkNorTakeItsHostPort() throws Exception {
    setUp();
    String why = " (only root or an admin key may)", shared = ": apps or containers this key does not manage are on that network" + why;
    String second = j.name("second");
    j.ok("apps:create", second);
    j.ok("acl:add", second, "alice");
    j.ok("network:set", theirs, "attach-post-deploy", "their-net");
    j.ok("network:set", theirs, "initial-network", "their-initial");
    j.ok("network:set", second, "attach-post-create", "alices-net");
    j.ok("ports:set", theirs, "http:8080:5000");
    j.ok("ports:set", second, "http:8081:5000");

    // another app's network (attach or initial), whichever property names it here
    assertRefused("User alice may not set network attach-post-deploy their-net" + shared, as("alice", "network:set", mine, "attach-post-deploy", "their-net"));
    assertRefused("User alice may not set network attach-post-create their-initial" + shared, as("alice", "network:set", mine, "attach-post-create", "their-initial"));
    assertRefused("User alice may not set network initial-network their-net" + shared, as("alice", "network:set", mine, "initial-network", "their-net"));
    assertRefused("User alice may not set network attach-post-deploy their-net" + shared,
        as("alice", "network:set", mine, "attach-post-deploy", "alices-net", "their-net"));
    assertEquals("", j.ok("--quiet", "network:report", mine, "--network-attach-post-deploy").out().strip(), "nothing stored");
    // (a network of her own apps, which the engine is asked about: SshAccessIT)
    assertEquals(0, as("alice", "network:set", mine, "initial-network", "bridge").code(), "bridge is every app's default");

    // another app's host port (not the shared listen port or 443, told apart by domain)
    String ports = j.ok("ports:list", mine).out();
    assertRefused("User alice may not set host port 8080: apps this key does not manage listen on it" + why, as("alice", "ports:set", mine, "http:8080:5000"));
    assertRefused("User alice may not set host port 8080: apps this key does not manage listen on it" + why, as("alice", "ports:add", mine, "https:8080:5000"));
    assertEquals(ports, j.ok("ports:list", mine).out(), "nothing stored");
    assertEquals(0, as("alice", "ports:set", mine, "http:8081:5000", "http:80:5000", "https:443:5000").code(), "her own app's port, and the shared ones");
    // admins and root keep both
    Files.writeString(j.root.resolve(".sshcommand"), "/usr/bin/jokku\n");
    assertEquals(0, j.runWithInput(keyLine(), "ssh-keys:add", "root-admin").code());
    j.ok("ssh-keys:set", "root-admin", "admin", "true");
    assertEquals(0, as("root-admin", "network:set", mine, "attach-post-create", "their-initial").code());
    assertEquals(0, j.run("network:set", mine, "attach-post-deploy", "their-net").code());
    assertEquals(0, as("root-admin", "ports:add", mine, "http:8080:5000").code());
  }

  /**
   * Two keys of two apps ask for the same free host port at once: the check and the write hold one lock, so exactly
   * one gets it and the other is refused. Both commands are started while the test holds that lock and are let go
   * only once both wait on it, so they always meet there.
   */
  @Test
  void twoKeysRacingForOneFreeHostPortGetItOnce() throws Exception {
    setUp();
    j.ok("acl:add", theirs, "bob");
    java.util.List<Thread> racers = new java.util.ArrayList<>();
    Map<String, Jokku.Result> results = new java.util.concurrent.ConcurrentHashMap<>();
    try (jokku.store.Store.Lock held = new jokku.store.Store(j.root, j.lib).claimsLock()) {
      for (String[] who : new String[][] {{"alice", mine}, {"bob", theirs}}) {
        Map<String, String> env = new java.util.HashMap<>(j.env);
        env.put("NAME", who[0]);
        env.put("FINGERPRINT", "SHA256:test");
        Thread t = new Thread(() -> {
          var out = new java.io.ByteArrayOutputStream();
          var err = new java.io.ByteArrayOutputStream();
          int code = jokku.Main.run(env, java.io.InputStream.nullInputStream(), new java.io.PrintStream(out, true),
              new java.io.PrintStream(err, true), "ports:set", who[1], "http:9090:5000");
          results.put(who[0], new Jokku.Result(code, out.toString(), err.toString()));
        });
        t.start();
        racers.add(t);
      }
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!racers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
        if (System.nanoTime() > deadline) throw new AssertionError("both commands should wait on the claims lock: " + racers);
        Thread.sleep(5);
      }
    }
    for (Thread t : racers) t.join(60_000);
    assertEquals(2, results.size(), results.toString());
    assertEquals(1, results.values().stream().filter(r -> r.code() == 0).count(), "exactly one key gets port 9090: " + results);
    Jokku.Result refused = results.values().stream().filter(r -> r.code() != 0).findFirst().orElseThrow();
    assertEquals(" !     User " + (refused == results.get("alice") ? "alice" : "bob")
        + " may not set host port 9090: apps this key does not manage listen on it (only root or an admin key may)\n", refused.err());
  }
}
