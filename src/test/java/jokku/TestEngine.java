package jokku;

import java.util.List;
import java.util.Map;
import jokku.engine.ContainerInfo;
import jokku.engine.DockerClient;
import jokku.engine.Engine;
import jokku.engine.NetworkInfo;

/**
 * Direct access to the real engine for assertions and cleanup. Cleanup touches only resources labelled with this
 * test run's id. Tests fail (they are never skipped) when no engine answers.
 */
public final class TestEngine {
  public static final String LABEL = "com.jokku.test";

  private TestEngine() {}

  public static Engine engine() {
    return new Engine(new DockerClient(System.getenv("DOCKER_HOST"), null));
  }

  /** Removes every container, then every network, labelled with the run id. */
  public static void cleanup(String runId) {
    Engine e = engine();
    for (ContainerInfo c : e.listContainers(List.of(LABEL + "=" + runId), true)) e.removeContainer(c.id(), true);
    for (NetworkInfo n : e.listNetworks()) {
      if (runId.equals(n.labels().get(LABEL))) {
        try {
          e.removeNetwork(n.id());
        } catch (RuntimeException ignored) {
          // already gone
        }
      }
    }
    e.client().close();
  }

  public static Map<String, String> labels(String runId) {
    return Map.of(LABEL, runId);
  }
}
