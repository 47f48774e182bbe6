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

/** The pure plan: findings from an app's state as read, for cases a real engine makes slow or awkward to stage. */
@Tag("unit")
class SyncPlanTest {
  static final String ID = "abcdef1234567890";

  private static ContainerInfo web(Map<String, ContainerInfo.Endpoint> networks) {
    return new ContainerInfo(ID, "api.web.1", "img", "running", true, 0, "", 0, "abcdef123456", "default",
        Map.of("com.dokku.process-type", "web"), networks);
  }

  private static AppState state(String staticListener, Set<String> attach, Set<String> networks, Map<String, List<String>> nginx, Map<String, String> files) {
    Map<String, ContainerInfo> cs = Map.of(ID, web(Map.of("bridge", new ContainerInfo.Endpoint("b", "172.17.0.5", List.of()))));
    return new AppState("api", new AppState.Settings("", attach, "", staticListener, "5000"), files, cs, Map.of(), networks, nginx, "");
  }

  private static Map<String, String> files(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void inLine_hasNoFindings() {
    SyncPlan p = SyncPlan.of(state("", Set.of(), null, Map.of("api-5000", List.of("172.17.0.5:5000")),
        files("CONTAINER.web.1", ID + "\n", "IP.web.1", "172.17.0.5", "PORT.web.1", "5000")));
    assertEquals(List.of(), p.findings());
    assertFalse(p.proxyAffected());
  }

  @Test
  void aConfiguredNetworkTheEngineLacksIsGoneNotToConnect() {
    SyncPlan p = SyncPlan.of(state("", new LinkedHashSet<>(List.of("db", "cache")), Set.of("bridge", "db"), null,
        files("CONTAINER.web.1", ID, "IP.web.1", "172.17.0.5", "PORT.web.1", "5000")));
    assertEquals(List.of("db"), p.containers().get(0).endpoints().connect());
    assertEquals(List.of("cache"), p.containers().get(0).gone());
    assertEquals(List.of("network-gone cache", "network-missing db"), p.findings().stream().map(f -> f.kind().label + " " + f.subject()).toList());
  }

  @Test
  void orphanedFilesAndAStaleNginxAreFound() {
    SyncPlan p = SyncPlan.of(state("", Set.of(), null, Map.of("api-5000", List.of("172.17.0.5:5000", "172.17.0.9:5000")),
        files("CONTAINER.web.1", ID, "IP.web.1", "172.17.0.5", "PORT.web.1", "5000", "IP.web.2", "172.17.0.9", "PORT.web.2", "5000")));
    assertEquals(List.of("file-orphaned IP.web.2", "file-orphaned PORT.web.2", "nginx-upstream api-5000"),
        p.findings().stream().map(f -> f.kind().label + " " + f.subject()).toList());
    assertEquals("172.17.0.5:5000", p.nginx().get(0).want(), "nginx is compared with the listeners rebuild leaves");
    assertTrue(p.proxyAffected());
  }

  @Test
  void aStaticWebListenerIsTheOnlyUpstreamServerAndItsFilesAreLeftAlone() {
    SyncPlan p = SyncPlan.of(state("10.0.0.7:8080", Set.of(), null, Map.of("api-5000", List.of("10.0.0.7:8080")),
        files("CONTAINER.web.1", ID, "IP.web.1", "127.0.0.1")));
    assertEquals(List.of(), p.findings());
    SyncPlan noUpstream = SyncPlan.of(state("10.0.0.7:8080", Set.of(), null, Map.of(), files("CONTAINER.web.1", ID)));
    assertEquals("nginx-upstream nginx.conf: nginx.conf differs from the web listeners; rebuild rebuilds it (have 502 answer, want 10.0.0.7:8080)",
        noUpstream.findings().get(0).line().substring("api - ".length()));
  }
}
