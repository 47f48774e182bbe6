package jokku;

import java.util.List;
import java.util.Map;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.engine.NetworkInfo;

/**
 * Direct access to the real engine for assertions and cleanup. Cleanup touches only resources labelled with this
 * test run's id. Tests fail (they are never skipped) when no engine answers.
 */
public final class TestEngine {
  public static final String LABEL = "com.jokku.test";

  private TestEngine() {}

  public static Engine engine() {
    return EngineFixture.open(System.getenv("DOCKER_HOST"));
  }

  /**
   * Removes every container, then every network, labelled with the run id. A container some other process of the run
   * (a detached retirement) is removing at the same moment is waited for, so its networks can go too.
   */
  public static void cleanup(String runId) {
    Engine e = engine();
    List<String> label = List.of(LABEL + "=" + runId);
    long deadline = System.currentTimeMillis() + 120_000;
    List<ContainerInfo> left = e.listContainers(label, true);
    while (!left.isEmpty()) {
      for (ContainerInfo c : left) {
        try {
          e.removeContainer(c.id(), true);
        } catch (RuntimeException inProgress) {
          if (System.currentTimeMillis() > deadline) throw inProgress;
        }
      }
      left = e.listContainers(label, true);
      if (left.isEmpty()) break;
      if (System.currentTimeMillis() > deadline) throw new IllegalStateException("containers of run " + runId + " could not be removed: " + left);
      try {
        Thread.sleep(200);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ie);
      }
    }
    for (NetworkInfo n : e.listNetworks()) {
      if (runId.equals(n.labels().get(LABEL))) {
        try {
          e.removeNetwork(n.id());
        } catch (RuntimeException ignored) {
          // already gone
        }
      }
    }
    e.close();
  }

  /**
   * {@link #cleanup}, then every image labelled with the run id (built by the run's deploys, intermediate ones too)
   * and the test images tagged {@code tags}.
   */
  public static void cleanupWithImages(String runId, java.util.Collection<String> tags) {
    cleanup(runId);
    Engine e = engine();
    try {
      for (String id : EngineFixture.imageIdsWithIntermediates(e, List.of(LABEL + "=" + runId))) EngineFixture.forceRemoveImage(e, id);
      for (String t : tags) EngineFixture.forceRemoveImage(e, t);
    } finally {
      e.close();
    }
  }

  /** Names of the networks labelled with the run id, sorted. */
  public static List<String> networks(String runId) {
    Engine e = engine();
    try {
      List<String> names = new java.util.ArrayList<>();
      for (NetworkInfo n : e.listNetworks()) if (runId.equals(n.labels().get(LABEL))) names.add(n.name());
      java.util.Collections.sort(names);
      return names;
    } finally {
      e.close();
    }
  }

  /** A network by exact name, with IPAM and attached containers, or null. */
  public static NetworkInfo network(String name) {
    Engine e = engine();
    try {
      for (NetworkInfo n : e.listNetworks()) if (n.name().equals(name)) return e.inspectNetwork(n.id());
      return null;
    } finally {
      e.close();
    }
  }

  /**
   * A random {@code 10.X.Y} prefix whose /24 overlaps no network on the engine, for tests that create networks with
   * a subnet (parallel runs pick different ones).
   */
  public static String unusedSubnet24() {
    Engine e = engine();
    try {
      List<NetworkInfo> all = e.listNetworks();
      java.util.Random random = new java.util.Random();
      for (int attempt = 0; attempt < 100; attempt++) {
        String prefix = "10." + (100 + random.nextInt(150)) + "." + random.nextInt(256);
        boolean free = true;
        for (NetworkInfo n : all) {
          for (NetworkInfo.Ipam p : n.ipam()) {
            if (jokku.network.Addresses.contains(p.subnet(), prefix + ".0") || jokku.network.Addresses.within(prefix + ".0/24", p.subnet())) free = false;
          }
        }
        if (free) return prefix;
      }
      throw new IllegalStateException("no free 10.x.y.0/24 found on the engine");
    } finally {
      e.close();
    }
  }

  public static Map<String, String> labels(String runId) {
    return Map.of(LABEL, runId);
  }
}
