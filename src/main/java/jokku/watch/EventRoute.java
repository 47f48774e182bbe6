package jokku.watch;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jokku.DokkuLabels;
import jokku.engine.EngineEvents.Event;

/**
 * Which app an engine event concerns, if any. Container events name their app in the container's labels (only deploy
 * containers, and only those inside the watcher's label scope, count). Network connect/disconnect events name the
 * container by id only, so they are mapped through the ids the watcher knows (from its listings and the container
 * events it has seen): a container jokku does not know is not jokku's business.
 */
public final class EventRoute {
  /** The engine's {@code event} filter: the container and network actions that can change an app's network state. */
  public static final Set<String> CONTAINER_ACTIONS = Set.of("start", "restart", "die", "destroy", "health_status");
  public static final Set<String> NETWORK_ACTIONS = Set.of("connect", "disconnect");
  /** The engine's node events (a swarm manager only): a node's state or spec changed. */
  public static final Set<String> NODE_ACTIONS = Set.of("update");
  /** A swarm app's edge container (the app's name): its events mark the app too, so a stopped edge is restarted. */
  static final String EDGE_LABEL = "com.jokku.swarm-edge";

  /**
   * What an event asks for: a sync of {@code app}; {@code died} when a deploy container stopped; {@code started} when
   * one started (its endpoints and addresses are then final: nothing to wait for, see {@link Coalescer#settled}).
   */
  public record Route(String app, String containerId, boolean died, boolean started) {}

  private EventRoute() {}

  /**
   * The route of {@code e}. {@code known} (container id → app) is updated: deploy containers are added when seen,
   * removed when destroyed. {@code scope}: labels every container of this watcher carries (JOKKU_LABELS).
   */
  public static Optional<Route> route(Event e, Map<String, String> known, Map<String, String> scope) {
    if (e.type().equals("container")) {
      String action = e.action().startsWith("health_status") ? "health_status" : e.action();
      if (!CONTAINER_ACTIONS.contains(action)) return Optional.empty();
      String app = e.attribute(DokkuLabels.APP);
      String edgeOf = e.attribute(EDGE_LABEL);
      if (!edgeOf.isEmpty() && app.isEmpty() && inScope(e, scope)) return Optional.of(new Route(edgeOf, e.actorId(), false, false));
      if (app.isEmpty() || !e.attribute(DokkuLabels.CONTAINER_TYPE).equals("deploy") || !inScope(e, scope)) return Optional.empty();
      if (action.equals("destroy")) known.remove(e.actorId());
      else known.put(e.actorId(), app);
      return Optional.of(new Route(app, e.actorId(), action.equals("die"), action.equals("start") || action.equals("restart")));
    }
    if (e.type().equals("network") && NETWORK_ACTIONS.contains(e.action())) {
      String id = e.attribute("container");
      String app = known.get(id);
      return app == null ? Optional.empty() : Optional.of(new Route(app, id, false, false));
    }
    return Optional.empty();
  }

  /**
   * The swarm node id of a node event saying the node can take tasks again: its state turned {@code ready} (it was
   * down: its engine or host is back), its availability turned {@code active} (undrained), or its description
   * changed without any state, availability or role change (what an engine restarted too fast to be marked down
   * sends); empty for every other event.
   */
  public static Optional<String> nodeBack(Event e) {
    if (!e.type().equals("node") || !NODE_ACTIONS.contains(e.action())) return Optional.empty();
    if (turned(e, "state", "ready") || turned(e, "availability", "active")) return Optional.of(e.actorId());
    for (String k : e.attributes().keySet()) if (k.startsWith("state.") || k.startsWith("availability.") || k.startsWith("role.")) return Optional.empty();
    return Optional.of(e.actorId());
  }

  private static boolean turned(Event e, String what, String to) {
    String was = e.attribute(what + ".old");
    return e.attribute(what + ".new").equals(to) && !was.isEmpty() && !was.equals(to);
  }

  private static boolean inScope(Event e, Map<String, String> scope) {
    for (Map.Entry<String, String> l : scope.entrySet()) {
      if (!e.attributes().containsKey(l.getKey())) return false;
      if (!l.getValue().isEmpty() && !l.getValue().equals(e.attribute(l.getKey()))) return false;
    }
    return true;
  }
}
