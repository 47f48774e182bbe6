package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The hint on nginx's refusal to bind a low port (the real refusal: DokkuUserIT, as a user without the capability). */
@Tag("unit")
class LowPortsTest {
  @Test
  void onlyAPermissionDeniedLowPortGetsTheHint() {
    String low = "bind() to 127.0.0.1:81 failed (13: Permission denied)";
    assertEquals(low + "; ports below 1024 need CAP_NET_BIND_SERVICE, which nginx gets when the jokku-nginx service or root starts it"
        + " (systemctl start jokku-nginx, or jokku proxy:start as root)", LowPorts.explain(low));
    assertEquals("bind() to [::]:80 failed (13: Permission denied)", LowPorts.explain("bind() to [::]:80 failed (13: Permission denied)").substring(0, 48));
    for (String other : new String[] {"bind() to 127.0.0.1:8080 failed (13: Permission denied)", "bind() to 0.0.0.0:80 failed (98: Address already in use)",
        "unknown directive \"x\" in /f:1", ""}) {
      assertEquals(other, LowPorts.explain(other));
    }
  }

  @Test
  void theLowSocketsAmongListenArguments() {
    assertEquals(java.util.Set.of("80", "127.0.0.1:443", "[::]:1023"),
        LowPorts.low(java.util.List.of("80", "127.0.0.1:443", "[::]:1023", "1024", "127.0.0.1:8080", "[::1]:65535", "unix:/run/x.sock")));
    assertEquals(java.util.Set.of(), LowPorts.low(java.util.List.of()));
  }

  @Test
  void socketsOfHighPortsNeverNeedAPrivilege() {
    assertEquals(null, LowPorts.refusal(java.util.List.of("127.0.0.1:8080", "9000"), true, 0));
    assertEquals(null, LowPorts.refusal(java.util.List.of(), false, 0));
  }
}
