package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** network:destroy against the real engine: the confirmation, --force, and the refusals. */
@Tag("engine")
class NetworkDestroyTest {
  final Jokku j = new Jokku();
  String net;

  static String warning(String name) {
    return " !     WARNING: Potentially Destructive Action\n"
        + " !     This command will destroy network " + name + ".\n"
        + " !     To proceed, type \"" + name + "\"\n";
  }

  @BeforeEach
  void createNetwork() {
    net = j.name("doomed");
    assertEquals(0, j.run("network:create", net).code());
  }

  @AfterEach
  void cleanup() {
    TestEngine.cleanup(j.runId);
  }

  @Test
  void destroy_confirmedByTypingTheName() {
    Result r = j.runWithInput(net + "\n", "network:destroy", net);
    assertEquals(new Result(0, "> -----> Destroying network " + net + "\n", warning(net)), r);
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void destroy_mismatch_abortsNamingTheExpectedValue() {
    Result r = j.runWithInput("something-else\n", "network:destroy", net);
    assertEquals(new Result(1, "> ", warning(net) + " !     Confirmation did not match \"" + net + "\". Aborted.\n"), r);
    assertEquals(List.of(net), TestEngine.networks(j.runId));
  }

  @Test
  void destroy_emptyAnswerOrEndOfInput_aborts() {
    assertEquals(new Result(1, "> ", warning(net) + " !     unexpected newline\n"), j.runWithInput("\n", "network:destroy", net));
    assertEquals(new Result(1, "> ", warning(net) + " !     EOF\n"), j.runWithInput("", "network:destroy", net));
    assertEquals(List.of(net), TestEngine.networks(j.runId));
  }

  @Test
  void destroy_localForce_skipsTheQuestion() {
    assertEquals(new Result(0, "-----> Destroying network " + net + "\n", ""), j.run("network:destroy", net, "--force"));
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void destroy_globalForce_skipsTheQuestion() {
    assertEquals(new Result(0, "-----> Destroying network " + net + "\n", ""), j.run("--force", "network:destroy", net));
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void destroy_quietForce_printsNothing() {
    assertEquals(new Result(0, "", ""), j.run("network:destroy", "--quiet", "--force", net));
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void destroy_builtInNetworks_refusedBeforeAnyQuestion() {
    for (String b : new String[] {"bridge", "host", "none", "ingress", "docker_gwbridge"}) {
      assertEquals(new Result(1, "", " !     Unable to destroy network: " + b + " is a built-in Docker network\n"), j.run("network:destroy", b));
      assertEquals(new Result(1, "", " !     Unable to destroy network: " + b + " is a built-in Docker network\n"), j.run("--force", "network:destroy", b));
    }
    for (String b : new String[] {"bridge", "host", "none"}) assertEquals(b, TestEngine.network(b).name());
  }

  @Test
  void destroy_missingNetwork() {
    String missing = j.name("missing");
    assertEquals(new Result(1, "", " !     Unable to destroy network: network " + missing + " not found\n"), j.runWithInput(missing + "\n", "network:destroy", missing));
  }

  @Test
  void destroy_missingName() {
    assertEquals(new Result(1, "", " !     No network name specified\n"), j.run("network:destroy"));
    assertEquals(new Result(1, "", " !     No network name specified\n"), j.run("network:destroy", "--force"));
  }

  @Test
  void destroy_unknownFlag_exits2AndKeepsTheNetwork() {
    Result r = j.run("network:destroy", net, "--yes");
    assertEquals(new Result(2, "", " !     unknown flag: --yes for network:destroy (valid flags: --force)\n"), r);
    assertEquals(List.of(net), TestEngine.networks(j.runId));
  }

  @Test
  void destroy_withContainersAttached_namesThem() {
    String container = j.name("attached");
    Engine e = TestEngine.engine();
    try {
      Map<String, Object> host = new LinkedHashMap<>();
      host.put("NetworkMode", net);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("Image", TestImages.busybox());
      body.put("Cmd", List.of("sleep", "600"));
      body.put("Labels", TestEngine.labels(j.runId));
      body.put("HostConfig", host);
      Containers containers = e.containers();
      containers.start(EngineFixture.createContainer(e, container, body));
    } finally {
      e.close();
    }
    Result r = j.run("--force", "network:destroy", net);
    assertEquals(new Result(1, "", " !     Unable to destroy network: " + net + " has containers attached: " + container + "\n"), r);
    assertEquals(List.of(net), TestEngine.networks(j.runId));
    String info = j.run("network:info", net).out();
    String ip = TestEngine.network(net).containers().get(0).ipv4();
    assertEquals(true, info.contains("\n       Containers:     " + container + " " + ip + "\n"), info);
  }

  @Test
  void destroy_thenExistsSaysItIsGone() {
    j.run("--force", "network:destroy", net);
    assertEquals(new Result(1, "", " !     Network does not exist\n"), j.run("network:exists", net));
    assertNull(TestEngine.network(net));
  }
}
