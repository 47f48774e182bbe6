package jokku.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jokku.engine.NetworkInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * network:destroy's view of an overlay's endpoints: the swarm load-balancer endpoint (engine key {@code lb-<net>}, name
 * {@code <net>-endpoint}) is the engine's and never blocks a destroy; a container, whatever its name, does. The real
 * overlay destroyed right after its app is SwarmFaultsTest's.
 */
@Tag("unit")
class LoadBalancerEndpointTest {
  private static final NetworkInfo OVL = new NetworkInfo("id1", "ovl", "overlay", "swarm", "", false, true, false, Map.of(), List.of(), List.of());

  @Test
  void onlyTheOverlaysOwnLoadBalancerEndpointIsIgnored() {
    assertTrue(NetworkService.isLoadBalancer(OVL, new NetworkInfo.Endpoint("lb-ovl", "ovl-endpoint", "10.0.1.4", "")));
    assertFalse(NetworkService.isLoadBalancer(OVL, new NetworkInfo.Endpoint("3f2a9c", "ovl-endpoint", "10.0.1.5", "")), "a container named like it");
    assertFalse(NetworkService.isLoadBalancer(OVL, new NetworkInfo.Endpoint("lb-other", "other-endpoint", "10.0.1.6", "")), "another network's");
  }
}
