package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.TestEngine;
import jokku.engine.Json;
import jokku.engine.NetworkInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** network:exists, network:info and network:list against the real engine. */
@Tag("engine")
class NetworkInspectTest {
  static final List<String> LIST_KEYS = List.of("CreatedAt", "DokkuManaged", "Driver", "ID", "Internal", "IPv6", "Labels", "Name", "Scope");

  final Jokku j = new Jokku();
  String net;
  String prefix;

  @BeforeEach
  void createNetwork() {
    net = j.name("seen");
    prefix = TestEngine.unusedSubnet24();
    assertEquals(0, j.run("network:create", net, "--subnet", prefix + ".0/24", "--gateway", prefix + ".1").code());
  }

  @AfterEach
  void cleanup() {
    TestEngine.cleanup(j.runId);
  }

  @Test
  void exists() {
    assertEquals(new Result(0, "-----> Network exists\n", ""), j.run("network:exists", net));
    assertEquals(new Result(0, "", ""), j.run("network:exists", net, "--quiet"));
    assertEquals(new Result(0, "-----> Network exists\n", ""), j.run("network:exists", "bridge"));
    assertEquals(new Result(1, "", " !     Network does not exist\n"), j.run("network:exists", j.name("nope")));
    assertEquals(new Result(1, "", " !     No network name specified\n"), j.run("network:exists"));
    assertEquals(new Result(2, "", " !     unknown flag: --format for network:exists (it takes no flags)\n"), j.run("network:exists", net, "--format", "json"));
  }

  @Test
  void exists_matchesWholeNamesOnly() {
    assertEquals(1, j.run("network:exists", net.substring(0, net.length() - 1)).code());
    assertEquals(1, j.run("network:exists", TestEngine.network(net).shortId()).code());
  }

  @Test
  void info_text_isDokkusBlockPlusPoolsAndContainers() {
    NetworkInfo n = TestEngine.network(net);
    String expected = String.join("\n",
        "=====> " + net + " network information",
        "       ID:             " + n.id().substring(0, 12),
        "       Name:           " + net,
        "       Driver:         bridge",
        "       Scope:          local",
        "       Dokku managed:  true",
        "       Internal:       false",
        "       Attachable:     true",
        "       IPv6:           false",
        "       Subnet:         " + prefix + ".0/24",
        "       Gateway:        " + prefix + ".1",
        "       Containers:     ",
        "");
    assertEquals(new Result(0, expected, ""), j.run("network:info", net));
    assertEquals(new Result(0, expected, ""), j.run("network:info", net, "--format", "text"));
    assertEquals(new Result(0, expected.substring(expected.indexOf('\n') + 1), ""), j.run("--quiet", "network:info", net));
  }

  @Test
  @SuppressWarnings("unchecked")
  void info_json_carriesTheSameWithTheRealCreationTime() {
    Result r = j.run("network:info", net, "--format=json");
    assertEquals(0, r.code());
    assertEquals("", r.err());
    assertEquals(1, r.out().lines().count());
    Map<String, Object> o = Json.parseObject(r.out());
    List<String> keys = new ArrayList<>(LIST_KEYS);
    keys.addAll(List.of("Attachable", "Containers", "IPAM"));
    assertEquals(keys, new ArrayList<>(o.keySet()));
    assertEquals(net, o.get("Name"));
    assertEquals(true, o.get("DokkuManaged"));
    assertEquals(true, o.get("Attachable"));
    assertEquals(List.of(), o.get("Containers"));
    assertEquals(List.of(Map.of("Subnet", prefix + ".0/24", "Gateway", prefix + ".1", "IPRange", "")), o.get("IPAM"));
    assertEquals(j.runId, ((Map<String, Object>) o.get("Labels")).get(TestEngine.LABEL));
    String created = (String) o.get("CreatedAt");
    assertNotEquals("2024-02-25T01:55:24.275184461Z", created);
    assertTrue(created.endsWith("Z"), created);
    assertEquals(Instant.parse(TestEngine.network(net).created()), Instant.parse(created));
  }

  @Test
  void info_badInput() {
    assertEquals(new Result(1, "", " !     Network does not exist\n"), j.run("network:info", j.name("nope")));
    assertEquals(new Result(1, "", " !     No network name specified\n"), j.run("network:info"));
    assertEquals(new Result(1, "", " !     No network name specified\n"), j.run("network:info", "--format", "json"));
    assertEquals(new Result(1, "", " !     Invalid format specified, use either text or json\n"), j.run("network:info", net, "--format", "yaml"));
    assertEquals(new Result(1, "", " !     Invalid format specified, use either text or json\n"), j.run("network:info", net, "--format="));
    assertEquals(new Result(2, "", " !     flag needs an argument: --format\n"), j.run("network:info", net, "--format"));
  }

  @Test
  void list_text_isSortedByName() {
    Result r = j.run("network:list");
    assertEquals(0, r.code());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("=====> Networks\n"), r.out());
    List<String> names = r.out().lines().skip(1).toList();
    assertTrue(names.contains(net) && names.contains("bridge") && names.contains("host") && names.contains("none"), r.out());
    assertEquals(names.stream().sorted().toList(), names);
  }

  @Test
  void list_quiet_printsBareNames() {
    for (Result r : List.of(j.run("network:list", "--quiet"), j.run("--quiet", "network:list"))) {
      assertFalse(r.out().contains("=====>"), r.out());
      assertTrue(r.out().lines().toList().contains(net), r.out());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void list_dokkuManaged_keepsOnlyLabelledNetworks() {
    List<String> names = j.run("--quiet", "network:list", "--dokku-managed").out().lines().toList();
    assertTrue(names.contains(net), names.toString());
    assertFalse(names.contains("bridge"), names.toString());
    List<Object> json = (List<Object>) Json.parse(j.run("network:list", "--dokku-managed", "--format", "json").out());
    for (Object o : json) assertEquals(true, ((Map<?, ?>) o).get("DokkuManaged"), Json.write(o));
  }

  @Test
  @SuppressWarnings("unchecked")
  void list_json_isOneLineOfDokkusObjectsSortedByName() {
    Result r = j.run("--quiet", "network:list", "--format", "json");
    assertEquals(0, r.code());
    assertEquals(1, r.out().lines().count());
    List<Object> all = (List<Object>) Json.parse(r.out());
    List<String> names = new ArrayList<>();
    Map<String, Object> mine = null;
    for (Object o : all) {
      Map<String, Object> m = (Map<String, Object>) o;
      assertEquals(LIST_KEYS, new ArrayList<>(m.keySet()));
      names.add((String) m.get("Name"));
      if (net.equals(m.get("Name"))) mine = m;
    }
    assertEquals(names.stream().sorted().toList(), names);
    NetworkInfo n = TestEngine.network(net);
    assertEquals(n.id().substring(0, 12), mine.get("ID"));
    assertEquals("bridge", mine.get("Driver"));
    assertEquals("local", mine.get("Scope"));
    assertEquals(false, mine.get("Internal"));
    assertEquals(false, mine.get("IPv6"));
    assertEquals(net, ((Map<String, Object>) mine.get("Labels")).get(NetworkInfo.DOKKU_LABEL));
  }

  @Test
  void list_badInput() {
    assertEquals(new Result(1, "", " !     Invalid format specified, use either text or json\n"), j.run("network:list", "--format", "table"));
    assertEquals(new Result(2, "", " !     flag needs an argument: --format\n"), j.run("network:list", "--format"));
    assertEquals(new Result(1, "", " !     Too many arguments: " + net + " (usage: network:list [--format text|json] [--dokku-managed])\n"), j.run("network:list", net));
  }
}
