package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.Engine;
import jokku.engine.NetworkInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link NetworkService}'s lookups, with the engine faked at the port (pure logic: which network a name means, how a
 * swarm network's nodes are listed); the real engine's side is in NetworkCreateTest, NetworkInspectTest and the
 * swarm tests.
 */
@Tag("unit")
class NetworkServicePortTest {
  private static NetworkInfo network(String id, String name, String scope) {
    return new NetworkInfo(id, name, "overlay", scope, "", false, true, false, Map.of(), List.of(), List.of());
  }

  /** These networks, these peers by network id; a call the test does not expect fails it. */
  private static Engine engine(List<NetworkInfo> networks, Map<String, List<String>> peers) {
    return new Engine() {
      @Override
      public List<NetworkInfo> listNetworks() {
        return networks;
      }

      @Override
      public List<String> networkPeers(String id) {
        if (!peers.containsKey(id)) throw new AssertionError("peers of " + id + " asked for");
        return peers.get(id);
      }

      @Override
      public NetworkInfo inspectNetwork(String id) {
        for (NetworkInfo n : networks) if (n.id().equals(id)) return n;
        throw new AssertionError("inspect of " + id);
      }
    };
  }

  @Test
  void aNameMeansThatNetworkExactly_neverAnIdOrAPrefix() {
    NetworkService s = new NetworkService(engine(List.of(network("abc123", "backend-2", "local"), network("def456", "backend", "local")), Map.of()));
    assertEquals("def456", s.find("backend").orElseThrow().id());
    assertEquals(List.of(), s.find("back").stream().toList());
    assertEquals(List.of(), s.find("abc123").stream().toList());
    assertEquals("Network does not exist", assertThrows(DokkuException.class, () -> s.info("back")).getMessage());
  }

  @Test
  void aSwarmNetworksNodesAreItsPeersSorted_aLocalNetworkHasNone() {
    NetworkInfo overlay = network("o1", "shared", "swarm");
    NetworkInfo local = network("l1", "backend", "local");
    NetworkService s = new NetworkService(engine(List.of(overlay, local), Map.of("o1", List.of("n3 (10.0.0.3)", "n1 (10.0.0.1)"))));
    assertEquals(List.of("n1 (10.0.0.1)", "n3 (10.0.0.3)"), s.nodes(overlay));
    assertEquals(List.of(), s.nodes(local)); // the engine is not asked: peers of l1 would fail the test
  }
}
