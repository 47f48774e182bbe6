package jokku.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container row of {@code docker container ls}: what {@code run:list} shows, and what {@code run:retire} needs
 * (labels, creation time in epoch seconds). One request, filtered by label.
 */
public record ContainerSummary(String id, String name, String state, String command, long created, Map<String, String> labels) {
  public String label(String key) {
    return labels.getOrDefault(key, "");
  }

  public String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  @SuppressWarnings("unchecked")
  static List<ContainerSummary> list(DockerClient c, List<String> labelFilters) {
    String q = "/containers/json?all=1&" + Engine.filters(Map.of("label", labelFilters));
    List<ContainerSummary> l = new ArrayList<>();
    for (Object o : (List<Object>) c.ok(c.call("GET", q, null)).json()) {
      Map<String, Object> m = (Map<String, Object>) o;
      Object names = m.get("Names");
      String name = names instanceof List && !((List<Object>) names).isEmpty() ? String.valueOf(((List<Object>) names).get(0)) : "";
      if (name.startsWith("/")) name = name.substring(1);
      long created = m.get("Created") instanceof Number ? ((Number) m.get("Created")).longValue() : 0;
      Map<String, String> labels = new TreeMap<>();
      ContainerInfo.map(m.get("Labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
      l.add(new ContainerSummary(NetworkInfo.str(m, "Id"), name, NetworkInfo.str(m, "State"), NetworkInfo.str(m, "Command"), created, labels));
    }
    return l;
  }
}
