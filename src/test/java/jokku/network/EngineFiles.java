package jokku.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;

/**
 * Everything a read-only command could change, as one comparable value: the run's containers with their endpoints
 * (network, IP, sorted aliases), the run's networks, and every file under DOKKU_ROOT and DOKKU_LIB_ROOT with its text.
 */
final class EngineFiles {
  private EngineFiles() {}

  static Map<String, String> of(Jokku j, Engine engine) {
    Map<String, String> m = new TreeMap<>();
    for (ContainerInfo listed : engine.listContainers(List.of(TestEngine.LABEL + "=" + j.runId), true)) {
      ContainerInfo c = engine.inspectContainer(listed.id());
      StringBuilder b = new StringBuilder(c.state());
      c.networks().forEach((n, ep) -> b.append(' ').append(n).append('=').append(ep.ip()).append(new java.util.TreeSet<>(ep.aliases())));
      m.put("container " + c.name(), b.toString());
    }
    m.put("networks", String.join(",", TestEngine.networks(j.runId)));
    for (Path base : List.of(j.root, j.lib)) {
      try (Stream<Path> s = Files.walk(base)) {
        for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
          if (f.getFileName().toString().endsWith(".lock")) continue;
          m.put("file " + base.relativize(f), Files.readString(f));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return m;
  }
}
