package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.engine.ContainerInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What rebuild decides for one container's endpoints, from the engine's view of it and the plan. */
@Tag("unit")
class EndpointPlanTest {
  static final String ID = "abcdef1234567890";
  static final String SHORT = "abcdef123456";
  static final List<String> WANT = List.of("api.web.svc.local", SHORT + ".api.web.svc.local");

  private static ContainerInfo.Endpoint ep(String... aliases) {
    return new ContainerInfo.Endpoint("n", "10.0.0.2", List.of(aliases));
  }

  private static ContainerInfo container(String networkMode, Map<String, ContainerInfo.Endpoint> networks) {
    return new ContainerInfo(ID, "api.web.1", "img", "running", true, 0, "", 0, SHORT, networkMode, Map.of(), networks);
  }

  private static Set<String> set(String... names) {
    return new LinkedHashSet<>(List.of(names));
  }

  @Test
  void deployAliasMarksJokkusEndpoints() {
    assertTrue(EndpointPlan.carriesAlias(ep("abc123", "api.web"), "api.web"));
    assertTrue(EndpointPlan.carriesAlias(ep("api.web.svc.local", "abc.api.web.svc.local"), "api.web"));
    assertFalse(EndpointPlan.carriesAlias(ep("abc123"), "api.web"), "attached by hand: no alias");
    assertFalse(EndpointPlan.carriesAlias(ep("api.webhook"), "api.web"));
    assertFalse(EndpointPlan.carriesAlias(ep(), "api.web"));
  }

  @Test
  void aliasesCompareAsSetsIgnoringTheShortIdTheEngineAdds() {
    assertFalse(EndpointPlan.aliasesDiffer(List.of(SHORT + ".api.web.svc.local", "api.web.svc.local", SHORT), WANT, ID));
    assertFalse(EndpointPlan.aliasesDiffer(WANT, WANT, ID), "API 1.45+: only the configured aliases are listed");
    assertTrue(EndpointPlan.aliasesDiffer(List.of("api.web", SHORT + ".api.web", SHORT), WANT, ID), "tld set since");
    assertTrue(EndpointPlan.aliasesDiffer(List.of("api.web.svc.local", SHORT), WANT, ID), "hostname alias missing");
    assertTrue(EndpointPlan.aliasesDiffer(List.of(SHORT), WANT, ID), "no alias at all");
    assertTrue(EndpointPlan.aliasesDiffer(List.of("api.web.svc.local", SHORT + ".api.web.svc.local", "extra"), WANT, ID));
  }

  @Test
  void endpointsOnConfiguredAndInitialNetworksAreRealiasedWhenTheirAliasesDiffer() {
    Map<String, ContainerInfo.Endpoint> nets = new LinkedHashMap<>();
    nets.put("init", ep(SHORT)); // created on it with no alias
    nets.put("pd", ep("api.web", SHORT + ".api.web", SHORT)); // tld set since the deploy
    nets.put("pc", ep("api.web.svc.local", SHORT + ".api.web.svc.local", SHORT)); // already right
    EndpointPlan p = EndpointPlan.of(container("init", nets), set("pc", "pd"), "init", WANT, "api.web");
    assertEquals(List.of("init", "pd"), p.realias());
    assertEquals(List.of(), p.connect());
    assertEquals(List.of(), p.disconnect());
  }

  @Test
  void missingNetworksAreConnectedAndJokkusStaleOnesDisconnected() {
    Map<String, ContainerInfo.Endpoint> nets = new LinkedHashMap<>();
    nets.put("bridge", ep());
    nets.put("old", ep("api.web.old.tld", SHORT + ".api.web.old.tld", SHORT)); // jokku's, no longer configured
    nets.put("manual", ep(SHORT)); // attached by hand
    EndpointPlan p = EndpointPlan.of(container("default", nets), set("pd"), "", WANT, "api.web");
    assertEquals(List.of("pd"), p.connect());
    assertEquals(List.of("old"), p.disconnect());
    assertEquals(List.of(), p.realias(), "bridge carries no aliases; a hand-attached network is not touched");
  }

  @Test
  void theNetworkTheContainerWasCreatedOnIsLeftAloneOnceNoLongerConfigured() {
    Map<String, ContainerInfo.Endpoint> nets = Map.of("was-init", ep("api.web", SHORT + ".api.web", SHORT));
    EndpointPlan p = EndpointPlan.of(container("was-init", nets), set(), "", WANT, "api.web");
    assertTrue(p.isEmpty(), p.toString());
  }

  @Test
  void onlyContainersOnUserDefinedNetworksOrMissingOneNeedAnInspect() {
    assertFalse(EndpointPlan.needsInspect(container("default", Map.of("bridge", ep())), set()));
    assertTrue(EndpointPlan.needsInspect(container("default", Map.of("bridge", ep())), set("pd")), "a network is missing");
    assertTrue(EndpointPlan.needsInspect(container("init", Map.of("init", ep())), set()), "aliases must be read");
    assertFalse(EndpointPlan.needsInspect(container("host", Map.of("host", ep())), set()));
  }
}
