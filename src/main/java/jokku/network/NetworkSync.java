package jokku.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.Out;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.ports.Ports;
import jokku.store.Store;

/**
 * {@code network:rebuild}: brings an app's running deploy containers to the configured network state without a
 * redeploy. The containers are those named by the {@code CONTAINER.<proc>.<n>} files, looked up in ONE list request
 * (all deploy containers of the app, or of every app for rebuildall). A container is inspected when the list answer
 * cannot settle it: a configured network is missing, or it is on a user-defined network whose aliases (not in the
 * list answer) must be compared with the plan's; and when its id is missing from the list (a deploy may have raced
 * the listing). Containers only on the engine's bridge need no request of their own.
 *
 * <p>What jokku attached is read from the engine, not from a record: a network endpoint carrying the deploy alias
 * {@code <app>.<proc>[.<tld>]} was attached by jokku (deploys and this command add it; nothing else does). Such an
 * endpoint on a network no longer listed in attach-post-create / attach-post-deploy is disconnected. Endpoints on the
 * initial network and on configured networks whose aliases are not the plan's (a tld set or changed since the
 * deploy, an alias missing) are reconnected with the right ones. Endpoints without the alias (attached by hand) and
 * the network the container was created on, when no longer configured, are left alone. See {@link EndpointPlan}.
 */
public final class NetworkSync {
  /**
   * The outcome for one app: containers that could not be brought in sync, and whether web listener files (what the
   * proxy reads) changed; other process types' IP files do not concern the proxy.
   */
  public record Result(int unsynced, boolean listenersChanged) {
    public static final Result NOTHING = new Result(0, false);
  }

  private final Engine engine;
  private final Store store;
  private final Out out;
  private final NetworkSettings settings;
  private final NetworkPlan plan;

  public NetworkSync(Engine engine, Store store, Out out) {
    this.engine = engine;
    this.store = store;
    this.out = out;
    this.settings = new NetworkSettings(store);
    this.plan = new NetworkPlan(settings);
  }

  /** The deploy containers of one app (one request, stopped ones included). */
  public List<ContainerInfo> listApp(String app) {
    return engine.listContainers(List.of("com.dokku.app-name=" + app, "com.dokku.container-type=deploy"), true);
  }

  /** The deploy containers of every app (one request), by app name. */
  public Map<String, List<ContainerInfo>> listAll() {
    Map<String, List<ContainerInfo>> m = new HashMap<>();
    for (ContainerInfo c : engine.listContainers(List.of("com.dokku.container-type=deploy"), true)) {
      m.computeIfAbsent(c.label("com.dokku.app-name"), k -> new ArrayList<>()).add(c);
    }
    return m;
  }

  /** True when the app has any state file (CONTAINER, IP or PORT), i.e. there is something to sync. */
  public boolean hasState(String app) {
    return !store.appFiles(app, "CONTAINER.").isEmpty() || !store.appFiles(app, "IP.").isEmpty() || !store.appFiles(app, "PORT.").isEmpty();
  }

  /** Syncs one app against the given list answer. Holds the app lock. */
  public Result sync(String app, List<ContainerInfo> listed) {
    try (Store.Lock ignored = store.lock(app)) {
      if (!hasState(app)) return Result.NOTHING;
      out.info1("Ensuring network configuration is in sync for " + app);
      Map<String, ContainerInfo> byId = new HashMap<>();
      for (ContainerInfo c : listed) byId.put(c.id(), c);
      int unsynced = 0;
      boolean changed = false;
      Set<String> dynos = new LinkedHashSet<>();
      for (String f : store.appFiles(app, "CONTAINER.")) {
        String dyno = f.substring("CONTAINER.".length());
        if (!validDyno(dyno)) continue;
        dynos.add(dyno);
        String id = firstLine(store.readAppFile(app, f));
        ContainerInfo c = id.isEmpty() ? null : byId.containsKey(id) ? byId.get(id) : inspectOrNull(id);
        if (c == null) {
          changed |= removeListenerFiles(app, dyno, "container " + (id.length() > 12 ? id.substring(0, 12) : id) + " is gone") && isWeb(dyno);
          continue;
        }
        if (!c.running()) continue;
        Synced s = syncContainer(app, dyno, c);
        if (!s.ok) unsynced++;
        changed |= s.listenersChanged && isWeb(dyno);
      }
      for (String prefix : List.of("IP.", "PORT.")) {
        for (String f : store.appFiles(app, prefix)) {
          String dyno = f.substring(prefix.length());
          if (validDyno(dyno) && !dynos.contains(dyno)) {
            store.deleteAppFile(app, f);
            out.verboseQuiet(dyno + ": removed " + f + " (no CONTAINER." + dyno + ")");
            changed |= isWeb(dyno);
          }
        }
      }
      return new Result(unsynced, changed);
    }
  }

  private record Synced(boolean ok, boolean listenersChanged) {}

  private Synced syncContainer(String app, String dyno, ContainerInfo listed) {
    String proc = listed.label("com.dokku.process-type");
    if (proc.isEmpty()) proc = dyno.substring(0, dyno.lastIndexOf('.'));
    String initial = plan.initialNetwork(app);
    Set<String> attach = new LinkedHashSet<>();
    attach.addAll(settings.computedList(app, NetworkProperty.ATTACH_POST_CREATE));
    attach.addAll(settings.computedList(app, NetworkProperty.ATTACH_POST_DEPLOY));
    attach.remove(initial);
    if (!EndpointPlan.needsInspect(listed, attach)) return new Synced(true, refreshListener(app, dyno, proc, listed));
    ContainerInfo full = inspect(dyno, listed);
    if (full == null) return new Synced(false, false);
    List<String> aliases = plan.aliases(app, proc, full.hostname(), true);
    EndpointPlan todo = EndpointPlan.of(full, attach, initial, aliases, app + "." + proc);
    boolean ok = true;
    for (String n : todo.disconnect()) {
      try {
        engine.disconnect(n, listed.id(), false);
        out.verboseQuiet(dyno + ": disconnected from network " + n);
      } catch (EngineException e) {
        out.warn(dyno + ": unable to disconnect from network " + n + ": " + e.getMessage());
        ok = false;
      }
    }
    for (String n : todo.realias()) ok &= reconnect(dyno, listed.id(), n, aliases);
    for (String n : todo.connect()) {
      try {
        engine.connect(n, listed.id(), aliases);
        out.verboseQuiet(dyno + ": connected to network " + n + " as " + aliases.get(0));
      } catch (EngineException e) {
        if (e.getMessage().contains("already exists")) continue; // attached meanwhile: in sync
        out.warn(dyno + ": unable to attach to network " + n + ": " + (e.notFound() ? "Network " + n + " does not exist" : e.getMessage()));
        ok = false;
      }
    }
    ContainerInfo now = todo.realias().isEmpty() ? full : inspect(dyno, listed); // a rejoined endpoint may have a new address
    if (now == null) return new Synced(false, false);
    return new Synced(ok, refreshListener(app, dyno, proc, now));
  }

  private ContainerInfo inspect(String dyno, ContainerInfo listed) {
    try {
      return engine.inspectContainer(listed.id());
    } catch (RuntimeException e) {
      out.warn(dyno + ": unable to inspect container " + listed.shortId() + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * Rewrites an endpoint's aliases: the engine cannot change them in place, so the endpoint is disconnected and
   * connected again (a running container may leave and rejoin even the network it was created on).
   */
  private boolean reconnect(String dyno, String id, String network, List<String> aliases) {
    try {
      engine.disconnect(network, id, false);
    } catch (EngineException e) {
      out.warn(dyno + ": unable to disconnect from network " + network + " to update its aliases: " + e.getMessage());
      return false;
    }
    try {
      engine.connect(network, id, aliases);
      out.verboseQuiet(dyno + ": reconnected to network " + network + " as " + aliases.get(0));
      return true;
    } catch (EngineException e) {
      out.warn(dyno + ": unable to reconnect to network " + network + ": " + e.getMessage());
      return false;
    }
  }

  /** Rewrites IP (and PORT for web) when they differ from the engine's; true when a file changed. */
  private boolean refreshListener(String app, String dyno, String proc, ContainerInfo c) {
    if (proc.equals("web") && !plan.staticWebListener(app).isEmpty()) return false;
    boolean changed = false;
    String ip = ipOf(app, c);
    if (!ip.isEmpty() && !ip.equals(firstLine(store.readAppFile(app, "IP." + dyno)))) {
      store.writeAppFile(app, "IP." + dyno, ip);
      out.verboseQuiet(dyno + ": IP " + ip);
      changed = true;
    }
    if (proc.equals("web")) {
      String port = new Ports(store).webPort(app);
      String had = firstLine(store.readAppFile(app, "PORT." + dyno));
      if (port.isEmpty() && !had.isEmpty()) {
        store.deleteAppFile(app, "PORT." + dyno);
        changed = true;
      } else if (!port.isEmpty() && !port.equals(had)) {
        store.writeAppFile(app, "PORT." + dyno, port);
        out.verboseQuiet(dyno + ": PORT " + port);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * The listener IP: 127.0.0.1 in host mode, else the address on the computed initial network (bridge when unset),
   * falling back to the network the container was created on when the setting changed since its deploy.
   */
  private String ipOf(String app, ContainerInfo c) {
    if (c.networkMode().equals("host")) return "127.0.0.1";
    ContainerInfo.Endpoint ep = c.networks().get(plan.addressNetwork(app));
    if (ep == null || ep.ip().isEmpty()) ep = c.networks().get(c.networkMode().equals("default") ? "bridge" : c.networkMode());
    return ep == null ? "" : ep.ip();
  }

  private boolean removeListenerFiles(String app, String dyno, String why) {
    boolean any = false;
    for (String f : List.of("IP." + dyno, "PORT." + dyno)) {
      if (!store.readAppFile(app, f).isEmpty() || store.appFiles(app, f).contains(f)) {
        store.deleteAppFile(app, f);
        any = true;
      }
    }
    if (any) out.verboseQuiet(dyno + ": removed IP." + dyno + " and PORT." + dyno + " (" + why + ")");
    return any;
  }

  private ContainerInfo inspectOrNull(String id) {
    try {
      return engine.inspectContainer(id);
    } catch (EngineException e) {
      if (e.notFound()) return null;
      throw e;
    }
  }

  private static boolean isWeb(String dyno) {
    return dyno.startsWith("web.");
  }

  private static boolean validDyno(String dyno) {
    return dyno.matches("[A-Za-z0-9_-]+\\.\\d+");
  }

  private static String firstLine(String s) {
    for (String l : s.split("\n")) if (!l.isBlank()) return l.trim();
    return "";
  }
}
