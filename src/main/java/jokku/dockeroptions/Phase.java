package jokku.dockeroptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jokku.DokkuException;

/** The moments docker options apply to: the image build, deployed process containers, one-off {@code run} containers. */
public enum Phase {
  BUILD,
  DEPLOY,
  RUN;

  /** The name as Dokku spells it in commands and property keys: {@code build}, {@code deploy}, {@code run}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Phase of(String id) {
    for (Phase p : values()) if (p.id().equals(id)) return p;
    throw invalid();
  }

  /** A comma-separated phase list ({@code deploy,run}); duplicates collapse; any unknown phase fails the whole list. */
  public static List<Phase> parseList(String list) {
    if (list == null || list.isEmpty()) throw invalid();
    List<Phase> phases = new ArrayList<>();
    for (String id : list.split(",", -1)) {
      Phase p = of(id);
      if (!phases.contains(p)) phases.add(p);
    }
    return phases;
  }

  /** Dokku's message for a bad phase. */
  static DokkuException invalid() {
    return new DokkuException("Phase(s) must be one of [build deploy run]");
  }
}
