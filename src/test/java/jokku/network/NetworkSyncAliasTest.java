package jokku.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jokku.engine.ContainerInfo;
import org.junit.jupiter.api.Test;

/** How rebuild recognises an endpoint jokku attached: the deploy alias, with or without a tld. */
class NetworkSyncAliasTest {
  private static ContainerInfo.Endpoint ep(String... aliases) {
    return new ContainerInfo.Endpoint("n", "10.0.0.2", List.of(aliases));
  }

  @Test
  void deployAliasMarksJokkusEndpoints() {
    assertTrue(NetworkSync.carriesAlias(ep("abc123", "api.web"), "api.web"));
    assertTrue(NetworkSync.carriesAlias(ep("api.web.svc.local", "abc.api.web.svc.local"), "api.web"));
    assertFalse(NetworkSync.carriesAlias(ep("abc123"), "api.web"), "attached by hand: no alias");
    assertFalse(NetworkSync.carriesAlias(ep("api.webhook"), "api.web"));
    assertFalse(NetworkSync.carriesAlias(ep(), "api.web"));
  }
}
