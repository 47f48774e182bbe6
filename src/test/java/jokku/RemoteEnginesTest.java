package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Engines on other machines, on the test bed's nodes as real servers: {@code DOCKER_HOST=ssh://root@<node>} (the
 * system ssh, the node's sshd, {@code docker system dial-stdio} there) and {@code tcp://<node>:2376} with TLS both
 * ways, running the network commands, a build and deploy, a one-off run and the app's logs (requests, a build
 * stream, an attach and a log stream over each transport); one ssh handshake per command; every
 * bad input one line; {@code scheduler-swarm:cluster-add ssh://} refusing a node of another swarm, undoing a join
 * whose gossip port is closed, joining a manager with {@code --advertise-addr}, and {@code cluster-remove} demoting it.
 */
@Tag("testbed")
class RemoteEnginesTest {
  static Testbed bed;
  static Path sshLog;
  static Path shims;

  @BeforeAll
  static void up() throws IOException {
    bed = Testbed.up("--nodes", "2", "--no-swarm", "--tls", "2");
    shims = Jokku.tempDir("jokku-ssh-count-");
    sshLog = shims.resolve("ssh.log");
    Path ssh = shims.resolve("ssh");
    Files.writeString(ssh, "#!/bin/sh\necho \"$*\" >>'" + sshLog + "'\nexec /usr/bin/ssh \"$@\"\n");
    Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterAll
  static void down() {
    if (bed != null) bed.close();
  }

  static Jokku on(String host, Map<String, String> settings) {
    Jokku j = new Jokku();
    j.env.put("DOCKER_HOST", host);
    j.env.putAll(settings);
    j.env.put("PATH", shims + ":" + System.getenv("PATH"));
    return j;
  }

  static int handshakes() throws IOException {
    return Files.exists(sshLog) ? Files.readAllLines(sshLog).size() : 0;
  }

  /** Network commands, a Dockerfile build and deploy with a network attached, a one-off run and logs, all on node 2's engine. */
  static void networkCommandsAndADeploy(Jokku j) {
    String net = j.name("rnet"), app = j.name("rapp");
    try {
      j.ok("network:create", net);
      assertTrue(j.ok("network:list").out().lines().anyMatch(net::equals));
      assertTrue(j.ok("network:info", net).out().contains("Name:           " + net));
      j.ok("apps:create", app);
      j.ok("proxy:disable", app);
      j.ok("checks:set", app, "default-wait", "0");
      j.ok("network:set", app, "attach-post-deploy", net);
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("Procfile", "web: sh -c 'echo web-started; exec httpd -f -p $PORT -h /'\n".getBytes(StandardCharsets.UTF_8));
      files.put("Dockerfile", ("FROM " + TestImages.BUSYBOX + "\nCOPY Procfile /app/Procfile\nWORKDIR /app\n").getBytes(StandardCharsets.UTF_8));
      Path tar = Jokku.tempDir("jokku-remote-app-").resolve("app.tar");
      Files.write(tar, TestImages.tar(files));
      j.ok("git:from-archive", app, tar.toString());
      Jokku.Result inspect = bed.docker(2, "inspect", "--format", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", app + ".web.1");
      assertEquals(0, inspect.code(), inspect.toString());
      assertTrue(inspect.out().contains(net), inspect.out());
      assertEquals("from-the-node\n", j.ok("run", app, "echo", "from-the-node").out());
      Jokku.Result logs = j.ok("logs", app, "-n", "5");
      assertTrue(logs.out().contains("web-started"), logs.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      j.run("--force", "apps:destroy", app);
      j.run("--force", "network:destroy", net);
    }
    assertEquals("", bed.docker(2, "ps", "-aq", "--filter", "label=" + TestEngine.LABEL).out());
  }

  @Test
  void sshEngine_runsTheNetworkCommandsADeployAndARun_withOneSshHandshakePerCommand() throws IOException {
    Jokku j = on(bed.sshUrl(2), bed.sshEnv());
    int before = handshakes();
    j.ok("network:list");
    assertEquals(1, handshakes() - before, "network:list: one ssh connection for /_ping and the list, as docker -H ssh:// network ls");
    networkCommandsAndADeploy(j);
  }

  @Test
  void tlsEngine_runsTheNetworkCommandsADeployAndARun() {
    networkCommandsAndADeploy(on(bed.tlsHost(), bed.tlsEnv()));
  }

  static void assertOneLine(String expected, Jokku.Result r) {
    assertEquals(" !     " + expected + "\n", r.err(), r.toString());
    assertEquals(1, r.code(), r.toString());
  }

  @Test
  void sshBadInputs_areOneLineEach() throws IOException {
    String addr = bed.address(2), absent = bed.env.get("JOKKU_TESTBED_NET") + ".99";
    Jokku.Result unreachable = on("ssh://root@" + absent, Map.of("JOKKU_SSH_OPTS", "-F " + bed.sshConfig() + " -o ConnectTimeout=3")).run("network:list");
    assertTrue(unreachable.err().startsWith(" !     Cannot connect to the Docker engine at ssh://root@" + absent + ": ssh: connect to host " + absent + " port 22: "), unreachable.toString());
    assertEquals(1, unreachable.err().lines().count(), unreachable.toString());

    Path cfg = Jokku.tempDir("jokku-ssh-cfg-");
    String config = Files.readString(Path.of(bed.sshConfig()));
    Files.writeString(cfg.resolve("unknown"), config.replaceAll("UserKnownHostsFile .*", "UserKnownHostsFile " + cfg.resolve("empty_known_hosts")));
    assertOneLine("Cannot connect to the Docker engine at ssh://root@" + addr + ": the host key of " + addr + " is not in known_hosts, so ssh refused"
        + " to connect; check the server's fingerprint and accept it once with: ssh root@" + addr + " true",
        on(bed.sshUrl(2), Map.of("JOKKU_SSH_OPTS", "-F " + cfg.resolve("unknown"))).run("network:list"));

    // a login whose PATH has no docker: a key of its own, with a forced command that runs the request without it
    Path key = cfg.resolve("nodocker");
    assertEquals(0, Testbed.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), Map.of(), 30).code());
    Files.writeString(Path.of(bed.env.get("JOKKU_TESTBED_DIR"), "ssh", "authorized_keys"),
        "command=\"PATH=/nonexistent; export PATH; exec /bin/sh -c \\\"$SSH_ORIGINAL_COMMAND\\\"\" " + Files.readString(cfg.resolve("nodocker.pub")),
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(cfg.resolve("nodocker.config"), config.replaceAll("IdentityFile .*", "IdentityFile " + key));
    assertOneLine("Cannot connect to the Docker engine at ssh://root@" + addr + ": the remote " + addr + " has no docker CLI on its PATH: ssh://"
        + " runs docker system dial-stdio there (install the docker CLI on it, 18.09 or newer)",
        on(bed.sshUrl(2), Map.of("JOKKU_SSH_OPTS", "-F " + cfg.resolve("nodocker.config"))).run("network:list"));
  }

  @Test
  void tlsBadFiles_nameTheFileAndWhy() throws IOException {
    Path good = Path.of(bed.tlsEnv().get("DOCKER_CERT_PATH"));
    String host = bed.tlsHost();
    Path garbageKey = copy(good), noCert = copy(good), otherCa = copy(good);
    Files.writeString(garbageKey.resolve("key.pem"), "not a key\n");
    assertOneLine("Cannot connect to the Docker engine at " + host + ": " + garbageKey.resolve("key.pem")
        + ": no private key in it (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)", tls(garbageKey).run("network:list"));
    Files.delete(noCert.resolve("cert.pem"));
    assertOneLine("Cannot connect to the Docker engine at " + host + ": " + noCert.resolve("cert.pem") + ": no such file (" + noCert.resolve("key.pem")
        + " is there; a client certificate needs both)", tls(noCert).run("network:list"));
    Files.copy(good.resolve("cert.pem"), otherCa.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertOneLine("Cannot connect to the Docker engine at " + host + ": TLS handshake failed: the engine's certificate is not signed by "
        + otherCa.resolve("ca.pem"), tls(otherCa).run("network:list"));
    Files.delete(noCert.resolve("key.pem"));
    assertOneLine("Cannot connect to the Docker engine at " + host + ": TLS handshake failed: the engine refused the client certificate"
        + " (alert bad_certificate): " + noCert.resolve("cert.pem") + " must exist and be signed by the CA the engine trusts", tls(noCert).run("network:list"));
  }

  static Jokku tls(Path certs) {
    return on(bed.tlsHost(), Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
  }

  static Path copy(Path dir) throws IOException {
    Path d = Jokku.tempDir("jokku-tls-");
    for (String f : List.of("ca.pem", "cert.pem", "key.pem")) Files.copy(dir.resolve(f), d.resolve(f));
    return d;
  }

  @Test
  void clusterAdd_overSsh_refusesAnotherSwarmsNode_undoesAJoinWithAClosedGossipPort_andJoinsAManager() {
    Jokku j = on(bed.dockerHost(), bed.sshEnv());
    String node2 = bed.sshUrl(2), addr2 = bed.address(2);
    try {
      j.ok("scheduler-swarm:initialize", "--default-addr-pool", "10.240.0.0/16");
      assertEquals(0, bed.docker(2, "swarm", "init", "--advertise-addr", addr2).code());
      Jokku.Result other = j.run("scheduler-swarm:cluster-add", node2);
      assertTrue(other.err().matches(" !     The engine at " + java.util.regex.Pattern.quote(node2)
          + " is already in another swarm \\(state active, node \\w+\\): make it leave that swarm first\n"), other.toString());
      assertEquals(0, bed.docker(2, "swarm", "leave", "--force").code());

      Jokku.Result blocked;
      List<String> rule = List.of("-p", "tcp", "--dport", "7946", "-j", "DROP");
      assertEquals(0, inNode2("iptables", "-I", "INPUT", rule).code());
      try {
        blocked = j.run("scheduler-swarm:cluster-add", node2);
      } finally {
        inNode2("iptables", "-D", "INPUT", rule);
      }
      assertEquals(" !     The manager cannot reach " + node2 + " on " + addr2 + " port 7946/tcp (no answer within 5 s): a swarm needs 2377/tcp open to"
          + " its managers, and 7946/tcp, 7946/udp and 4789/udp open between all nodes; the node left the swarm again\n", blocked.err(), blocked.toString());
      assertEquals("inactive\n", bed.docker(2, "info", "--format", "{{.Swarm.LocalNodeState}}").out());
      assertEquals(1, j.ok("scheduler-swarm:cluster-list", "--quiet").out().lines().count());

      Jokku.Result added = j.ok("scheduler-swarm:cluster-add", "--role", "manager", "--advertise-addr", addr2, node2);
      assertTrue(added.out().contains("-----> Joining " + node2 + " to the swarm as a manager\n"), added.out());
      String list = j.ok("scheduler-swarm:cluster-list").out();
      assertTrue(list.lines().anyMatch(l -> l.contains(bed.netns(2)) && l.contains(" ready ") && l.contains(" manager ") && l.endsWith(addr2)), list);

      Jokku.Result removed = j.ok("scheduler-swarm:cluster-remove", bed.netns(2));
      assertTrue(removed.out().contains("-----> Demoting node " + bed.netns(2)), removed.out());
      assertEquals("inactive\n", bed.docker(2, "info", "--format", "{{.Swarm.LocalNodeState}}").out());
      assertEquals(1, j.ok("scheduler-swarm:cluster-list", "--quiet").out().lines().count());
    } finally {
      bed.docker(2, "swarm", "leave", "--force");
      bed.docker(1, "swarm", "leave", "--force");
    }
  }

  static Jokku.Result inNode2(String cmd, String op, String chain, List<String> rule) {
    List<String> c = new java.util.ArrayList<>(List.of("nsenter", "--net=/run/netns/" + bed.netns(2), cmd, op, chain));
    c.addAll(rule);
    return Testbed.run(c, Map.of(), 30);
  }
}
