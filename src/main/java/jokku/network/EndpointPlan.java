package jokku.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.engine.ContainerInfo;

/**
 * What must change on one running deploy container's network endpoints so they match the app's network properties:
 * networks to connect (configured, not joined), to disconnect (joined by jokku, no longer configured) and to
 * reconnect because their DNS aliases are not the ones the plan wants (a {@code tld} set or changed since the deploy,
 * an alias missing). Pure: {@link NetworkSync} reads the container and does the engine work.
 */
public record EndpointPlan(List<String> connect, List<String> disconnect, List<String> realias) {
  /** Nothing to change. */
  public static final EndpointPlan NONE = new EndpointPlan(List.of(), List.of(), List.of());

  /** Networks that never carry aliases: the engine's own ones (aliases are refused on them). */
  private static final Set<String> NO_ALIASES = Set.of("", "default", "bridge", "host", "none", "ingress", "docker_gwbridge");

  public boolean isEmpty() {
    return connect.isEmpty() && disconnect.isEmpty() && realias.isEmpty();
  }

  /**
   * True when the list answer (which carries no aliases nor hostname) cannot settle it: a configured network is
   * missing, or the container is on a user-defined network whose aliases must be read.
   */
  static boolean needsInspect(ContainerInfo listed, Set<String> attach) {
    if (!listed.networks().keySet().containsAll(attach)) return true;
    for (String n : listed.networks().keySet()) if (aliasable(n)) return true;
    return false;
  }

  /**
   * The changes for an inspected container. {@code attach} holds the attach-post-create and attach-post-deploy
   * networks (the initial network excluded), {@code aliases} the deploy aliases the plan wants, {@code bareAlias}
   * {@code <app>.<proc>}: an endpoint carrying it (with any tld) was attached by jokku. Endpoints on the initial
   * network and on attached networks must carry exactly {@code aliases}; endpoints attached by hand (no deploy
   * alias), the network the container was created on and the engine's networks are left alone.
   */
  static EndpointPlan of(ContainerInfo c, Set<String> attach, String initial, List<String> aliases, String bareAlias) {
    List<String> connect = new ArrayList<>(), disconnect = new ArrayList<>(), realias = new ArrayList<>();
    for (String n : attach) if (!c.networks().containsKey(n)) connect.add(n);
    for (Map.Entry<String, ContainerInfo.Endpoint> e : c.networks().entrySet()) { // a loop: a lambda missing from the start-up archive is spun at run time
      String n = e.getKey();
      if (!aliasable(n)) continue;
      if (attach.contains(n) || n.equals(initial)) {
        if (aliasesDiffer(e.getValue().aliases(), aliases, c.id())) realias.add(n);
      } else if (!n.equals(c.networkMode()) && carriesAlias(e.getValue(), bareAlias)) {
        disconnect.add(n);
      }
    }
    return new EndpointPlan(connect, disconnect, realias);
  }

  static boolean aliasable(String network) {
    return !NO_ALIASES.contains(network) && !network.startsWith("container:");
  }

  /**
   * True when the endpoint's aliases are not exactly the wanted ones. The engine lists the container's short id among
   * an endpoint's aliases (API before 1.45); it is not ours and is ignored.
   */
  static boolean aliasesDiffer(List<String> have, List<String> want, String containerId) {
    Set<String> h = new HashSet<>(have);
    h.remove(containerId.length() > 12 ? containerId.substring(0, 12) : containerId);
    return !h.equals(new HashSet<>(want));
  }

  /** An endpoint that carries the deploy alias {@code <app>.<proc>} (any tld suffix) was attached by jokku. */
  static boolean carriesAlias(ContainerInfo.Endpoint ep, String bareAlias) {
    for (String a : ep.aliases()) if (a.equals(bareAlias) || a.startsWith(bareAlias + ".")) return true;
    return false;
  }
}
