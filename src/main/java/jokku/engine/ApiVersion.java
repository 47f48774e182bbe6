package jokku.engine;

/**
 * Which Engine API version to speak: the engine's own ({@code Api-Version} of {@code GET /_ping}), capped at the
 * newest one this client is written against, as the docker CLI negotiates it.
 */
final class ApiVersion {
  /** The newest Engine API version this client is written against. */
  static final String MAX = "1.47";
  /** What an engine that does not say is taken to speak (Docker 20.10, the oldest engine jokku is tested on). */
  static final String UNSAID = "1.41";

  private ApiVersion() {}

  /** The version to use with an engine whose {@code Api-Version} header is {@code server} (null when absent). */
  static String choose(String server) {
    if (server == null || server.isBlank()) return UNSAID;
    String v = server.trim();
    if (!v.matches("[0-9]{1,4}(\\.[0-9]{1,4}){1,2}")) {
      throw new EngineResponseError("The Docker engine gave an API version jokku cannot read: \"" + abbreviate(v) + "\"");
    }
    return compare(v, MAX) < 0 ? v : MAX;
  }

  /** Orders dotted version numbers numerically (1.9 before 1.10). */
  static int compare(String a, String b) {
    String[] x = a.split("\\."), y = b.split("\\.");
    for (int k = 0; k < Math.max(x.length, y.length); k++) {
      int d = Integer.compare(k < x.length ? Integer.parseInt(x[k]) : 0, k < y.length ? Integer.parseInt(y[k]) : 0);
      if (d != 0) return d;
    }
    return 0;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
