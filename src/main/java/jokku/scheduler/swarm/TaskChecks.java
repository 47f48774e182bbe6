package jokku.scheduler.swarm;

import java.util.ArrayList;
import java.util.List;
import jokku.deploy.AppJson;

/**
 * app.json's startup checks as the service's health check, run inside each task: a {@code command} check runs as
 * given, a {@code path} check fetches {@code http://127.0.0.1:$PORT<path>} with the image's {@code wget} (or
 * {@code curl}) and, with {@code content}, looks for it in the body. Swarm gates a task's DNS entries on its first
 * healthy result and rolls an update back when a new task turns unhealthy. No checks: no health check (a task
 * counts once it runs and stays up through the update's monitor period).
 */
final class TaskChecks {
  private TaskChecks() {}

  static ServiceSpecs.Health of(List<AppJson.Healthcheck> checks, String port) {
    if (checks.isEmpty()) return null;
    List<String> shell = new ArrayList<>();
    int timeout = 1, retries = 1, start = 0;
    for (AppJson.Healthcheck h : checks) {
      timeout = Math.max(timeout, h.timeoutOrDefault());
      retries = Math.max(retries, h.attemptsOrDefault());
      start = Math.max(start, h.initialDelay());
      if (!h.command().isEmpty()) shell.add(String.join(" ", h.command().stream().map(TaskChecks::quote).toList()));
      else if (!h.path().isEmpty()) shell.add(fetch(h, port));
    }
    if (shell.isEmpty()) return null;
    return new ServiceSpecs.Health(List.of("CMD-SHELL", String.join(" && ", shell)), 1, timeout, retries, start);
  }

  private static String fetch(AppJson.Healthcheck h, String port) {
    int p = h.port() > 0 ? h.port() : Integer.parseInt(port.isEmpty() ? "5000" : port);
    String url = quote((h.scheme().isEmpty() ? "http" : h.scheme()) + "://127.0.0.1:" + p + h.path());
    String get = "{ wget -q -O - " + url + " 2>/dev/null || curl -fsS " + url + " 2>/dev/null; }";
    return h.content().isEmpty() ? get + " >/dev/null" : get + " | grep -qF " + quote(h.content());
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
