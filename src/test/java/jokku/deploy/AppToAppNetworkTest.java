package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import jokku.Jokku;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 end to end: {@code client}'s one-off containers join (attach-post-create) the network that {@code api}'s
 * deploy containers join after their checks (attach-post-deploy), and reach api by its deploy alias
 * {@code <app>.web[.<tld>]}, balanced over its web containers.
 */
@Tag("engine")
class AppToAppNetworkTest {
  final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  private String hostname(String app, String dyno) {
    return f.store.readAppFile(app, "CONTAINER." + dyno).trim().substring(0, 12);
  }

  /** Pages fetched by {@code tries} wget calls from one run container of the client. */
  private Set<String> fetch(String client, String url, int tries) {
    Jokku.Result r = f.j.run("run", client, "sh", "-c", "for i in $(seq 1 " + tries + "); do wget -qO- " + url + " || exit 1; done");
    assertEquals(0, r.code(), r.toString());
    return new TreeSet<>(r.out().lines().toList());
  }

  @Test
  void clientRunReachesApiByItsAlias_withTld_andBalancedOverTwoWebInstances() {
    String net = f.j.name("svc");
    f.ok("network:create", net);
    String api = f.app("api"), client = f.app("client");
    f.ok("network:set", api, "attach-post-deploy", net);
    f.ok("network:set", client, "attach-post-create", net);
    f.ok("git:from-image", api, f.webImage("api"));
    f.ok("git:from-image", client, f.webImage("client"));
    String port = f.store.readAppFile(api, "PORT.web.1");
    assertEquals("5000", port);

    Jokku.Result r = f.j.run("run", client, "wget", "-qO-", "http://" + api + ".web:" + port + "/");
    assertEquals(0, r.code(), r.toString());
    assertEquals("api " + hostname(api, "web.1") + "\n", r.out());

    f.ok("network:set", api, "tld", "svc.local");
    f.ok("ps:restart", api);
    assertEquals(Set.of("api " + hostname(api, "web.1")), fetch(client, "http://" + api + ".web.svc.local:" + port + "/", 1));

    f.ok("ps:scale", api, "web=2");
    Set<String> both = Set.of("api " + hostname(api, "web.1"), "api " + hostname(api, "web.2"));
    // the engine's DNS shuffles the alias's addresses on every lookup: 40 lookups miss one of two with odds 2^-39
    assertEquals(both, fetch(client, "http://" + api + ".web.svc.local:" + port + "/", 40));
  }

  @Test
  void rebuildAfterARealDeploy_detachesARemovedNetworkAndKeepsTheInitialOne() {
    String initial = f.j.name("init"), extra = f.j.name("extra");
    f.ok("network:create", initial);
    f.ok("network:create", extra);
    String api = f.app("api");
    f.ok("network:set", api, "initial-network", initial);
    f.ok("network:set", api, "attach-post-deploy", extra);
    f.ok("git:from-image", api, f.webImage("api"));
    String id = f.store.readAppFile(api, "CONTAINER.web.1").trim();

    f.ok("network:set", api, "attach-post-deploy");
    Jokku.Result r = f.ok("network:rebuild", api);
    assertEquals(Set.of(initial), f.engine.inspectContainer(id).networks().keySet(), r.out());
    assertEquals("-----> Ensuring network configuration is in sync for " + api + "\n       web.1: disconnected from network " + extra + "\n", r.out());

    f.ok("network:set", api, "attach-post-deploy", extra);
    r = f.ok("network:rebuild", api);
    assertEquals(Set.of(initial, extra), f.engine.inspectContainer(id).networks().keySet(), r.out());
  }
}
