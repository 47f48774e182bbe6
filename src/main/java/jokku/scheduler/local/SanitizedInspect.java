package jokku.scheduler.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ps:inspect}'s sanitizing, as Dokku's: in each container's {@code Config.Env}, values are replaced by
 * {@code XXXXXX} except for the variables Dokku lets through ({@code CACHE_PATH}, {@code DOCKER_*}, {@code DOKKU_*},
 * {@code DYNO}, {@code PATH}, {@code PORT}, {@code USER}), so config secrets do not leak into a report.
 */
public final class SanitizedInspect {
  private static final List<String> ALLOWED = List.of("CACHE_PATH=", "DOCKER_", "DOKKU_", "DYNO=", "PATH=", "PORT=", "USER=");

  private SanitizedInspect() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(Map<String, Object> container) {
    Object config = container.get("Config");
    if (!(config instanceof Map<?, ?> c) || !(c.get("Env") instanceof List<?> env)) return container;
    List<String> out = new ArrayList<>();
    for (Object o : env) {
      String e = String.valueOf(o);
      boolean keep = ALLOWED.stream().anyMatch(e::startsWith) || !e.contains("=");
      out.add(keep ? e : e.substring(0, e.indexOf('=')) + "=XXXXXX");
    }
    ((Map<String, Object>) config).put("Env", out);
    return container;
  }
}
