package jokku.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.Json;

/**
 * The parts of an app's {@code app.json} a deploy uses: {@code healthchecks} per process type (the fields of
 * Dokku's docker-container-healthchecker) and the {@code scripts.dokku.predeploy} / {@code postdeploy} tasks.
 */
public record AppJson(String text, Map<String, List<Healthcheck>> healthchecks, String predeploy, String postdeploy) {
  public static final AppJson NONE = new AppJson("", Map.of(), "", "");

  /** One check, with the healthchecker's defaults applied by the getters. */
  public record Healthcheck(
      String type, String name, String path, int port, int attempts, int timeout, int waitSeconds, int initialDelay,
      String content, int uptime, List<String> command, boolean warn, String scheme, boolean listening) {

    public boolean isStartup() {
      return type.isEmpty() || type.equals("startup");
    }

    public String displayName() {
      return name.isEmpty() ? (path.isEmpty() ? "uptime" : path) : name;
    }

    public int attemptsOrDefault() {
      return attempts > 0 ? attempts : 3;
    }

    public int timeoutOrDefault() {
      return timeout > 0 ? timeout : 5;
    }

    public int waitOrDefault() {
      return waitSeconds > 0 ? waitSeconds : 5;
    }
  }

  public boolean exists() {
    return !text.isEmpty();
  }

  /** The startup checks declared for a process type (none means: the default uptime check). */
  public List<Healthcheck> startupChecks(String proc) {
    List<Healthcheck> l = new ArrayList<>();
    for (Healthcheck h : healthchecks.getOrDefault(proc, List.of())) if (h.isStartup()) l.add(h);
    return l;
  }

  public static AppJson parse(String text) {
    if (text.isBlank()) return NONE;
    Map<String, Object> root;
    try {
      root = Json.parseObject(text);
    } catch (IllegalArgumentException e) {
      throw new DokkuException("Invalid app.json: " + e.getMessage());
    }
    Map<String, List<Healthcheck>> checks = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(root.get("healthchecks")).entrySet()) {
      List<Healthcheck> l = new ArrayList<>();
      if (e.getValue() instanceof List) for (Object o : (List<?>) e.getValue()) l.add(check(map(o)));
      checks.put(e.getKey(), l);
    }
    Map<String, Object> dokku = map(map(root.get("scripts")).get("dokku"));
    return new AppJson(text, checks, str(dokku.get("predeploy")), str(dokku.get("postdeploy")));
  }

  private static Healthcheck check(Map<String, Object> m) {
    List<String> command = new ArrayList<>();
    if (m.get("command") instanceof List) for (Object o : (List<?>) m.get("command")) command.add(String.valueOf(o));
    Healthcheck h = new Healthcheck(str(m.get("type")), str(m.get("name")), str(m.get("path")), num(m.get("port")),
        num(m.get("attempts")), num(m.get("timeout")), num(m.get("wait")), num(m.get("initialDelay")),
        str(m.get("content")), num(m.get("uptime")), command, Boolean.TRUE.equals(m.get("warn")), str(m.get("scheme")),
        Boolean.TRUE.equals(m.get("listening")));
    if (!h.command().isEmpty() && (!h.path().isEmpty() || h.uptime() > 0)) {
      throw new DokkuException("Invalid app.json: healthcheck name='" + h.displayName() + "' cannot combine 'command' with 'path' or 'uptime'");
    }
    if (!h.path().isEmpty() && h.uptime() > 0) {
      throw new DokkuException("Invalid app.json: healthcheck name='" + h.displayName() + "' cannot contain both an http 'path' to check and an 'uptime' seconds value");
    }
    if (!h.scheme().isEmpty() && !h.scheme().equalsIgnoreCase("http")) {
      throw new DokkuException("Invalid app.json: healthcheck name='" + h.displayName() + "' uses scheme '" + h.scheme() + "'; only http is supported");
    }
    return h;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  private static int num(Object o) {
    if (o instanceof Number) return ((Number) o).intValue();
    if (o instanceof String && ((String) o).matches("\\d+")) return Integer.parseInt((String) o);
    return 0;
  }
}
