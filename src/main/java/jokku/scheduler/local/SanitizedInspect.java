package jokku.scheduler.local;

import java.util.List;

/**
 * {@code ps:inspect}'s sanitizing, as Dokku's: in each container's environment, values are replaced by
 * {@code XXXXXX} except for the variables Dokku lets through ({@code CACHE_PATH}, {@code DOCKER_*}, {@code DOKKU_*},
 * {@code DYNO}, {@code PATH}, {@code PORT}, {@code USER}), so config secrets do not leak into a report.
 */
public final class SanitizedInspect {
  private static final List<String> ALLOWED = List.of("CACHE_PATH=", "DOCKER_", "DOKKU_", "DYNO=", "PATH=", "PORT=", "USER=");

  private SanitizedInspect() {}

  /** One {@code KEY=value} entry of a container's environment as {@code ps:inspect} shows it. */
  public static String entry(String e) {
    boolean keep = ALLOWED.stream().anyMatch(e::startsWith) || !e.contains("=");
    return keep ? e : e.substring(0, e.indexOf('=')) + "=XXXXXX";
  }
}
