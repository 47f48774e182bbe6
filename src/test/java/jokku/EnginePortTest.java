package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine is a port (read from src/main/java/jokku/**): outside {@code engine} no source names the client below it
 * ({@code DockerClient}, {@code Engine.client()}) or writes an Engine API path; those stay in {@code engine}, so a
 * transport or a fake can replace what is under {@code Engine} without touching a domain package. Nor does a source
 * outside {@code engine} build or read an Engine API body by its keys ({@code "HostConfig"}, {@code "TaskTemplate"},
 * {@code "Spec"}, {@code "Status"}, ...): requests and results are typed at the port ({@code ContainerSpec},
 * {@code SwarmService}, ...). Comments do not count. {@code CannedEngine} is exempt: it is an Engine API server
 * (Train's canned answers), not a client.
 */
@Tag("unit")
class EnginePortTest {
  private static final Path MAIN = Path.of("src/main/java/jokku");
  private static final Pattern CLIENT = Pattern.compile("\\bDockerClient\\b|\\.client\\(\\)");
  private static final Pattern API_PATH = Pattern.compile(
      "\"/(containers|networks|services|images|exec|tasks|nodes|swarm|info|events|build|volumes|_ping|version|secrets|configs|plugins|system|distribution|session|auth)\\b");

  /**
   * Quoted Engine API body keys of container-create, service, task, node and swarm objects that mean nothing else in
   * jokku (generic ones like {@code "Labels"}, {@code "ID"} or {@code "Name"} are jokku's own output keys too, so they are
   * not here).
   */
  private static final Pattern BODY_KEY = Pattern.compile("\"(HostConfig|NetworkingConfig|EndpointsConfig|EndpointConfig|TaskTemplate"
      + "|ContainerSpec|EndpointSpec|ExposedPorts|PortBindings|RestartPolicy|LogConfig|UpdateConfig|RollbackConfig|UpdateStatus"
      + "|PreviousSpec|Replicated|DesiredState|ServiceID|NodeID|ManagerStatus|JoinTokens|LocalNodeState|ControlAvailable|PortStatus"
      + "|ContainerStatus|Placement|NetworkMode|AutoRemove|Entrypoint|Binds|Mounts|ForceUpdate|HealthCheck|StopGracePeriod|Spec|Status"
      + "|Description|Config|Env|Cmd|Image|Command|Aliases|Slot|Replicas|Mode)\"");

  static List<String> leaks(Path root) {
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() > 1 && rel.getName(0).toString().equals("engine")) continue;
        if (rel.toString().equals("CannedEngine.java")) continue;
        String code = PackageDependenciesTest.code(f);
        for (Pattern p : List.of(CLIENT, API_PATH, BODY_KEY)) {
          Matcher m = p.matcher(code);
          while (m.find()) bad.add(rel + ": " + m.group());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bad;
  }

  @Test
  void onlyTheEnginePackageSeesTheClientAndTheApiPaths() {
    assertEquals(List.of(), leaks(MAIN));
  }

  @Test
  void theScanSeesWhatItForbids() throws IOException {
    Path dir = Files.createTempDirectory("jokku-port-");
    Files.createDirectories(dir.resolve("deploy"));
    Files.createDirectories(dir.resolve("engine"));
    Files.writeString(dir.resolve("deploy/A.java"), "class A { void f(jokku.engine.Engine e) { e.client().call(\"GET\", \"/containers/json\", null); } }\n"
        + "// a comment naming DockerClient does not count\n");
    Files.writeString(dir.resolve("engine/B.java"), "class B { DockerClient c; String p = \"/networks/x\"; Object h = m.get(\"HostConfig\"); }\n");
    Files.writeString(dir.resolve("deploy/C.java"), "class C { void f(java.util.Map<String, Object> b) { b.put(\"HostConfig\", java.util.Map.of(\"NetworkMode\", \"x\")); "
        + "b.get(\"Labels\"); } }\n");
    List<String> found = leaks(dir);
    assertEquals(List.of("deploy/A.java: .client()", "deploy/A.java: \"/containers", "deploy/C.java: \"HostConfig\"", "deploy/C.java: \"NetworkMode\""), found);
    assertTrue(Files.exists(MAIN.resolve("engine/DockerClient.java")), "the scan runs where the sources are");
  }
}
