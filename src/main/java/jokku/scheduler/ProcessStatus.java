package jokku.scheduler;

import java.util.List;

/** One process instance ({@code web.1}) of an app on its scheduler: its container (or task) and its state. */
public record ProcessStatus(String dyno, String id, String state) {
  public boolean running() {
    return state.equals("running");
  }

  /** Dokku's running state: {@code true} when every dyno runs, {@code mixed} when some do, else {@code false}. */
  public static String runningState(List<ProcessStatus> statuses) {
    long running = statuses.stream().filter(ProcessStatus::running).count();
    if (running == 0) return "false";
    return running == statuses.size() ? "true" : "mixed";
  }
}
