package jokku.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code JOKKU_LABELS=k=v,k2=v2}: labels jokku puts on every network, container and image it creates, so a host (or
 * a test run, the demo) can find and clean up what jokku made; as label filters they are also the scope of an
 * {@link Engine}'s listings, so such a run never stops or removes what it did not create. Read the same way by the
 * CLI and by the detached retirement process.
 */
public final class JokkuLabels {
  public static final String VARIABLE = "JOKKU_LABELS";

  private JokkuLabels() {}

  /** The labels of a {@code JOKKU_LABELS} value ({@code key} alone gives an empty value); "" or null gives none. */
  public static Map<String, String> parse(String value) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : (value == null ? "" : value).split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0) m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      else if (!kv.isBlank()) m.put(kv.trim(), "");
    }
    return m;
  }

  /** The labels as the engine's label filters ({@code key=value}, or {@code key} for an empty value). */
  public static List<String> filters(Map<String, String> labels) {
    List<String> l = new ArrayList<>();
    labels.forEach((k, v) -> l.add(v.isEmpty() ? k : k + "=" + v));
    return l;
  }
}
