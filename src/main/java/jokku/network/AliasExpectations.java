package jokku.network;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.engine.ContainerInfo;

/**
 * Which of an app's DNS names should, and should not, resolve on each network its running deploy containers are on or
 * are configured for: on the initial and attached networks, {@code <app>.<proc>[.<tld>]} and each container's
 * {@code <hostname>.<app>.<proc>[.<tld>]}; on any other network, {@code <app>.<proc>[.<tld>]} must not resolve (an
 * endpoint left behind on a network removed from the properties); with a tld, the name without it must not resolve
 * anywhere. Pure: what {@link DnsProbe} asks the networks' DNS.
 */
public final class AliasExpectations {
  private AliasExpectations() {}

  /** network → (name → should it resolve), networks in a stable order. */
  public static Map<String, Map<String, Boolean>> of(AppState s) {
    AppState.Settings st = s.settings();
    Set<String> configured = new LinkedHashSet<>();
    if (EndpointPlan.aliasable(st.initial())) configured.add(st.initial());
    configured.addAll(st.attach());
    Set<String> networks = new LinkedHashSet<>(configured);
    Map<String, String> procs = new LinkedHashMap<>(); // container id → proc
    for (Map.Entry<String, String> f : s.files().entrySet()) {
      if (!f.getKey().startsWith("CONTAINER.")) continue;
      ContainerInfo c = s.containers().get(AppState.firstLine(f.getValue()));
      if (c == null || !c.running()) continue;
      procs.put(c.id(), SyncPlan.procOf(f.getKey().substring("CONTAINER.".length()), c));
      for (String n : c.networks().keySet()) if (EndpointPlan.aliasable(n)) networks.add(n);
    }
    if (s.networks() != null) networks.removeIf(n -> !s.networks().contains(n));
    Map<String, Map<String, Boolean>> m = new LinkedHashMap<>();
    if (procs.isEmpty()) return m;
    for (String n : networks) {
      Map<String, Boolean> names = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : procs.entrySet()) {
        ContainerInfo c = s.containers().get(e.getKey());
        List<String> aliases = NetworkPlan.aliases(s.app(), e.getValue(), c.hostname(), st.tld());
        if (configured.contains(n)) {
          for (String a : aliases) names.put(a, true);
        } else {
          names.putIfAbsent(aliases.get(0), false);
        }
        if (!st.tld().isEmpty()) names.putIfAbsent(s.app() + "." + e.getValue(), false);
      }
      m.put(n, names);
    }
    return m;
  }
}
