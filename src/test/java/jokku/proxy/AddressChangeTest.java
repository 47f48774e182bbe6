package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jokku.ports.PortMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which changes of an app's generated nginx.conf the proxy reloads without a separate {@code nginx -t}. */
@Tag("unit")
class AddressChangeTest {
  private static final Path DIR = Path.of("/home/dokku/api");
  private static final Path LOGS = Path.of("/var/log/nginx");
  private static final Path ERRORS = Path.of("/var/lib/dokku/data/nginx-vhosts/dokku-errors");

  private static String conf(List<String> listeners, List<String> domains, List<PortMap> maps, boolean staticListener) {
    return NginxAppConfig.render(new NginxAppConfig.Input("api", domains, maps, listeners, staticListener, new Listen("", 80), false, DIR, LOGS, ERRORS));
  }

  private static String conf(String... listeners) {
    return conf(List.of(listeners), List.of("api.example.test"), List.of(new PortMap("http", 80, 5000), new PortMap("http", 8080, 5001)), false);
  }

  @Test
  void containersOnNewAddressesAreAnAddressOnlyChange() {
    assertTrue(AddressChange.only(conf("172.17.0.2:5000", "172.17.0.3:5000"), conf("172.17.0.9:5000", "172.17.0.3:5000")));
    assertTrue(AddressChange.only(conf("172.17.0.2:5000", "172.17.0.3:5000"), conf("10.0.0.4:5000", "10.0.0.5:5000")), "every upstream's servers");
    assertTrue(AddressChange.only(conf("[fd00::2]:5000"), conf("[fd00::3]:5000")), "IPv6 literals");
  }

  @Test
  void anythingElseIsTestedFirst() {
    String before = conf("172.17.0.2:5000", "172.17.0.3:5000");
    assertFalse(AddressChange.only(before, before), "no change at all is not a change to reload");
    assertFalse(AddressChange.only(null, before), "no file nginx accepted before");
    assertFalse(AddressChange.only(before, conf("172.17.0.2:5000")), "a server fewer");
    assertFalse(AddressChange.only(before, conf("172.17.0.2:5000", "172.17.0.3:5000", "172.17.0.4:5000")), "a server more");
    assertFalse(AddressChange.only(conf("172.17.0.2:5000"), conf()), "no listener left: the upstream goes");
    assertFalse(AddressChange.only(before, conf(List.of("172.17.0.2:5000", "172.17.0.3:5000"), List.of("www.example.test"),
        List.of(new PortMap("http", 80, 5000), new PortMap("http", 8080, 5001)), false)), "a domain");
    assertFalse(AddressChange.only(before, conf(List.of("172.17.0.2:5000", "172.17.0.3:5000"), List.of("api.example.test"),
        List.of(new PortMap("http", 80, 5000), new PortMap("http", 8081, 5001)), false)), "a port map");
    Map<NginxProperty, String> props = NginxAppConfig.defaults("api", LOGS);
    props.put(NginxProperty.CLIENT_MAX_BODY_SIZE, "5m");
    String withProperty = NginxAppConfig.render(new NginxAppConfig.Input("api", List.of("api.example.test"),
        List.of(new PortMap("http", 80, 5000), new PortMap("http", 8080, 5001)), List.of("172.17.0.2:5000", "172.17.0.3:5000"), false,
        new Listen("", 80), false, DIR, LOGS, ERRORS, props, null));
    assertFalse(AddressChange.only(before, withProperty), "an nginx:set property");
  }

  @Test
  void onlyAddressesNginxParsesWithoutALookupQualify() {
    List<PortMap> maps = List.of(new PortMap("http", 80, 5000));
    String before = conf(List.of("127.0.0.1:6000"), List.of(), maps, true);
    assertTrue(AddressChange.only(before, conf(List.of("127.0.0.1:6001"), List.of(), maps, true)), "a static listener's other address");
    assertFalse(AddressChange.only(before, conf(List.of("db.internal:6001"), List.of(), maps, true)), "a host name is resolved when nginx parses");
    assertFalse(AddressChange.only(before, conf(List.of("127.0.0.256:6001"), List.of(), maps, true)), "not an address: a name to nginx");
    assertFalse(AddressChange.only(before, conf(List.of("127.0.0.1:0"), List.of(), maps, true)), "port 0");
    assertFalse(AddressChange.only(before, conf(List.of("127.0.0.1:65536"), List.of(), maps, true)), "port out of range");
    assertFalse(AddressChange.only(before, conf(List.of("[fd00::zz]:6001"), List.of(), maps, true)), "a broken IPv6 literal");
    assertFalse(AddressChange.only(before, conf(List.of("[fe80::1%eth0]:6001"), List.of(), maps, true)), "a zone nginx does not parse");
    assertFalse(AddressChange.only(before, conf(List.of("unix:/run/api.sock"), List.of(), maps, true)), "a unix socket");
  }

  @Test
  void aServerLineOutsideAnUpstreamIsNotAnAddress() {
    String a = "server {\n  listen 80;\n}\nupstream x {\n  server 10.0.0.1:80;\n}\n";
    assertTrue(AddressChange.only(a, a.replace("10.0.0.1", "10.0.0.2")));
    String b = "server {\n  server 10.0.0.1:80;\n}\n";
    assertFalse(AddressChange.only(b, b.replace("10.0.0.1", "10.0.0.2")), "only upstream blocks hold servers to move");
    assertFalse(AddressChange.only(a, a.replace("  server 10.0.0.1:80;", "server 10.0.0.2:80;")), "its layout kept");
  }
}
