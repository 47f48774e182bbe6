package jokku.dockeroptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jokku.DokkuException;
import jokku.Jokku;
import jokku.config.Config;
import jokku.engine.ContainerSpec;
import jokku.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The API the deploy, run and build code uses: stored options applied per phase and process type. */
@Tag("unit")
class DockerOptionsTest {
  private final Jokku j = new Jokku();
  private final Store store = new Store(j.root, j.lib);
  private final DockerOptions options = new DockerOptions(store);

  private void add(String scope, Phase phase, String text) {
    options.add("api", List.of(scope), List.of(phase), DockerOptions.split(text).options());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> host(Map<String, Object> body) {
    return (Map<String, Object>) body.get("HostConfig");
  }

  @Test
  void applyDeploy_appliesAppWideThenProcessOptions_withConfigValuesForBareKeys() throws IOException {
    Files.createDirectories(j.root.resolve("api"));
    new Config(store).write(jokku.property.Scope.app("api"), Map.of("TOKEN", "t0k"));
    new Config(store).write(jokku.property.Scope.GLOBAL, Map.of("REGION", "eu", "TOKEN", "global"));
    add(DockerOptions.DEFAULT_SCOPE, Phase.DEPLOY, "--memory 256m -e TOKEN -e REGION --restart=always");
    add("web", Phase.DEPLOY, "--memory 1g -p 8080:5000");
    Map<String, Object> body = options.applyDeploy("api", "web", new ContainerSpec().env(List.of("PORT=5000"))).body();
    assertEquals(1L << 30, host(body).get("Memory"));
    assertEquals(List.of("PORT=5000", "REGION=eu", "TOKEN=t0k"), body.get("Env")); // stored sorted, as Dokku stores them
    assertEquals(Map.of("5000/tcp", Map.of()), body.get("ExposedPorts"));

    Map<String, Object> worker = options.applyDeploy("api", "worker", new ContainerSpec()).body();
    assertEquals(256L << 20, host(worker).get("Memory"));
    assertEquals(null, worker.get("ExposedPorts"));
  }

  @Test
  void applyRun_skipsWhatDokkuDropsForRun() throws IOException {
    Files.createDirectories(j.root.resolve("api"));
    Files.createDirectories(store.propertyDir(DockerOptions.PLUGIN, "api"));
    Files.writeString(store.propertyDir(DockerOptions.PLUGIN, "api").resolve("_default_.run"), "--restart=always\n-e DEBUG=1\n# note\n");
    Map<String, Object> body = options.applyRun("api", new ContainerSpec()).body();
    assertEquals(List.of("DEBUG=1"), body.get("Env"));
    assertEquals(null, host(body).get("RestartPolicy"));
  }

  @Test
  void untranslatableStoredOptions_failWithTheirName() throws IOException {
    Files.createDirectories(store.propertyDir(DockerOptions.PLUGIN, "api"));
    Files.writeString(store.propertyDir(DockerOptions.PLUGIN, "api").resolve("_default_.deploy"), "--gpus all\n");
    assertEquals("Unsupported docker option '--gpus all' for phase deploy; jokku supports: " + Flag.supportedIn(Phase.DEPLOY),
        assertThrows(DokkuException.class, () -> options.applyDeploy("api", "web", new ContainerSpec())).getMessage());
  }

  @Test
  void buildParams_comeFromTheBuildPhase() throws IOException {
    Files.createDirectories(j.root.resolve("api"));
    new Config(store).write(jokku.property.Scope.app("api"), Map.of("NPM_TOKEN", "x"));
    add(DockerOptions.DEFAULT_SCOPE, Phase.BUILD, "--build-arg NPM_TOKEN --network host");
    assertEquals("networkmode=host&buildargs=%7B%22NPM_TOKEN%22%3A%22x%22%7D", options.buildParams("api").query());
  }

  @Test
  void publishWarning_matchesDokkusDeployWarnings() {
    assertEquals(Optional.empty(), options.publishWarning("api", "web", 2, true));
    add("web", Phase.DEPLOY, "-p 8080:5000");
    assertEquals(Optional.of("Deploys may fail when publishing ports and scaling to multiple containers. Consider scaling process type web to 1."),
        options.publishWarning("api", "web", 2, true));
    assertEquals(Optional.of("Deploys may fail when publishing ports and enabling zero downtime. Consider disabling zero downtime for process type web."),
        options.publishWarning("api", "web", 1, true));
    assertEquals(Optional.empty(), options.publishWarning("api", "web", 1, false));
    assertEquals(Optional.empty(), options.publishWarning("api", "worker", 3, true));
  }
}
