package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jokku.DokkuException;
import jokku.domains.Hostnames;
import jokku.ports.PortMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NginxAppConfigTest {
  private static NginxAppConfig.Input input(List<String> domains, List<PortMap> maps, List<String> listeners, boolean fixed, Listen listen, boolean ipv6) {
    return new NginxAppConfig.Input("api", domains, maps, listeners, fixed, listen, ipv6, Path.of("/home/dokku/api"),
        Path.of("/var/lib/dokku/data/nginx-vhosts/logs"), Path.of("/var/lib/dokku/data/nginx-vhosts/dokku-errors"));
  }

  @Test
  void upstreamUsesEachListenerIpWithTheContainerPortOfTheMap() {
    String c = NginxAppConfig.render(input(List.of("api.example.com"), List.of(new PortMap("http", 80, 5000)),
        List.of("172.17.0.5:5000", "172.17.0.6:1234"), false, Listen.DEFAULT, true));
    assertTrue(c.contains("\nupstream api-5000 {\n  server 172.17.0.5:5000;\n  server 172.17.0.6:5000;\n}\n"), c);
    assertTrue(c.contains("  listen      [::]:80;\n  listen      80;\n  server_name api.example.com;\n"), c);
    assertTrue(c.contains("    proxy_pass  http://api-5000;\n"), c);
    assertTrue(c.contains("  include /home/dokku/api/nginx.conf.d/*.conf;\n"), c);
    assertTrue(c.contains("    root /var/lib/dokku/data/nginx-vhosts/dokku-errors;\n"), c);
  }

  @Test
  void onePerDistinctContainerPort_andServerPerMap() {
    String c = NginxAppConfig.render(input(List.of("a.test"), List.of(new PortMap("http", 80, 5000), new PortMap("http", 8080, 5000),
        new PortMap("http", 8081, 6000)), List.of("10.0.0.2:5000"), false, new Listen("127.0.0.1", 80), false));
    assertEquals(3, c.split("\nserver \\{", -1).length - 1);
    assertTrue(c.contains("upstream api-5000 {\n  server 10.0.0.2:5000;\n}"), c);
    assertTrue(c.contains("upstream api-6000 {\n  server 10.0.0.2:6000;\n}"), c);
    assertTrue(c.contains("  listen      127.0.0.1:8081;\n"), c);
    assertFalse(c.contains("[::]"), c);
  }

  @Test
  void staticListenerIsUsedAsGiven() {
    String c = NginxAppConfig.render(input(List.of(), List.of(new PortMap("http", 80, 5000)), List.of("127.0.0.1:8080"), true, Listen.DEFAULT, false));
    assertTrue(c.contains("upstream api-5000 {\n  server 127.0.0.1:8080;\n}"), c);
    assertFalse(c.contains("server_name"), "no domains, no server_name: " + c);
  }

  @Test
  void noListenersAnswers502WithoutUpstream() {
    String c = NginxAppConfig.render(input(List.of("a.test"), List.of(new PortMap("http", 80, 5000)), List.of(), false, Listen.DEFAULT, false));
    assertTrue(c.contains("  location    / {\n    return 502;\n  }\n"), c);
    assertFalse(c.contains("upstream"), c);
    assertFalse(c.contains("proxy_pass"), c);
  }

  @Test
  void ipv6ListenersAreBracketed() {
    String c = NginxAppConfig.render(input(List.of("a.test"), List.of(new PortMap("http", 80, 5000)), List.of("fd00::5:5000"), false, Listen.DEFAULT, false));
    assertTrue(c.contains("  server [fd00::5]:5000;\n"), c);
  }

  @Test
  void listenParsing() {
    assertEquals(new Listen("127.0.0.1", 8080), Listen.parse("127.0.0.1:8080"));
    assertEquals(new Listen("", 8080), Listen.parse("8080"));
    assertEquals(new Listen("::1", 8080), Listen.parse("[::1]:8080"));
    assertEquals("[::1]:81", new Listen("::1", 8080).on(81));
    assertEquals(Listen.DEFAULT, Listen.parse(""));
    for (String bad : List.of("localhost:80", "1.2.3.4:0", "1.2.3.4:70000", "::1:80", "x", "1.2.3.4:")) {
      assertThrows(DokkuException.class, () -> Listen.parse(bad), bad);
    }
  }

  @Test
  void hostnames() {
    for (String ok : List.of("example.com", "a.b-c.example", "*.example.com", "localhost", "10.0.0.1", "EXAMPLE.com", "a".repeat(63) + ".com")) {
      assertTrue(Hostnames.isValid(ok), ok);
    }
    for (String bad : List.of("", "-a.com", "a-.com", "a..com", "a.com.", "*", "*.", "a.*.com", "*a.com", "foo_bar.com", "a b.com",
        "a".repeat(64) + ".com", "ex/ample.com", "exa;mple.com", ("a".repeat(60) + ".").repeat(5) + "com")) {
      assertFalse(Hostnames.isValid(bad), bad);
    }
    assertEquals("example.com", Hostnames.validate("Example.COM"));
  }

  @Test
  void nginxErrorLinesAreReducedToTheMessage() {
    assertEquals("unknown directive \"garbage\" in /x/bad.conf:1",
        Nginx.firstError("nginx: [emerg] unknown directive \"garbage\" in /x/bad.conf:1\nnginx: configuration file /x test failed\n"));
    assertEquals("bind() to 127.0.0.1:80 failed (98: Address already in use)",
        Nginx.firstError("2026/01/01 10:00:00 [emerg] 123#123: bind() to 127.0.0.1:80 failed (98: Address already in use)\n"));
  }

  /** A reload the master refused is told by its own [emerg] line; a trial nginx -t logging to the same file is not it. */
  @Test
  void theMastersRefusalIsItsOwnEmergLine() {
    String log = "2026/12/06 15:00:00 [emerg] 4321#4321: unknown directive \"x\" in /trial.conf:1\n"
        + "2026/12/06 15:00:00 [error] 124#124: *7 connect() failed (111: Connection refused) while connecting to upstream\n";
    assertEquals("", Nginx.masterEmerg(log, 123), "another process's emerg, a worker's error");
    assertEquals("bind() to 127.0.0.1:80 failed (98: Address already in use)",
        Nginx.masterEmerg(log + "2026/12/06 15:00:01 [emerg] 123#123: bind() to 127.0.0.1:80 failed (98: Address already in use)\n", 123));
  }

  @Test
  void upstreamsAreParsedFromNginxConf() {
    String conf = "server {\n  location / { proxy_pass http://api-5000; }\n}\n\nupstream api-5000 {\n  server 10.0.0.2:5000;\n  server [fd00::2]:5000;\n}\n";
    assertEquals(java.util.Map.of("api-5000", List.of("10.0.0.2:5000", "[fd00::2]:5000")), NginxUpstreams.parse(conf));
    assertEquals(java.util.Map.of(), NginxUpstreams.parse("server {\n  return 502;\n}\n"));
  }
}
