package jokku.scheduler.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuLabels;
import jokku.Out;
import jokku.deploy.Platform;
import jokku.engine.ContainerInfo;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineException;

/**
 * Dokku's renaming at the end of a deploy: each new container takes its final name {@code <app>.<dyno>}, whose
 * previous holder becomes {@code <app>.<dyno>.<epoch>}. Holders are known from the listing the deploy started with
 * (no other deploy of the app runs meanwhile); should a name have been taken since (a rename by hand), the rename
 * conflicts and the app's containers are listed again.
 */
final class Renames {
  private final Engine engine;
  private final Containers containers;
  private final Out out;
  private final String app;

  Renames(Platform p, String app) {
    this.engine = p.engine();
    this.containers = p.containers();
    this.out = p.out();
    this.app = app;
  }

  /**
   * Gives each container of {@code dynos} (dyno → id, in deploy order) its final name; {@code names} are the names
   * they had until now (id → name), {@code listed} the app's containers as the deploy listed them. Prints Dokku's
   * lines as it goes; a failed rename is a warning, as in Dokku.
   */
  void run(Map<String, String> dynos, Map<String, String> names, List<ContainerInfo> listed) {
    if (dynos.isEmpty()) return;
    out.info1Quiet("Renaming containers");
    Map<String, ContainerInfo> byName = byName(listed);
    long epoch = System.currentTimeMillis() / 1000;
    for (Map.Entry<String, String> e : dynos.entrySet()) {
      String id = e.getValue();
      String target = ContainerSpecs.finalName(app, e.getKey());
      moveAside(byName.get(target), id, target, epoch, byName);
      String from = names.getOrDefault(id, id);
      out.verboseQuiet("Renaming container " + from + " (" + Retirement.shortId(id) + ") to " + target);
      try {
        try {
          containers.rename(id, target);
        } catch (EngineException taken) {
          if (!taken.conflict()) throw taken;
          byName = byName(engine.listContainers(List.of(DokkuLabels.APP + "=" + app), true));
          moveAside(byName.get(target), id, target, epoch, byName);
          containers.rename(id, target);
        }
      } catch (EngineException failed) {
        out.warn("Unable to rename container " + from + ": " + failed.getMessage());
      }
    }
  }

  private static Map<String, ContainerInfo> byName(List<ContainerInfo> listed) {
    Map<String, ContainerInfo> m = new HashMap<>();
    for (ContainerInfo c : listed) m.put(c.name(), c);
    return m;
  }

  /** The container holding the name {@code id} is to take, when there is one (and it is another), renamed aside. */
  private void moveAside(ContainerInfo prev, String id, String target, long epoch, Map<String, ContainerInfo> byName) {
    if (prev == null || prev.id().equals(id)) return;
    out.verboseQuiet("Found previous container(s) (" + Retirement.shortId(prev.id()) + ") named " + target);
    if (prev.state().equals("dead")) return;
    for (long n = epoch; n < epoch + 50; n++) {
      String aside = target + "." + n;
      if (byName.containsKey(aside)) continue;
      out.verboseQuiet("Renaming container (" + Retirement.shortId(prev.id()) + ") " + target + " to " + aside);
      try {
        containers.rename(prev.id(), aside);
        byName.put(aside, prev);
        return;
      } catch (EngineException e) {
        if (e.conflict()) continue;
        if (!e.notFound()) out.warn("Unable to rename container " + target + ": " + e.getMessage()); // gone: the name is free
        return;
      }
    }
  }
}
