package jokku.scheduler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.deploy.AppJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The service spec, the health check from app.json and the edge's nginx configuration are pure data: compared whole. */
@Tag("unit")
class ServiceSpecsTest {
  private static final long S = 1_000_000_000L;

  private static ServiceSpecs.Input web(ServiceSpecs.Health health, List<Integer> hostPorts) {
    return new ServiceSpecs.Input("api", "web", "reg:5000/dokku/api@sha256:abc", List.of("httpd", "-f"), Map.of("B", "2", "DYNO", "x", "A", "1"),
        "5000", 3, List.of(new ServiceSpecs.Attachment("jokku-app-api", List.of("api.web")), new ServiceSpecs.Attachment("db-net", List.of("api.web"))),
        health, hostPorts, true, 30, 4, Map.of("com.dokku.app-name", "api"));
  }

  @Test
  void webServiceSpec() {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("Image", "reg:5000/dokku/api@sha256:abc");
    container.put("Command", List.of("httpd", "-f"));
    container.put("Labels", Map.of("com.dokku.app-name", "api", "com.dokku.container-type", "deploy", "com.dokku.process-type", "web"));
    container.put("Env", List.of("A=1", "B=2", "DYNO=web.{{.Task.Slot}}", "PORT=5000"));
    container.put("Init", true);
    container.put("StopGracePeriod", 30 * S);
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("ContainerSpec", container);
    task.put("Networks", List.of(Map.of("Target", "jokku-app-api", "Aliases", List.of("api.web")), Map.of("Target", "db-net", "Aliases", List.of("api.web"))));
    task.put("RestartPolicy", Map.of("Condition", "any", "Delay", S));
    task.put("ForceUpdate", 4L);
    Map<String, Object> update = Map.of("Parallelism", 1, "Delay", 0, "FailureAction", "rollback", "Monitor", 5 * S, "MaxFailureRatio", 0, "Order", "start-first");
    Map<String, Object> rollback = Map.of("Parallelism", 1, "Delay", 0, "FailureAction", "pause", "Monitor", 5 * S, "MaxFailureRatio", 0, "Order", "start-first");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("Name", "api-web");
    expected.put("Labels", Map.of("com.dokku.app-name", "api", "com.dokku.process-type", "web", "com.jokku.swarm-service", "true"));
    expected.put("TaskTemplate", task);
    expected.put("Mode", Map.of("Replicated", Map.of("Replicas", 3)));
    expected.put("UpdateConfig", update);
    expected.put("RollbackConfig", rollback);
    expected.put("EndpointSpec", Map.of("Mode", "dnsrr"));
    assertEquals(expected, ServiceSpecs.spec(web(null, List.of())).body());
  }

  @Test
  void bindAllInterfacesPublishesInHostMode() {
    Map<String, Object> endpoint = Map.of("Mode", "dnsrr", "Ports", List.of(Map.of("Protocol", "tcp", "TargetPort", 5000, "PublishMode", "host")));
    assertEquals(endpoint, ServiceSpecs.spec(web(null, List.of(5000))).body().get("EndpointSpec"));
  }

  @Test
  void healthCheckFromAppJson() {
    AppJson json = AppJson.parse("{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"path\":\"/health\",\"content\":\"ok\",\"attempts\":4,\"timeout\":3,\"initialDelay\":2}]}}");
    ServiceSpecs.Health h = TaskChecks.of(json.startupChecks("web"), "5000");
    String url = "'http://127.0.0.1:5000/health'";
    assertEquals(new ServiceSpecs.Health(List.of("CMD-SHELL", "{ wget -q -O - " + url + " 2>/dev/null || curl -fsS " + url + " 2>/dev/null; } | grep -qF 'ok'"), 1, 3, 4, 2), h);
    assertEquals(Map.of("Test", h.test(), "Interval", S, "Timeout", 3 * S, "Retries", 4, "StartPeriod", 2 * S),
        ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ServiceSpecs.spec(web(h, List.of())).body().get("TaskTemplate")).get("ContainerSpec")).get("HealthCheck")));
    assertNull(TaskChecks.of(List.of(), "5000"), "no checks: no health check");
  }

  @Test
  void edgeResolvesTheTasksThroughDockerDns() {
    String conf = EdgeConfig.render("api.web", List.of(5000));
    assertEquals(true, conf.contains("  resolver 127.0.0.11 valid=1s ipv6=off;\n"), conf);
    assertEquals(true, conf.contains("    listen unix:/edge/5000.sock;\n    location / {\n      set $tasks api.web;\n      proxy_pass http://$tasks:5000;\n"), conf);
    assertEquals(true, conf.contains("      proxy_next_upstream error timeout;\n      proxy_next_upstream_tries 0;\n"), conf);
    assertEquals(true, conf.contains("      error_page 502 = $edge_502;\n      error_page 504 = $edge_504;\n    }\n    location @again {\n      set $tasks api.web;\n"), conf);
    assertEquals(true, conf.contains("  map $request_method $edge_504 {\n    GET @again;\n    HEAD @again;\n    OPTIONS @again;\n    default @504;\n  }\n"),
        "only idempotent requests are tried again from a fresh answer: " + conf);
  }

  @Test
  void lddOutputGivesEveryLibraryPath() {
    String out = "\tlinux-vdso.so.1 (0x00007f0594aaf000)\n\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f05947ac000)\n"
        + "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f059401e000)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f0594ab1000)\n";
    assertEquals(List.of("/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"), EdgeImage.parseLdd(out));
  }
}
