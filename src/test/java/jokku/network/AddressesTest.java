package jokku.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AddressesTest {
  @Test
  void isIpv4() {
    for (String ok : new String[] {"0.0.0.0", "10.0.0.1", "255.255.255.255", "172.17.0.1"}) assertTrue(Addresses.isIpv4(ok), ok);
    for (String bad : new String[] {"256.0.0.1", "10.0.0", "10.0.0.01", "a.b.c.d", "10.0.0.1/24", "", "::1"}) assertFalse(Addresses.isIpv4(bad), bad);
  }

  @Test
  void isIpv6() {
    for (String ok : new String[] {"::1", "fd00::1", "2001:db8:0:0:0:0:0:1", "::ffff:10.0.0.1"}) assertTrue(Addresses.isIpv6(ok), ok);
    for (String bad : new String[] {"fd00::g", "10.0.0.1", "localhost", "", "fd00:::1:::2"}) assertFalse(Addresses.isIpv6(bad), bad);
  }

  @Test
  void isCidr() {
    for (String ok : new String[] {"10.0.0.0/8", "172.30.0.0/16", "0.0.0.0/0", "fd00::/64", "10.1.2.3/32"}) assertTrue(Addresses.isCidr(ok), ok);
    for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "/8", "fd00::/129", "10.0.0.0/-1", "10.0.0.0/1a", "x/8"}) {
      assertFalse(Addresses.isCidr(bad), bad);
    }
  }

  @Test
  void contains() {
    assertTrue(Addresses.contains("10.20.0.0/24", "10.20.0.1"));
    assertTrue(Addresses.contains("10.20.0.0/24", "10.20.0.255"));
    assertTrue(Addresses.contains("10.16.0.0/12", "10.31.255.1"));
    assertTrue(Addresses.contains("0.0.0.0/0", "1.2.3.4"));
    assertTrue(Addresses.contains("fd00:1::/64", "fd00:1::9"));
    assertFalse(Addresses.contains("10.20.0.0/24", "10.20.1.1"));
    assertFalse(Addresses.contains("10.16.0.0/12", "10.32.0.1"));
    assertFalse(Addresses.contains("10.20.0.0/24", "fd00::1"));
    assertFalse(Addresses.contains("fd00:1::/64", "fd00:2::1"));
    assertFalse(Addresses.contains("nonsense", "10.0.0.1"));
  }

  @Test
  void within() {
    assertTrue(Addresses.within("10.20.0.0/24", "10.20.0.128/25"));
    assertTrue(Addresses.within("10.20.0.0/24", "10.20.0.0/24"));
    assertFalse(Addresses.within("10.20.0.0/24", "10.20.0.0/23"));
    assertFalse(Addresses.within("10.20.0.0/24", "10.21.0.0/25"));
    assertFalse(Addresses.within("10.20.0.0/24", "10.20.0.0"));
  }

  @Test
  void isHostPort() {
    for (String ok : new String[] {"127.0.0.1:80", "[::1]:8080", "db.internal:5432", "localhost:65535"}) assertTrue(Addresses.isHostPort(ok), ok);
    for (String bad : new String[] {"127.0.0.1", ":80", "host:0", "host:65536", "[::1:80", "-bad-:80"}) assertFalse(Addresses.isHostPort(bad), bad);
  }
}
