package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jokku.Out;
import jokku.engine.Json;
import jokku.engine.NetworkInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NetworkViewTest {
  static final String ID = "f50fa882e7de0123456789abcdef0123456789abcdef0123456789abcdef0123";

  static NetworkInfo managed() {
    Map<String, String> labels = new TreeMap<>(Map.of(NetworkInfo.DOKKU_LABEL, "backend", "team", "a<b>&c"));
    return new NetworkInfo(ID, "backend", "bridge", "local", "2026-02-25T02:55:24.275184461+01:00", true, true, false, labels,
        List.of(new NetworkInfo.Ipam("10.20.0.0/24", "10.20.0.1", "10.20.0.128/25")),
        List.of(new NetworkInfo.Endpoint("c1", "api.web.1", "10.20.0.130", ""), new NetworkInfo.Endpoint("c2", "worker.1", "", "fd00::2")));
  }

  static NetworkInfo plain() {
    return new NetworkInfo(ID, "host", "host", "local", "", false, false, false, new TreeMap<>(), List.of(), List.of());
  }

  private static String render(NetworkInfo n, boolean quiet) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(b, true, StandardCharsets.UTF_8);
    NetworkView.printInfo(new Out(ps, ps, quiet), n);
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printInfo_isDokkusBlockPaddedTo16ThenTheExtraLines() {
    assertEquals(String.join("\n",
        "=====> backend network information",
        "       ID:             f50fa882e7de",
        "       Name:           backend",
        "       Driver:         bridge",
        "       Scope:          local",
        "       Dokku managed:  true",
        "       Internal:       true",
        "       Attachable:     true",
        "       IPv6:           false",
        "       Subnet:         10.20.0.0/24",
        "       Gateway:        10.20.0.1",
        "       IP range:       10.20.0.128/25",
        "       Containers:     api.web.1 10.20.0.130",
        "                       worker.1 fd00::2",
        ""), render(managed(), false));
  }

  @Test
  void printInfo_withoutPoolsOrContainers() {
    assertEquals(String.join("\n",
        "=====> host network information",
        "       ID:             f50fa882e7de",
        "       Name:           host",
        "       Driver:         host",
        "       Scope:          local",
        "       Dokku managed:  false",
        "       Internal:       false",
        "       Attachable:     false",
        "       IPv6:           false",
        "       Subnet:         ",
        "       Containers:     ",
        ""), render(plain(), false));
  }

  @Test
  void printInfo_quietDropsOnlyTheHeader() {
    String quiet = render(managed(), true);
    assertEquals(render(managed(), false).substring("=====> backend network information\n".length()), quiet);
  }

  @Test
  void listObject_hasDokkusKeysInItsOrderWithTheRealCreationTime() {
    assertEquals("{\"CreatedAt\":\"2026-02-25T01:55:24.275184461Z\",\"DokkuManaged\":true,\"Driver\":\"bridge\",\"ID\":\"f50fa882e7de\","
        + "\"Internal\":true,\"IPv6\":false,\"Labels\":{\"com.dokku.network-name\":\"backend\",\"team\":\"a\\u003cb\\u003e\\u0026c\"},"
        + "\"Name\":\"backend\",\"Scope\":\"local\"}", Json.write(NetworkView.listObject(managed())));
  }

  @Test
  void infoObject_addsAttachableContainersAndPools() {
    assertEquals("{\"CreatedAt\":\"0001-01-01T00:00:00Z\",\"DokkuManaged\":false,\"Driver\":\"host\",\"ID\":\"f50fa882e7de\","
        + "\"Internal\":false,\"IPv6\":false,\"Labels\":{},\"Name\":\"host\",\"Scope\":\"local\",\"Attachable\":false,\"Containers\":[],\"IPAM\":[]}",
        Json.write(NetworkView.infoObject(plain())));
    String json = Json.write(NetworkView.infoObject(managed()));
    assertEquals(true, json.endsWith(",\"Attachable\":true,\"Containers\":[{\"ID\":\"c1\",\"Name\":\"api.web.1\",\"IPv4Address\":\"10.20.0.130\",\"IPv6Address\":\"\"},"
        + "{\"ID\":\"c2\",\"Name\":\"worker.1\",\"IPv4Address\":\"\",\"IPv6Address\":\"fd00::2\"}],"
        + "\"IPAM\":[{\"Subnet\":\"10.20.0.0/24\",\"Gateway\":\"10.20.0.1\",\"IPRange\":\"10.20.0.128/25\"}]}"), json);
  }

  @Test
  void createdAt_isGoRfc3339NanoInUtc() {
    assertEquals("2026-02-25T01:55:24.275184461Z", NetworkView.createdAt("2026-02-25T02:55:24.275184461+01:00"));
    assertEquals("2024-01-01T00:00:00Z", NetworkView.createdAt("2024-01-01T00:00:00Z"));
    assertEquals("2024-01-01T00:00:00.1Z", NetworkView.createdAt("2024-01-01T00:00:00.100000000Z"));
    assertEquals("2024-01-01T00:00:00.00001Z", NetworkView.createdAt("2024-01-01T00:00:00.00001Z"));
  }

  @Test
  void createdAt_emptyIsGosZeroTimeAndGarbageIsKept() {
    assertEquals("0001-01-01T00:00:00Z", NetworkView.createdAt(""));
    assertEquals("0001-01-01T00:00:00Z", NetworkView.createdAt(null));
    assertEquals("yesterday", NetworkView.createdAt("yesterday"));
  }
}
