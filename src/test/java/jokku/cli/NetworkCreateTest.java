package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.TestEngine;
import jokku.engine.Engine;
import jokku.engine.Json;
import jokku.engine.NetworkInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** network:create against the real engine: what it makes, and that bad input changes nothing. */
@Tag("engine")
class NetworkCreateTest {
  final Jokku j = new Jokku();

  @AfterEach
  void cleanup() {
    TestEngine.cleanup(j.runId);
  }

  /** Runs a create that must fail with one line, and checks that no network appeared. */
  private void refused(int code, String err, String... args) {
    Result r = j.run(args);
    assertEquals(new Result(code, "", " !     " + err + "\n"), r);
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void create_makesAnAttachableBridgeLabelledAsDokkus() {
    String net = j.name("net");
    assertEquals(new Result(0, "-----> Creating network " + net + "\n", ""), j.run("network:create", net));
    NetworkInfo n = TestEngine.network(net);
    assertEquals("bridge", n.driver());
    assertTrue(n.attachable());
    assertFalse(n.internal());
    assertEquals(net, n.labels().get(NetworkInfo.DOKKU_LABEL));
    assertEquals(j.runId, n.labels().get(TestEngine.LABEL));
  }

  @Test
  void create_quiet_printsNothing() {
    String net = j.name("quiet");
    assertEquals(new Result(0, "", ""), j.run("--quiet", "network:create", net));
    assertEquals(List.of(net), TestEngine.networks(j.runId));
  }

  @Test
  @SuppressWarnings("unchecked")
  void create_passesEveryEngineOption() {
    String net = j.name("opts");
    String p = TestEngine.unusedSubnet24();
    Result r = j.run("network:create", "--subnet", p + ".0/24", net, "--gateway=" + p + ".1", "--ip-range", p + ".128/25", "--internal",
        "--label", "team=core", "--label", "tier=db", "--opt", "com.docker.network.driver.mtu=1400", "--driver", "bridge");
    assertEquals(new Result(0, "-----> Creating network " + net + "\n", ""), r);
    NetworkInfo n = TestEngine.network(net);
    assertTrue(n.internal());
    assertTrue(n.attachable());
    assertEquals(List.of(new NetworkInfo.Ipam(p + ".0/24", p + ".1", p + ".128/25")), n.ipam());
    assertEquals("core", n.labels().get("team"));
    assertEquals("db", n.labels().get("tier"));
    Engine e = TestEngine.engine();
    Map<String, Object> raw = jokku.engine.EngineFixture.networkDocument(e, n.id());
    e.close();
    assertEquals("1400", ((Map<String, Object>) raw.get("Options")).get("com.docker.network.driver.mtu"), Json.write(raw));
  }

  @Test
  void create_existingNetwork_failsAndLeavesItAlone() {
    String net = j.name("twice");
    j.run("network:create", net);
    String id = TestEngine.network(net).id();
    Result r = j.run("network:create", net);
    assertEquals(new Result(1, "-----> Creating network " + net + "\n",
        " !     Unable to create network: network with name " + net + " already exists\n"), r);
    assertEquals(id, TestEngine.network(net).id());
    assertEquals(List.of(net), TestEngine.networks(j.runId));
  }

  @Test
  void create_missingName() {
    refused(1, "No network name specified", "network:create");
    refused(1, "No network name specified", "network:create", "--internal");
  }

  @Test
  void create_namesTheEngineWouldReject() {
    for (String bad : new String[] {"-x" + j.runId, ".x" + j.runId, "x " + j.runId, "x/" + j.runId, "x:" + j.runId, "é" + j.runId}) {
      String err = bad.startsWith("-") ? null : "Invalid network name '" + bad + "': names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*";
      if (err == null) {
        // a leading dash reads as a flag, as in Dokku (pflag)
        assertEquals(2, j.run("network:create", bad).code());
        continue;
      }
      refused(1, err, "network:create", bad);
      assertNull(TestEngine.network(bad));
    }
  }

  @Test
  void create_malformedSubnetOrGateway() {
    String net = j.name("bad");
    refused(1, "Invalid subnet '10.1.2.0': expected CIDR notation such as 172.30.0.0/16", "network:create", net, "--subnet", "10.1.2.0");
    refused(1, "Invalid subnet '10.1.2.0/40': expected CIDR notation such as 172.30.0.0/16", "network:create", net, "--subnet=10.1.2.0/40");
    refused(1, "Invalid gateway '10.1.2.x': expected an IP address", "network:create", net, "--subnet", "10.1.2.0/24", "--gateway", "10.1.2.x");
    refused(1, "Invalid gateway '10.9.9.1': it is not inside subnet 10.1.2.0/24", "network:create", net, "--subnet", "10.1.2.0/24", "--gateway", "10.9.9.1");
    refused(1, "Each --gateway needs a --subnet (given in the same order)", "network:create", net, "--gateway", "10.1.2.1");
    refused(1, "Invalid ip-range '10.1.0.0/16': it is not inside subnet 10.1.2.0/24", "network:create", net, "--subnet", "10.1.2.0/24", "--ip-range", "10.1.0.0/16");
    refused(1, "Invalid --opt 'mtu': expected key=value", "network:create", net, "--opt", "mtu");
    refused(1, "Invalid --label '=x': expected key=value", "network:create", net, "--label", "=x");
    refused(1, "The label com.dokku.network-name is set by jokku", "network:create", net, "--label", "com.dokku.network-name=other");
  }

  @Test
  void create_flagProblemsExit2() {
    String net = j.name("flags");
    Result r = j.run("network:create", net, "--colour", "blue");
    assertEquals(2, r.code());
    assertEquals(" !     unknown flag: --colour for network:create (valid flags: --driver, --internal, --ipv6, --subnet, --gateway, --ip-range, --opt, --label)\n", r.err());
    refused(2, "flag needs an argument: --subnet", "network:create", net, "--subnet");
    refused(2, "invalid value \"yes\" for --internal: expected true or false", "network:create", net, "--internal=yes");
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void create_tooManyArguments() {
    Result r = j.run("network:create", j.name("a"), "b");
    assertEquals(1, r.code());
    assertEquals(" !     Too many arguments: b (usage: network:create <network>)\n", r.err());
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void create_engineRefusal_isOneLineWithTheEnginesMessage() {
    String net = j.name("overlap");
    String taken = TestEngine.network("bridge").ipam().get(0).subnet();
    Result r = j.run("network:create", net, "--subnet", taken);
    assertEquals(1, r.code());
    assertEquals("-----> Creating network " + net + "\n", r.out());
    assertTrue(r.err().startsWith(" !     Unable to create network: ") && r.err().contains("overlaps"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }
}
