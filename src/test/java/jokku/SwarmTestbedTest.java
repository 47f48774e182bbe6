package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * script/swarm-testbed for real: a 3-node swarm in network namespaces with an overlay across nodes, the registry,
 * the host reaching a node's published port, and a {@code down} that leaves the host's network exactly as it was.
 */
@Tag("testbed")
class SwarmTestbedTest {
  private static final String HTTPD = "mkdir -p /www && echo \"hello from $0\" > /www/index.html && exec httpd -f -p 80 -h /www";
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void threeNodeSwarmWithOverlayRegistryAndHostLinkThenDownLeavesTheHostAsItWas() throws Exception {
    String before = RootNetns.snapshot();
    Set<String> hostSubnets = new HashSet<>(RootNetns.hostEngineSubnets());
    Testbed bed = Testbed.up();
    try {
      // while up, the root netns differs by the one host link (and its connected routes) only
      String during = RootNetns.snapshot();
      hostSubnets.addAll(RootNetns.hostEngineSubnets());
      List<String> added = RootNetns.diff(RootNetns.normalize(before, hostSubnets), RootNetns.normalize(during, hostSubnets));
      assertFalse(added.isEmpty(), "the host link is in the root netns");
      for (String line : added) assertTrue(line.startsWith("+") && line.contains(bed.name + "-host"), "root netns change while up: " + added);

      swarmOfThreeReadyNodes(bed);
      overlayAliasAcrossNodes(bed);
      registryPushOnNode1PullOnNode3(bed);
      hostReachesHostModePortOnNode2(bed);
    } finally {
      bed.close();
    }
    String after = RootNetns.snapshot();
    hostSubnets.addAll(RootNetns.hostEngineSubnets());
    assertEquals(RootNetns.normalize(before, hostSubnets), RootNetns.normalize(after, hostSubnets), "root netns before up vs after down");
    assertFalse(new java.io.File("/run/netns/" + bed.name + "-sw").exists());
    assertFalse(new java.io.File("/tmp/jokku-testbed-" + bed.name).exists(), "state dir removed");
    String hostObjects = RootNetns.hostEngine("ps", "-a", "--format", "{{.Names}} {{.Image}}")
        + RootNetns.hostEngine("network", "ls", "--format", "{{.Name}}");
    assertFalse(hostObjects.contains(run), "nothing of the bed on the host's engine: " + hostObjects);
  }

  @Test
  void standaloneEngineSurvivesRestartAndCrashThenDownCleansAKilledUp() throws Exception {
    String before = RootNetns.snapshot();
    Set<String> hostSubnets = new HashSet<>(RootNetns.hostEngineSubnets());
    try (Testbed bed = Testbed.up("--nodes", "1", "--no-swarm", "--no-host-link")) {
      hostSubnets.addAll(RootNetns.hostEngineSubnets());
      assertEquals(RootNetns.normalize(before, hostSubnets), RootNetns.normalize(RootNetns.snapshot(), hostSubnets),
          "--no-host-link: the root netns is untouched while the bed is up");
      assertEquals("0", bed.env.get("JOKKU_TESTBED_SWARM"));
      assertEquals("inactive", bed.dockerOk(1, "info", "--format", "{{.Swarm.LocalNodeState}}"));
      bed.dockerOk(1, "run", "-d", "--name", "keep-" + run, "--restart", "always", "--stop-timeout", "1", bed.image(), "sleep", "600");
      String started = bed.dockerOk(1, "inspect", "keep-" + run, "--format", "{{.State.StartedAt}}");
      bed.restartEngine(1);
      // restartEngine returns once the engine answers: no polling needed
      assertEquals("running", await(30, () -> bed.dockerOk(1, "inspect", "keep-" + run, "--format", "{{.State.Status}}"), "running"));
      assertNotEquals(started, bed.dockerOk(1, "inspect", "keep-" + run, "--format", "{{.State.StartedAt}}"), "restarted with its engine");
      bed.crashAndRestartEngine(1);
      assertEquals("running", await(30, () -> bed.dockerOk(1, "inspect", "keep-" + run, "--format", "{{.State.Status}}"), "running"));
    }

    // `up` killed with SIGKILL once its engines run: `down` still removes everything
    String name = Testbed.uniqueName();
    java.nio.file.Path dir = java.nio.file.Path.of("/tmp/jokku-testbed-" + name);
    ProcessBuilder pb = new ProcessBuilder(Testbed.SCRIPT.toString(), "up", "--nodes", "2");
    pb.environment().remove("JOKKU_TESTBED_DIR");
    pb.environment().remove("JOKKU_TESTBED_NET");
    pb.environment().put("JOKKU_TESTBED_NAME", name);
    pb.environment().put("JOKKU_TESTBED_OWNER", Long.toString(ProcessHandle.current().pid()));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    Process up = pb.start();
    try {
      assertEquals("true", await(120, () -> Boolean.toString(java.nio.file.Files.exists(dir.resolve("n2/dockerd.pid"))), "true"), "node2's dockerd started");
    } finally {
      up.destroyForcibly();
      up.waitFor();
    }
    assertTrue(new java.io.File("/run/netns/" + name + "-n2").exists(), "the killed up left its namespaces");
    Jokku.Result down = Testbed.script(name, 180, "down");
    assertEquals(0, down.code(), down.toString());
    assertFalse(java.nio.file.Files.exists(dir), "state dir removed");
    for (String n : List.of("-sw", "-n1", "-n2")) assertFalse(new java.io.File("/run/netns/" + name + n).exists(), name + n);
    assertFalse(new java.io.File("/sys/class/net/" + name + "-host").exists(), "host link removed");
    assertFalse(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/mountinfo")).contains(dir + "/"), "no mount left");
    try (var procs = ProcessHandle.allProcesses()) {
      List<String> left = procs.map(h -> h.info().commandLine().orElse("")).filter(c -> c.contains(dir + "/")).toList();
      assertEquals(List.of(), left, "no process of the killed bed left");
    }
    List<String> cgroupsLeft = new ArrayList<>();
    try (var entries = java.nio.file.Files.list(java.nio.file.Path.of("/sys/fs/cgroup"))) {
      for (java.nio.file.Path c : entries.toList()) {
        if (c.getFileName().toString().startsWith(name)) cgroupsLeft.add(c.toString()); // cgroup v2
        for (String n : List.of("-n1", "-n2")) if (java.nio.file.Files.exists(c.resolve(name + n))) cgroupsLeft.add(c.resolve(name + n).toString());
      }
    }
    assertEquals(List.of(), cgroupsLeft, "cgroup parents removed");
    hostSubnets.addAll(RootNetns.hostEngineSubnets());
    assertEquals(RootNetns.normalize(before, hostSubnets), RootNetns.normalize(RootNetns.snapshot(), hostSubnets), "root netns before vs after");
  }

  private void swarmOfThreeReadyNodes(Testbed bed) {
    assertEquals(3, bed.size());
    assertEquals(bed.nodeUrls().get(0), bed.dockerHost());
    assertEquals(bed.env.get("JOKKU_TESTBED_NET") + ".1:5000", bed.registry());
    String ls = bed.dockerOk(1, "node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}");
    List<String> nodes = new ArrayList<>(Arrays.asList(ls.split("\n")));
    nodes.replaceAll(String::trim);
    nodes.sort(null);
    assertEquals(List.of(bed.name + "-n1 Ready Active Leader", bed.name + "-n2 Ready Active", bed.name + "-n3 Ready Active"), nodes);
    List<String> ids = new ArrayList<>(Arrays.asList(bed.dockerOk(1, "node", "ls", "-q").split("\n")));
    ids.sort(null);
    List<String> exported = new ArrayList<>(bed.nodeIds());
    exported.sort(null);
    assertEquals(ids, exported);
  }

  private void overlayAliasAcrossNodes(Testbed bed) throws InterruptedException {
    String net = "ovl-" + run;
    bed.dockerOk(1, "network", "create", "-d", "overlay", "--attachable", net);
    assertEquals("swarm true", bed.dockerOk(1, "network", "inspect", net, "--format", "{{.Scope}} {{.Attachable}}"));
    bed.dockerOk(1, "run", "-d", "--name", "web-" + run, "--network", net, "--network-alias", "api-" + run, bed.image(), "sh", "-c", HTTPD, "node1");
    String webIp = bed.dockerOk(1, "inspect", "web-" + run, "--format", "{{(index .NetworkSettings.Networks \"" + net + "\").IPAddress}}");
    bed.dockerOk(2, "run", "-d", "--name", "client-" + run, "--network", net, bed.image(), "sleep", "600");
    // gossip is eventually consistent: the alias may take a few seconds to reach node2
    String got = await(60, () -> bed.docker(2, "exec", "client-" + run, "timeout", "3", "wget", "-qO-", "http://api-" + run + "/").out().trim(),
        "hello from node1");
    assertEquals("hello from node1", got);
    assertTrue(bed.docker(2, "exec", "client-" + run, "nslookup", "api-" + run).out().contains(webIp), "api alias resolves to web's overlay address " + webIp);
  }

  private void registryPushOnNode1PullOnNode3(Testbed bed) {
    String ref = bed.registry() + "/testbed-" + run + ":1";
    bed.dockerOk(1, "tag", bed.image(), ref);
    bed.dockerOk(1, "push", ref);
    assertNotEquals(0, bed.docker(3, "image", "inspect", ref).code(), "node3 has no such image before the pull");
    bed.dockerOk(3, "pull", ref);
    assertEquals("pulled", bed.dockerOk(3, "run", "--rm", ref, "echo", "pulled"));
    String digest = "{{index .RepoDigests 0}}";
    assertEquals(bed.dockerOk(1, "image", "inspect", ref, "--format", digest), bed.dockerOk(3, "image", "inspect", ref, "--format", digest));
  }

  private void hostReachesHostModePortOnNode2(Testbed bed) throws InterruptedException {
    bed.dockerOk(1, "service", "create", "-d", "--name", "pub-" + run, "--no-resolve-image", "--endpoint-mode", "dnsrr",
        "--constraint", "node.hostname==" + bed.name + "-n2", "--publish", "mode=host,target=80,published=18080", bed.image(), "sh", "-c", HTTPD, "node2");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI uri = URI.create("http://" + bed.address(2) + ":18080/");
    String got = await(60, () -> {
      try {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body().trim();
      } catch (java.io.IOException e) {
        return e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return e.toString();
      }
    }, "hello from node2");
    assertEquals("hello from node2", got, "the root netns reaches node2's host-mode published port");
  }

  /** Polls until the value equals {@code want} or the deadline passes; returns the last value. */
  private static String await(int seconds, Supplier<String> value, String want) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    String last = value.get();
    while (!want.equals(last) && System.nanoTime() < deadline) {
      Thread.sleep(300);
      last = value.get();
    }
    return last;
  }
}
