package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import jokku.engine.ContainerInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The endpoint cache: what it remembers, and that it completes a listed container only when it knows everything. */
@Tag("unit")
class EndpointCacheTest {
  static ContainerInfo container(String hostname, Map<String, ContainerInfo.Endpoint> networks) {
    return new ContainerInfo("c1", "api.web.1", "img", "running", true, 0, "", 0, hostname, "default", Map.of(), networks);
  }

  @Test
  void remembersHostnamesAndUserNetworkAliasesAndCompletesListedContainers() {
    ContainerInfo inspected = container("c1host", Map.of(
        "bridge", new ContainerInfo.Endpoint("b", "172.17.0.2", List.of(), "e0"),
        "pd", new ContainerInfo.Endpoint("p", "10.0.0.2", List.of("api.web", "c1host.api.web"), "e1")));
    EndpointCache cache = EndpointCache.parse(EndpointCache.of(List.of(inspected)).format());
    assertEquals("container c1 c1host\nendpoint e1 api.web,c1host.api.web\n", cache.format());

    ContainerInfo listed = container("", Map.of(
        "bridge", new ContainerInfo.Endpoint("b", "172.17.0.2", List.of(), "e0"),
        "pd", new ContainerInfo.Endpoint("p", "10.0.0.2", List.of(), "e1")));
    assertEquals(inspected, cache.complete(listed));

    ContainerInfo remade = container("", Map.of("pd", new ContainerInfo.Endpoint("p", "10.0.0.2", List.of(), "e9")));
    assertNull(cache.complete(remade), "a new endpoint id: its aliases are unknown");
    assertNull(EndpointCache.parse("endpoint e1 api.web\n").complete(listed), "no hostname known");
    assertNull(cache.complete(container("", Map.of("pd", new ContainerInfo.Endpoint("p", "10.0.0.2", List.of(), "")))), "no endpoint id");
    assertEquals("", EndpointCache.parse("garbage\ncontainer x\n").format(), "malformed lines are ignored");
  }
}
