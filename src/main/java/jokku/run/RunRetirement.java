package jokku.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.DokkuLabels;
import jokku.Out;
import jokku.engine.ContainerRemover;
import jokku.engine.ContainerSummary;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.property.PsSettings;
import jokku.store.Store;

/**
 * Dokku's {@code scheduler-run-retire} ({@code run:retire}, and the end of {@code ps:retire}): a one-off container
 * lives until {@code com.dokku.active-deadline-seconds} after it was created; past that it is stopped and removed.
 * Dokku's {@code run} and {@code cron} containers both count. One list request by label finds them, for one app or
 * for every app of this {@code DOKKU_ROOT} (containers of apps it does not know belong to another installation); no
 * inspect is needed (the list answer carries labels and creation time). Expired containers are stopped and removed a
 * few side by side, so one ignoring SIGTERM (stopped only at its stop timeout) does not hold up the others.
 */
public final class RunRetirement {
  public static final String DEADLINE_LABEL = "com.dokku.active-deadline-seconds";
  private static final Set<String> TYPES = Set.of("run", "cron");
  /** The engine's own stop timeout, Dokku's when the app sets no {@code ps} stop-timeout-seconds. */
  private static final int ENGINE_STOP_TIMEOUT = 10;

  private final Engine engine;
  private final Store store;
  private final Out out;

  public RunRetirement(Engine engine, Store store, Out out) {
    this.engine = engine;
    this.store = store;
    this.out = out;
  }

  /**
   * Stops and removes the run and cron containers of {@code app} (every app when "") whose deadline has passed at
   * {@code nowSeconds}; returns how many could not be retired.
   */
  public int retire(String app, long nowSeconds) {
    out.info1Quiet(app.isEmpty() ? "Retiring all run and cron containers" : "Retiring run and cron containers for app " + app);
    List<String> labels = new ArrayList<>(List.of(DEADLINE_LABEL));
    if (!app.isEmpty()) labels.add(DokkuLabels.APP + "=" + app);
    Set<String> apps = app.isEmpty() ? Set.copyOf(store.apps()) : Set.of(app);
    List<ContainerSummary> expired = new ArrayList<>();
    List<ContainerRemover.Retiree> retirees = new ArrayList<>();
    for (ContainerSummary c : engine.containerRows(labels)) {
      if (!expired(c, nowSeconds) || !apps.contains(c.label(DokkuLabels.APP))) continue;
      out.verboseQuiet("Retiring container " + c.shortId());
      expired.add(c);
      retirees.add(new ContainerRemover.Retiree(c.id(), stopTimeout(c.label(DokkuLabels.APP)), stoppable(c)));
    }
    Map<String, RuntimeException> failures = engine.stopAndRemove(retirees);
    int failed = 0;
    for (ContainerSummary c : expired) {
      RuntimeException e = failures.get(c.id());
      if (e == null || retired(e)) continue;
      out.warn("Unable to retire container " + c.shortId());
      failed++;
    }
    return failed;
  }

  /** A run or cron container created more than its deadline ago (Dokku's comparison: strictly before the cutoff). */
  static boolean expired(ContainerSummary c, long nowSeconds) {
    String deadline = c.label(DEADLINE_LABEL);
    if (!TYPES.contains(c.label(DokkuLabels.CONTAINER_TYPE)) || !deadline.matches("\\d{1,18}")) return false;
    if (c.state().equals("removing")) return false; // the engine is already removing it (auto-remove)
    return c.created() < nowSeconds - Long.parseLong(deadline);
  }

  /** The engine stops it first (with the app's stop timeout), then removes it. */
  private static boolean stoppable(ContainerSummary c) {
    return c.state().equals("running") || c.state().equals("restarting") || c.state().equals("paused");
  }

  /** A container already gone, or being auto-removed, is retired. */
  private static boolean retired(RuntimeException e) {
    return e instanceof EngineException ee && (ee.notFound() || ee.conflict() && ee.getMessage().contains("already in progress"));
  }

  /** The app's {@code ps} stop-timeout-seconds, else the global one, else the engine's default. */
  private int stopTimeout(String app) {
    return new PsSettings(store).stopTimeout(app, ENGINE_STOP_TIMEOUT);
  }
}
