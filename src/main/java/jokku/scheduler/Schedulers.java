package jokku.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.apps.AppLifecycle;
import jokku.deploy.Builds;
import jokku.deploy.Platform;
import jokku.property.Scope;
import jokku.scheduler.local.DockerLocalScheduler;
import jokku.scheduler.local.Retirement;
import jokku.scheduler.swarm.SwarmScheduler;
import jokku.store.Store;

/**
 * The scheduler of each app ({@link SchedulerSettings}), and what changes when a selection changes: the processes an
 * app has on the scheduler it leaves are removed, so one app never runs on two schedulers at once. As an
 * {@link AppLifecycle} listener: a destroyed app's processes and images go, a renamed or cloned one is deployed.
 */
public final class Schedulers implements AppLifecycle {
  private final Platform p;
  private final SchedulerSettings settings;

  public Schedulers(Platform platform) {
    this.p = platform;
    this.settings = new SchedulerSettings(platform.store());
  }

  public SchedulerSettings settings() {
    return settings;
  }

  /** The scheduler the app's computed selection names. */
  public Scheduler of(String app) {
    return named(settings.computed(app));
  }

  public Scheduler named(String name) {
    return switch (name) {
      case NullScheduler.NAME -> new NullScheduler(p);
      case SwarmScheduler.NAME -> new SwarmScheduler(p);
      default -> new DockerLocalScheduler(p);
    };
  }

  /** A build whose deploy runs on the app's scheduler. */
  public Builds builds(String app) {
    return new Builds(p, a -> of(a).deploy(a));
  }

  /** Each app grouped under the scheduler it runs on, in the given order. */
  public Map<String, List<String>> byScheduler(List<String> apps) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String app : apps) m.computeIfAbsent(settings.computed(app), k -> new ArrayList<>()).add(app);
    return m;
  }

  /** Refuses (changing nothing) an unknown scheduler, or one this engine cannot run. */
  public void checkSelection(Scope scope, String value) {
    SchedulerSettings.SELECTED.checkValue(value);
    String target = value.isEmpty() ? (scope.isGlobal() ? SchedulerSettings.DEFAULT : settings.computed(Scope.GLOBAL)) : value;
    named(target).checkSelectable();
  }

  /**
   * {@code scheduler:set <scope> selected <value>}: {@link #checkSelection}, stores the value, then removes what each affected app still has on the scheduler it left. Returns the apps moved.
   */
  public List<String> select(Scope scope, String value) {
    checkSelection(scope, value);
    List<String> apps = scope.isGlobal() ? p.store().apps() : List.of(scope.app());
    Map<String, String> before = new LinkedHashMap<>();
    for (String app : apps) before.put(app, settings.computed(app));
    try (Store.Lock l = p.store().lock(scope.folder())) {
      settings.set(scope, value);
    }
    List<String> moved = new ArrayList<>();
    for (String app : apps) {
      String old = before.get(app);
      if (old.equals(settings.computed(app))) continue;
      Scheduler leaving = named(old);
      if (!leaving.hasProcesses(app)) continue;
      p.out().info1Quiet("Removing " + app + "'s processes from the " + old + " scheduler");
      leaving.removeProcesses(app);
      moved.add(app);
    }
    return moved;
  }

  /** {@code apps:destroy} and the old name of {@code apps:rename}: the app's processes on its scheduler. */
  @Override
  public void destroying(String app) {
    of(app).removeProcesses(app);
  }

  /** {@code apps:destroy}: the images the app's builds and deploys left. */
  @Override
  public void destroyed(String app) {
    new Retirement(p).removeAppImages(app);
  }

  /** A renamed or cloned app whose source had containers is built from the source it inherited (image or archive). */
  @Override
  public void copied(AppLifecycle.Copy copy) {
    if (!copy.deploy() || !copy.sourceHadContainers().getAsBoolean()) return;
    if (!builds(copy.to()).rebuild(copy.to())) p.out().warn("App " + copy.to() + " has no source to deploy from");
  }

  /** {@code ps:retire}: every scheduler's retirement. */
  public void retireAll() {
    java.util.Set<String> done = new java.util.HashSet<>();
    for (String name : SchedulerSettings.NAMES) {
      Scheduler s = named(name);
      if (done.add(s.name())) s.retire();
    }
  }
}
