package jokku.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A container row of {@code docker container ls}: what {@code run:list} shows. One request, filtered by label. */
public record ContainerSummary(String id, String name, String state, String command, long created) {

  @SuppressWarnings("unchecked")
  public static List<ContainerSummary> list(DockerClient c, List<String> labels) {
    String q = "/containers/json?all=1&" + Engine.filters(Map.of("label", labels));
    List<ContainerSummary> l = new ArrayList<>();
    for (Object o : (List<Object>) c.ok(c.call("GET", q, null)).json()) {
      Map<String, Object> m = (Map<String, Object>) o;
      Object names = m.get("Names");
      String name = names instanceof List && !((List<Object>) names).isEmpty() ? String.valueOf(((List<Object>) names).get(0)) : "";
      if (name.startsWith("/")) name = name.substring(1);
      long created = m.get("Created") instanceof Number ? ((Number) m.get("Created")).longValue() : 0;
      l.add(new ContainerSummary(NetworkInfo.str(m, "Id"), name, NetworkInfo.str(m, "State"), NetworkInfo.str(m, "Command"), created));
    }
    return l;
  }
}
