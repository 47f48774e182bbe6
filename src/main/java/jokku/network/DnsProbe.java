package jokku.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.Out;
import jokku.engine.ContainerInfo;
import jokku.engine.ContainerSpec;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.EngineException;

/**
 * {@code network:check --probe}: asks each network's DNS, from the inside, what {@link AliasExpectations} says it
 * should answer. Per network, one throw-away container of the app's image (labelled {@code com.jokku.probe=<app>},
 * removed afterwards) runs {@code nslookup} for every name at once; names that should resolve and do not, and names
 * that resolve where they should not, become findings.
 */
public final class DnsProbe {
  public static final String LABEL = "com.jokku.probe";

  private final Engine engine;
  private final Map<String, String> labels;
  private final Out out;

  /** {@code labels} go on every probe container (the invocation's {@code JOKKU_LABELS}). */
  public DnsProbe(Engine engine, Map<String, String> labels, Out out) {
    this.engine = engine;
    this.labels = labels;
    this.out = out;
  }

  public List<Finding> probe(AppState s) {
    List<Finding> l = new ArrayList<>();
    String image = image(s);
    for (Map.Entry<String, Map<String, Boolean>> e : AliasExpectations.of(s).entrySet()) {
      String network = e.getKey();
      Set<String> resolved = resolve(s.app(), image, network, e.getValue().keySet());
      if (resolved == null) continue;
      e.getValue().forEach((name, should) -> {
        if (should && !resolved.contains(name)) l.add(finding(s.app(), Finding.Kind.ALIAS_UNRESOLVED, name, network));
        if (!should && resolved.contains(name)) l.add(finding(s.app(), Finding.Kind.ALIAS_VISIBLE, name, network));
      });
    }
    return l;
  }

  private static Finding finding(String app, Finding.Kind k, String name, String network) {
    return new Finding(app, "", "", k, name + " on " + network, "", "");
  }

  private static String image(AppState s) {
    for (ContainerInfo c : s.containers().values()) if (c.running() && !c.image().isEmpty()) return c.image();
    return "";
  }

  /** The names that resolve on the network, or null when the probe could not run (a warning says why). */
  Set<String> resolve(String app, String image, String network, Set<String> names) {
    StringBuilder script = new StringBuilder();
    for (String n : names) {
      script.append("(if nslookup '").append(n).append("' >/dev/null 2>&1; then echo '+ ").append(n)
          .append("'; else echo '- ").append(n).append("'; fi) & ");
    }
    script.append("wait");
    Map<String, String> l = new LinkedHashMap<>(labels);
    l.put(LABEL, app);
    ContainerSpec probe = new ContainerSpec().image(image).entrypoint(List.of("sh", "-c")).cmd(List.of(script.toString()))
        .labels(l).networkMode(network);
    Containers cs = engine.containers();
    String id = null;
    try {
      id = cs.create(null, probe);
      cs.start(id);
      int code = cs.await(id);
      Set<String> yes = new HashSet<>();
      int answers = 0;
      for (String line : cs.logs(id).split("\n")) {
        if (line.startsWith("+ ")) yes.add(line.substring(2).trim());
        if (line.startsWith("+ ") || line.startsWith("- ")) answers++;
      }
      if (answers < names.size()) {
        out.warn("unable to probe network " + network + " for " + app + ": nslookup did not run in " + image + " (exit " + code + ")");
        return null;
      }
      return yes;
    } catch (EngineException e) {
      out.warn("unable to probe network " + network + " for " + app + ": " + e.getMessage());
      return null;
    } finally {
      if (id != null) {
        try {
          engine.removeContainer(id, true);
        } catch (EngineException ignored) {
          // already gone
        }
      }
    }
  }
}
