package jokku.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jokku.Jokku;
import jokku.SshServer;
import jokku.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ssh door for real: the test's own sshd, the real ssh client, authorized_keys written by {@code ssh-keys:add}
 * in Dokku's format, and {@code bin/jokku} as the forced command ({@code ~/.sshcommand}). Keys: {@code admin} (an
 * admin key), {@code alice} (on the app's ACL), {@code bob} (on no ACL).
 */
@Tag("engine")
class SshAccessIT {
  static final Path JOKKU = Path.of("bin/jokku").toAbsolutePath();
  static Jokku j;
  static SshServer sshd;
  static Path alice, bob;
  static String app;

  @BeforeAll
  static void start() throws IOException {
    j = new Jokku();
    app = j.name("ssh");
    Files.writeString(j.root.resolve(".sshcommand"), JOKKU + "\n");
    Map<String, String> env = new HashMap<>();
    for (String k : List.of("DOKKU_ROOT", "DOKKU_LIB_ROOT", "JOKKU_LABELS", "DOCKER_HOST")) if (j.env.containsKey(k)) env.put(k, j.env.get(k));
    sshd = SshServer.start(j.root, env);
    alice = sshd.newClientKey("alice");
    bob = sshd.newClientKey("bob");
    assertEquals(0, j.runWithInput(sshd.publicKey(), "ssh-keys:add", "admin").code());
    j.ok("ssh-keys:set", "admin", "admin", "true");
    j.runWithInput(SshServer.publicKey(bob), "ssh-keys:add", "bob");
    j.ok("apps:create", app);
  }

  @AfterAll
  static void stop() {
    if (sshd != null) sshd.close();
    if (j != null) TestEngine.cleanup(j.runId);
  }

  static SshServer.Result as(Path key, String... args) {
    return sshd.ssh(key, "", args);
  }

  static void assertRefused(String line, SshServer.Result r) {
    assertEquals(" !     " + line + "\n", r.err(), r + sshd.log());
    assertEquals(1, r.code());
  }

  @Test
  void sshKeysRoundTripThroughAnAdminKey() {
    SshServer.Result added = sshd.ssh(sshd.clientKey, SshServer.publicKey(alice) + "\n", "ssh-keys:add", "alice");
    assertEquals(0, added.code(), added + sshd.log());
    assertTrue(added.out().startsWith("SHA256:"), added.toString());
    String fp = added.out().strip();
    SshServer.Result json = sshd.ssh("ssh-keys:list", "--format", "json", "alice");
    assertEquals("[{ \"fingerprint\": \"" + fp + "\", \"name\": \"alice\", \"SSHCOMMAND_ALLOWED_KEYS\": "
        + "\"no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding\", \"public-key\": \"" + SshServer.publicKey(alice) + "\" }]\n", json.out(), json.toString());
    j.ok("acl:add", app, "alice");

    SshServer.Result list = as(alice, "apps:list");
    assertEquals("=====> My Apps\n" + app + "\n", list.out(), list + sshd.log());

    assertEquals(0, sshd.ssh("ssh-keys:remove", "alice").code());
    SshServer.Result gone = as(alice, "apps:list");
    assertEquals(255, gone.code(), "sshd no longer knows the key: " + gone);
    assertTrue(gone.err().contains("Permission denied"), gone.toString());
    assertEquals(0, sshd.ssh(sshd.clientKey, SshServer.publicKey(alice), "ssh-keys:add", "alice").code());
    assertEquals(0, as(alice, "apps:list").code());

    assertRefused("User bob does not have permissions to run ssh-keys:add", sshd.ssh(bob, SshServer.publicKey(bob), "ssh-keys:add", "bob2"));
  }

  @Test
  void aKeyOnNoAclIsRefusedTheAppAndDoesNotSeeIt() {
    j.ok("config:set", "--no-restart", app, "SECRET=s3cret");
    assertRefused("User bob does not have permissions to run config:show on " + app + ", or " + app + " does not exist", as(bob, "config:show", app));
    assertRefused("User bob does not have permissions to run network:set on " + app + ", or " + app + " does not exist",
        as(bob, "network:set", app, "attach-post-deploy", "somenet"));
    SshServer.Result list = as(bob, "apps:list");
    assertEquals(0, list.code(), list.toString());
    assertEquals("=====> My Apps\n", list.out());
    assertEquals(" !     You haven't deployed any applications yet\n", list.err());
    assertEquals("", j.ok("network:report", app, "--network-attach-post-deploy").out().strip(), "nothing changed");
    // the admin key sees everything
    assertTrue(sshd.ssh("config:show", app).out().contains("s3cret"));
    // quoting survives as Dokku's xargs split keeps it
    assertEquals(0, sshd.ssh("config:set", "--no-restart", app, "'SPACED=a b'").code());
    assertEquals("a b\n", j.ok("config:get", app, "SPACED").out());
  }

  @Test
  void aKeyOnNoAclCannotPushNorCreateAnApp() throws IOException {
    Path work = Jokku.tempDir("jokku-ssh-push-");
    Map<String, String> env = Map.of("GIT_SSH_COMMAND", sshd.gitSshCommand(bob), "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@jokku.invalid",
        "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@jokku.invalid");
    Files.writeString(work.resolve("Dockerfile"), "FROM scratch\n");
    for (List<String> c : List.of(List.of("init", "-q", "-b", "main"), List.of("add", "."), List.of("commit", "-q", "-m", "one"))) {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", work.toString()));
      cmd.addAll(c);
      assertEquals(0, SshServer.exec(cmd, "", env, 60).code());
    }
    SshServer.Result push = SshServer.exec(List.of("git", "-C", work.toString(), "push", sshd.destination() + ":" + app, "main"), "", env, 120);
    assertTrue(push.code() != 0, push.toString());
    assertTrue(push.err().startsWith(" !     User bob does not have permissions to run git-receive-pack on " + app + ", or " + app + " does not exist\n"), push.toString());
    String fresh = j.name("fresh");
    SshServer.Result create = SshServer.exec(List.of("git", "-C", work.toString(), "push", sshd.gitUrl(fresh), "main"), "", env, 120);
    assertTrue(create.err().startsWith(" !     User bob does not have permissions to run git-receive-pack on " + fresh + ", or " + fresh + " does not exist\n"), create.toString());
    assertEquals(20, j.run("apps:exists", fresh).code(), "no app was created");
    assertFalse(Files.exists(j.root.resolve(app).resolve("HEAD")), "no repository was made");

    // a key on the ACL reaches the push and its hook (which runs as that key too): here the hook refuses the tree
    Path carol = sshd.newClientKey("carol");
    assertEquals(0, j.runWithInput(SshServer.publicKey(carol), "ssh-keys:add", "carol").code());
    j.ok("acl:add", app, "carol");
    Map<String, String> asCarol = new HashMap<>(env);
    asCarol.put("GIT_SSH_COMMAND", sshd.gitSshCommand(carol));
    assertEquals(0, SshServer.exec(List.of("git", "-C", work.toString(), "rm", "-q", "Dockerfile"), "", asCarol, 60).code());
    Files.writeString(work.resolve("README"), "no Dockerfile\n");
    assertEquals(0, SshServer.exec(List.of("git", "-C", work.toString(), "add", "README"), "", asCarol, 60).code());
    assertEquals(0, SshServer.exec(List.of("git", "-C", work.toString(), "commit", "-q", "-m", "two"), "", asCarol, 60).code());
    SshServer.Result pushed = SshServer.exec(List.of("git", "-C", work.toString(), "push", sshd.destination() + ":" + app, "main"), "", asCarol, 120);
    assertTrue(pushed.code() != 0, pushed.toString());
    assertTrue(pushed.err().contains("remote:  !     No Dockerfile in ") && pushed.err().contains("(pre-receive hook declined)"), pushed.toString());
    assertFalse(pushed.err().contains("does not have permissions"), pushed.toString());

    // the repository is ready now: bin/jokku hands carol's push straight to git, and the hook still runs as carol
    Path repo = j.root.resolve(app);
    assertTrue(Files.isRegularFile(repo.resolve("HEAD")), "the push made the repository");
    SshServer.Result again = SshServer.exec(List.of("git", "-C", work.toString(), "push", sshd.destination() + ":" + app, "main"), "", asCarol, 120);
    assertTrue(again.err().contains("remote:  !     No Dockerfile in ") && again.err().contains("(pre-receive hook declined)"), again.toString());
    assertFalse(again.err().contains("does not have permissions"), again.toString());
    // bob is still refused, in the same words
    String refusal = " !     User bob does not have permissions to run git-receive-pack on " + app + ", or " + app + " does not exist\n";
    SshServer.Result bobAgain = SshServer.exec(List.of("git", "-C", work.toString(), "push", sshd.destination() + ":" + app, "main"), "", env, 120);
    assertTrue(bobAgain.code() != 0 && bobAgain.err().startsWith(refusal), bobAgain.toString());
    // the hook is an access check of its own: a push reaching git as bob (as the launcher's shortcut would hand it)
    // is refused by the hook in the same words, and leaves the refs and the object store as they were
    String refs = gitOut(repo, "for-each-ref"), objects = objectFiles(repo);
    Map<String, String> asBob = new HashMap<>(env);
    asBob.putAll(Map.of("SSH_ORIGINAL_COMMAND", "git-receive-pack '" + app + "'", "NAME", "bob", "FINGERPRINT", "SHA256:bob"));
    SshServer.Result hooked = SshServer.exec(List.of("git", "-C", work.toString(), "push", repo.toString(), "main"), "", asBob, 120);
    assertTrue(hooked.code() != 0, hooked.toString());
    assertTrue(hooked.err().contains("remote: " + refusal.stripTrailing()) && hooked.err().contains("(pre-receive hook declined)"), hooked.toString());
    assertEquals(refs, gitOut(repo, "for-each-ref"), "no ref moved");
    assertEquals(objects, objectFiles(repo), "the refused push's objects stayed in git's quarantine");
  }

  static String gitOut(Path repo, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + repo));
    cmd.addAll(List.of(args));
    SshServer.Result r = SshServer.exec(cmd, "", Map.of(), 60);
    assertEquals(0, r.code(), r.toString());
    return r.out();
  }

  static String objectFiles(Path repo) throws IOException {
    try (var files = Files.walk(repo.resolve("objects"))) {
      return String.join("\n", files.filter(Files::isRegularFile).map(Path::toString).sorted().toList());
    }
  }

  @Test
  void aLineBrokenByHandIsReportedAndTheOtherKeysStillLogIn() throws IOException {
    Path file = j.root.resolve(".ssh/authorized_keys");
    String before = Files.readString(file);
    Files.writeString(file, "ssh-rsa AAAAB3Nza broken by hand\n" + before);
    try {
      assertEquals(0, as(bob, "apps:list").code(), "bob's key still works");
      SshServer.Result list = sshd.ssh("ssh-keys:list");
      assertEquals(1, list.code(), list.toString());
      assertEquals(" !     " + file + " line 1 failed ssh-keygen check.\n", list.err());
      assertTrue(list.out().contains("NAME=\"bob\"") && list.out().contains("NAME=\"admin\""), list.toString());
    } finally {
      Files.writeString(file, before);
    }
  }

  @Test
  void aKeyHolderGetsNoShell() {
    SshServer.Result sh = as(bob, "sh");
    assertEquals(1, sh.code(), sh.toString());
    assertTrue(sh.err().startsWith(" !     `sh` is not a dokku command."), sh.toString());
    SshServer.Result id = as(bob, "sh", "-c", "'id > /tmp/jokku-ssh-pwned'");
    assertEquals(1, id.code());
    assertFalse(Files.exists(Path.of("/tmp/jokku-ssh-pwned")));
    SshServer.Result semicolon = as(bob, "apps:list;", "id");
    assertTrue(!semicolon.out().contains("uid="), semicolon.toString());
    SshServer.Result none = as(bob);
    assertTrue(none.out().startsWith("Usage: dokku"), "no command: jokku's help, no shell: " + none);
  }

  @Test
  void aKeyHolderGetsNoPortForwarding() throws Exception {
    int local = jokku.proxy.Http.freePort();
    List<String> cmd = new ArrayList<>(sshd.sshArgs(bob));
    cmd.addAll(List.of("-N", "-L", local + ":127.0.0.1:" + sshd.port, sshd.destination()));
    Path err = Files.createTempFile("jokku-ssh-forward-", ".err");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
    try {
      boolean listening = false;
      for (int i = 0; i < 200 && !listening && p.isAlive(); i++) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), local)) {
          listening = true;
          s.setSoTimeout(10_000);
          InputStream in = s.getInputStream();
          byte[] b = in.readNBytes(7);
          assertEquals(0, b.length, "the forwarded connection must carry nothing (sshd's banner would be SSH-2.0)");
        } catch (java.net.ConnectException notYet) {
          Thread.sleep(50);
        }
      }
      assertTrue(listening, "ssh -N -L started its local listener: " + Files.readString(err));
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
      assertTrue(sshd.log().contains("refused local port forward"), sshd.log());
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(err);
    }
  }

  @Test
  void aNonAdminKeyCannotReachTheHostFromItsApp() throws IOException {
    String own = j.name("bobs");
    j.ok("apps:create", own);
    j.ok("acl:add", own, "bob");
    String why = " (only root or an admin key may)";
    assertRefused("User bob may not set nginx access-log-path /root/pwn-test.log: nginx's master process (root) creates and appends to the file it names, anywhere on the host" + why,
        as(bob, "nginx:set", own, "access-log-path", "/root/pwn-test.log"));
    assertRefused("User bob may not set the docker option -v /:/host: it mounts a folder of the host" + why,
        as(bob, "docker-options:add", own, "deploy", "-v", "/:/host"));
    assertEquals("", j.ok("nginx:report", own, "--nginx-access-log-path").out().strip());
    assertEquals("", j.ok("docker-options:report", own, "--docker-options-deploy").out().strip());
    // bob's own, harmless settings go through; the admin key keeps the host-reaching ones
    assertEquals(0, as(bob, "nginx:set", own, "client-max-body-size", "5m").code());
    assertEquals(0, as(bob, "docker-options:add", own, "deploy", "--memory", "256m").code());
    SshServer.Result admin = sshd.ssh("docker-options:add", own, "deploy", "-v", "/:/host");
    assertEquals(0, admin.code(), admin.toString());
  }

  /**
   * Networks on a shared server: a key that is not an admin may attach its app to a network only while nothing of
   * anyone else is on it (other apps' settings: AccessTest; here a container of no app, found through the engine).
   */
  @Test
  void aNonAdminKeyJoinsOnlyNetworksNothingElseIsOn() throws Exception {
    // a key of its own (other tests of this class expect bob on no ACL, carol on the shared app)
    Path dan = sshd.newClientKey("dan");
    assertEquals(0, j.runWithInput(SshServer.publicKey(dan), "ssh-keys:add", "dan").code());
    String own = j.name("dans"), net = j.name("teamnet");
    j.ok("apps:create", own);
    j.ok("acl:add", own, "dan");
    j.ok("network:create", net);
    SshServer.Result empty = as(dan, "network:set", own, "attach-post-deploy", net);
    assertEquals(0, empty.code(), "nobody is on it yet: " + empty);

    jokku.engine.Engine e = TestEngine.engine();
    try {
      Map<String, Object> body = new HashMap<>();
      body.put("Image", jokku.TestImages.busybox());
      body.put("Cmd", List.of("sleep", "600"));
      body.put("Labels", Map.of(TestEngine.LABEL, j.runId));
      body.put("HostConfig", Map.of("NetworkMode", net));
      e.containers().start(jokku.engine.EngineFixture.createContainer(e, body));
    } finally {
      e.close();
    }
    assertRefused("User dan may not set network initial-network " + net + ": apps or containers this key does not manage are on that network (only root or an admin key may)",
        as(dan, "network:set", own, "initial-network", net));
    assertEquals("", j.ok("--quiet", "network:report", own, "--network-initial-network").out().strip(), "nothing stored");
    SshServer.Result admin = sshd.ssh("network:set", own, "initial-network", net);
    assertEquals(0, admin.code(), "an admin key shares networks: " + admin);
  }
}
