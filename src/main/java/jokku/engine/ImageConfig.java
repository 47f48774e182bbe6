package jokku.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of an image's configuration jokku reads: id, working directory, command, entrypoint, labels and exposed
 * ports ({@code "5000/tcp"}, {@code "53/udp"}).
 */
public record ImageConfig(String id, String workingDir, List<String> cmd, List<String> entrypoint, Map<String, String> labels,
    List<String> exposedPorts) {

  /** {@code GET /images/{ref}/json}; empty when the image does not exist. */
  @SuppressWarnings("unchecked")
  static Optional<ImageConfig> inspect(DockerClient c, String ref) {
    DockerClient.Response r = c.call("GET", "/images/" + Engine.enc(ref) + "/json", null);
    if (r.status() == 404) return Optional.empty();
    Map<String, Object> m = (Map<String, Object>) c.ok(r).json();
    Map<String, Object> cfg = ContainerInfo.map(m.get("Config"));
    Map<String, String> labels = new TreeMap<>();
    ContainerInfo.map(cfg.get("Labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    return Optional.of(new ImageConfig(NetworkInfo.str(m, "Id"), NetworkInfo.str(cfg, "WorkingDir"), strings(cfg.get("Cmd")),
        strings(cfg.get("Entrypoint")), labels, new ArrayList<>(ContainerInfo.map(cfg.get("ExposedPorts")).keySet())));
  }

  private static List<String> strings(Object o) {
    List<String> l = new ArrayList<>();
    if (o instanceof List) for (Object x : (List<?>) o) l.add(String.valueOf(x));
    return l;
  }
}
