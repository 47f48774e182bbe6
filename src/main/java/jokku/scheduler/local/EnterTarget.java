package jokku.scheduler.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import jokku.DokkuException;
import jokku.scheduler.ProcessStatus;

/**
 * Which container {@code enter <app> [<proc>] [--container-id <id>]} goes into, as Dokku chooses: the given id (a
 * prefix of one of the app's deploy containers), else the first container of the process type, else of the app's
 * only process type; it must be running.
 */
public final class EnterTarget {
  private EnterTarget() {}

  /** @param statuses the app's dynos ({@link AppProcesses#statuses}); {@code out} receives Dokku's warning lines */
  public static String choose(String app, List<ProcessStatus> statuses, String proc, String containerId, java.util.function.Consumer<String> warn) {
    ProcessStatus chosen = null;
    if (!containerId.isEmpty()) {
      List<String> ids = new ArrayList<>();
      for (ProcessStatus s : statuses) {
        ids.add(s.id());
        if (chosen == null && s.id().startsWith(containerId)) chosen = s;
      }
      if (chosen == null) {
        warn.accept("Invalid container id for app: " + containerId);
        throw new DokkuException("Available ids for app (" + app + "): " + String.join(" ", ids));
      }
    } else {
      LinkedHashSet<String> types = new LinkedHashSet<>();
      for (ProcessStatus s : statuses) types.add(s.dyno().substring(0, s.dyno().lastIndexOf('.')));
      String type = proc;
      if (type.isEmpty()) {
        if (types.size() > 1) {
          warn.accept("No container type specified.");
          throw new DokkuException("Available types for app (" + app + "): " + String.join(" ", types));
        }
        if (types.isEmpty()) throw new DokkuException("No containers found for app");
        type = types.iterator().next();
      }
      for (ProcessStatus s : statuses) if (chosen == null && s.dyno().startsWith(type + ".")) chosen = s;
      if (chosen == null) {
        warn.accept("No containers found for type '" + type + "'");
        throw new DokkuException("Available types for app (" + app + "): " + String.join(" ", types));
      }
    }
    if (!chosen.running()) throw new DokkuException("Container is not running");
    return chosen.id();
  }
}
