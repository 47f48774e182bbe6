package jokku.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An image as the engine's inspect describes it: what a deploy needs from its config. */
public record ImageInfo(
    String id,
    List<String> repoTags,
    Map<String, String> labels,
    String workingDir,
    List<String> exposedPorts,
    List<String> cmd,
    List<String> entrypoint) {

  public String label(String key) {
    return labels.getOrDefault(key, "");
  }

  /** True when the image defines something to run (CMD or ENTRYPOINT). */
  public boolean hasCommand() {
    return !cmd.isEmpty() || !entrypoint.isEmpty();
  }

  static ImageInfo fromInspect(Map<String, Object> m) {
    Map<String, Object> cfg = ContainerInfo.map(m.get("Config"));
    Map<String, String> labels = new TreeMap<>();
    ContainerInfo.map(cfg.get("Labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    List<String> ports = new ArrayList<>(ContainerInfo.map(cfg.get("ExposedPorts")).keySet());
    return new ImageInfo(NetworkInfo.str(m, "Id"), strings(m.get("RepoTags")), labels, NetworkInfo.str(cfg, "WorkingDir"),
        ports, strings(cfg.get("Cmd")), strings(cfg.get("Entrypoint")));
  }

  static List<String> strings(Object o) {
    List<String> l = new ArrayList<>();
    if (o instanceof List) for (Object v : (List<?>) o) l.add(String.valueOf(v));
    return l;
  }
}
