package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link NetworkService#createSpec}: the Engine API body of network:create, and every check made before it is sent. */
@Tag("unit")
class CreateBodyTest {
  private static NetworkService.CreateOptions opts(List<String> subnets, List<String> gateways, List<String> ranges) {
    return new NetworkService.CreateOptions("", false, false, subnets, gateways, ranges, Map.of(), Map.of());
  }

  private static String fails(String name, NetworkService.CreateOptions o) {
    DokkuException e = assertThrows(DokkuException.class, () -> NetworkService.createSpec(name, o));
    assertEquals(1, e.exitCode());
    return e.getMessage();
  }

  @Test
  void defaults_anAttachableBridgeLabelledAsDokkus() {
    assertEquals("{\"Name\":\"backend\",\"CheckDuplicate\":true,\"Driver\":\"bridge\",\"Attachable\":true,\"Internal\":false,\"EnableIPv6\":false,"
        + "\"Labels\":{\"com.dokku.network-name\":\"backend\"}}", Json.write(NetworkService.createSpec("backend", NetworkService.CreateOptions.defaults()).body()));
  }

  @Test
  void everyOption_mapsToTheEngine() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "core");
    NetworkService.CreateOptions o = new NetworkService.CreateOptions("macvlan", true, true,
        List.of("10.20.0.0/24", "fd00:20::/64"), List.of("10.20.0.1"), List.of("10.20.0.128/25"),
        Map.of("parent", "eth0"), labels);
    assertEquals("{\"Name\":\"n.1_x\",\"CheckDuplicate\":true,\"Driver\":\"macvlan\",\"Attachable\":true,\"Internal\":true,\"EnableIPv6\":true,"
        + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.20.0.0/24\",\"Gateway\":\"10.20.0.1\",\"IPRange\":\"10.20.0.128/25\"},"
        + "{\"Subnet\":\"fd00:20::/64\"}]},\"Options\":{\"parent\":\"eth0\"},"
        + "\"Labels\":{\"team\":\"core\",\"com.dokku.network-name\":\"n.1_x\"}}", Json.write(NetworkService.createSpec("n.1_x", o).body()));
  }

  @Test
  void names_mustBeWhatTheEngineAccepts() {
    assertEquals("No network name specified", fails("", NetworkService.CreateOptions.defaults()));
    for (String bad : new String[] {"-net", ".net", "_net", "my net", "net/1", "net:1", "nét"}) {
      assertEquals("Invalid network name '" + bad + "': names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*", fails(bad, NetworkService.CreateOptions.defaults()));
    }
  }

  @Test
  void subnets_mustBeCidr() {
    assertEquals("Invalid subnet '10.20.0.0': expected CIDR notation such as 172.30.0.0/16", fails("n", opts(List.of("10.20.0.0"), List.of(), List.of())));
    assertEquals("Invalid subnet '10.20.0.0/33': expected CIDR notation such as 172.30.0.0/16", fails("n", opts(List.of("10.20.0.0/33"), List.of(), List.of())));
    assertEquals("Invalid subnet 'fast': expected CIDR notation such as 172.30.0.0/16", fails("n", opts(List.of("fast"), List.of(), List.of())));
  }

  @Test
  void gateways_mustBeAddressesInsideTheirSubnet() {
    assertEquals("Invalid gateway '10.20.0.300': expected an IP address", fails("n", opts(List.of("10.20.0.0/24"), List.of("10.20.0.300"), List.of())));
    assertEquals("Each --gateway needs a --subnet (given in the same order)", fails("n", opts(List.of(), List.of("10.20.0.1"), List.of())));
    assertEquals("Invalid gateway '10.21.0.1': it is not inside subnet 10.20.0.0/24", fails("n", opts(List.of("10.20.0.0/24"), List.of("10.21.0.1"), List.of())));
  }

  @Test
  void ipRanges_mustBeCidrInsideTheirSubnet() {
    assertEquals("Invalid ip-range '10.20.0.128': expected CIDR notation such as 172.30.5.0/24", fails("n", opts(List.of("10.20.0.0/24"), List.of(), List.of("10.20.0.128"))));
    assertEquals("Each --ip-range needs a --subnet (given in the same order)", fails("n", opts(List.of(), List.of(), List.of("10.20.0.0/25"))));
    assertEquals("Invalid ip-range '10.20.0.0/16': it is not inside subnet 10.20.0.0/24", fails("n", opts(List.of("10.20.0.0/24"), List.of(), List.of("10.20.0.0/16"))));
  }

  @Test
  void dokkusLabel_cannotBeGivenByHand() {
    NetworkService.CreateOptions o = new NetworkService.CreateOptions("", false, false, List.of(), List.of(), List.of(), Map.of(), Map.of("com.dokku.network-name", "x"));
    assertEquals("The label com.dokku.network-name is set by jokku", fails("n", o));
  }
}
