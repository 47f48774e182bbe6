package jokku.scheduler.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jokku.DokkuException;
import jokku.Out;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.EngineUnreachable;
import jokku.engine.SwarmApi;
import jokku.engine.SwarmInfo;
import jokku.engine.SwarmNode;
import jokku.store.Store;

/**
 * {@code scheduler-swarm:*}: this engine as the swarm's manager, other engines (any engine URL: {@code ssh://} for a
 * real second server) joined as workers or managers through their own API with the join token, the gossip port
 * checked from here, the nodes listed and removed (demoted and drained first, so swarm moves their tasks). The
 * engine address each node joined from is kept ({@code config/scheduler-swarm/--global/node.<id>}) so a removed
 * node can be told to leave.
 */
public final class Cluster {
  /** One node as {@code cluster-list} shows it. */
  public record Node(String id, String hostname, String status, String availability, String role, String address, boolean self) {}

  private final Engine engine;
  private final SwarmApi manager;
  private final Store store;
  private final Out out;
  private final Function<String, Engine> engines;

  /** Other engines reached with this process's environment's TLS and ssh settings. */
  public Cluster(Engine manager, Store store, Out out) {
    this(manager, store, out, url -> Engine.open(url, System.getenv(), null, List.of()));
  }

  /** {@code engines} opens another engine by its URL (with this command's TLS and ssh settings). */
  public Cluster(Engine manager, Store store, Out out, Function<String, Engine> engines) {
    this.engine = manager;
    this.manager = manager.swarm();
    this.store = store;
    this.out = out;
    this.engines = engines;
  }

  /** {@code scheduler-swarm:initialize}: a single-manager swarm on this engine (nothing to do when it manages one). */
  public void initialize(String advertiseAddr, String addrPool) {
    if (manager.isManager()) {
      out.info1Quiet("This engine already manages a swarm (node " + manager.info().nodeId() + ")");
      return;
    }
    String state = manager.localState();
    if (!state.equals("inactive")) throw new DokkuException("This engine is a swarm " + state + " node but not a manager: promote it or make it leave first");
    out.info1Quiet("Initializing a swarm on " + engine.address());
    try {
      String id = manager.init(advertiseAddr, addrPool);
      out.info2Quiet("Swarm initialized; this engine is its manager (node " + id.replace("\"", "") + ")");
    } catch (EngineException e) {
      throw new DokkuException("Unable to initialize the swarm: " + e.getMessage());
    }
  }

  /**
   * {@code scheduler-swarm:cluster-add <engine-url> [--role worker|manager] [--advertise-addr <ip>]}: that engine
   * joins with the role's token; returns its node id. When the manager cannot reach the new node's gossip port, the
   * node is made to leave again and the command fails naming the ports.
   */
  public String add(String engineUrl, String role, String advertiseAddr) {
    requireManager();
    String token = manager.joinToken(role.equals("manager"));
    SwarmInfo self = manager.info();
    String managerAddr = self.nodeAddr();
    if (managerAddr.isEmpty()) throw new DokkuException("The manager reports no address to join");
    try (Engine joining = engines.apply(engineUrl)) {
      SwarmApi node = joining.swarm();
      SwarmInfo info = node.info();
      String state = info.localNodeState().isEmpty() ? "inactive" : info.localNodeState();
      if (!state.equals("inactive")) {
        String cluster = info.clusterId();
        if (!cluster.isEmpty() && cluster.equals(self.clusterId())) {
          throw new DokkuException("The engine at " + engineUrl + " is already a node of this swarm (node " + info.nodeId() + ")");
        }
        throw new DokkuException("The engine at " + engineUrl + " is already in another swarm (state " + state
            + (info.nodeId().isEmpty() ? "" : ", node " + info.nodeId()) + "): make it leave that swarm first");
      }
      out.info1Quiet("Joining " + engineUrl + " to the swarm as a " + role);
      try {
        node.join(advertiseAddr, managerAddr + ":2377", token);
      } catch (EngineException e) {
        throw new DokkuException("Unable to join " + engineUrl + " to the swarm: " + e.getMessage() + joinHint(e.getMessage(), managerAddr));
      }
      String id = node.info().nodeId();
      waitReady(id);
      String addr = manager.nodeInfo(id).addr();
      String gossip = addr.isEmpty() ? null : SwarmPorts.closed(addr, 7946);
      if (gossip != null) {
        undoJoin(node, id);
        throw new DokkuException("The manager cannot reach " + engineUrl + " on " + addr + " port 7946/tcp (" + gossip + "): " + SwarmPorts.NEEDED
            + "; the node left the swarm again");
      }
      try (Store.Lock l = store.globalLock()) {
        store.setProperty(SwarmScheduler.PLUGIN, Store.GLOBAL, "node." + id, engineUrl);
      }
      out.info2Quiet("Node " + id + " (" + manager.nodeInfo(id).hostname() + ") joined as a " + role);
      return id;
    } catch (EngineUnreachable e) {
      throw new DokkuException("Unable to reach the engine to join: " + e.getMessage());
    } catch (EngineException e) {
      throw new DokkuException("Unable to join " + engineUrl + " to the swarm: " + e.getMessage());
    }
  }

  private static String joinHint(String message, String managerAddr) {
    if (message.contains("advertise") || message.contains("multiple addresses")) return " (name the node's address with --advertise-addr)";
    if (message.contains("Timeout") || message.contains("connection") || message.contains("dial")) {
      return " (the node must reach the manager at " + managerAddr + " port 2377/tcp; " + SwarmPorts.NEEDED + ")";
    }
    return "";
  }

  /** A join that must not stay: the node leaves, and the manager forgets it. */
  private void undoJoin(SwarmApi node, String id) {
    try {
      node.leave(true);
    } catch (RuntimeException e) {
      out.warn("The node could not be told to leave (" + e.getMessage() + ")");
    }
    try {
      manager.removeNode(id, true);
    } catch (RuntimeException e) {
      out.warn("Node " + id + " could not be removed from the swarm (" + e.getMessage() + ")");
    }
  }

  private void waitReady(String id) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!manager.nodeInfo(id).ready()) {
      if (System.currentTimeMillis() > deadline) throw new DokkuException("Node " + id + " joined but is not ready after 60 seconds");
      Edge.sleep(250);
    }
  }

  public List<Node> list() {
    requireManager();
    String self = manager.info().nodeId();
    List<Node> l = new ArrayList<>();
    for (SwarmNode n : manager.nodeList()) {
      l.add(new Node(n.id(), n.hostname(), n.state(), n.availability(), n.role(), n.addr(), n.id().equals(self)));
    }
    l.sort((a, b) -> a.hostname().equals(b.hostname()) ? a.id().compareTo(b.id()) : a.hostname().compareTo(b.hostname()));
    return l;
  }

  /**
   * {@code scheduler-swarm:cluster-remove <node>} (id or hostname): drained (swarm reschedules its tasks on the
   * other nodes, waited for), told to leave through the engine it joined from, then removed from the swarm.
   */
  public void remove(String nameOrId) {
    Node node = find(nameOrId);
    if (node.self()) throw new DokkuException("Node " + nameOrId + " is this manager: it cannot be removed from its own swarm");
    if (node.role().equals("manager")) {
      out.info1Quiet("Demoting node " + node.hostname() + " (" + node.id() + ") to a worker");
      manager.setNodeRole(node.id(), "worker");
      long deadline = System.currentTimeMillis() + 60_000;
      while (!manager.nodeInfo(node.id()).role().equals("worker") || manager.nodeInfo(node.id()).managerNow()) {
        if (System.currentTimeMillis() > deadline) throw new DokkuException("Node " + nameOrId + " is still a manager after 60 seconds of demotion");
        Edge.sleep(250);
      }
    }
    out.info1Quiet("Draining node " + node.hostname() + " (" + node.id() + ")");
    drain(node.id());
    String url = store.property(SwarmScheduler.PLUGIN, Store.GLOBAL, "node." + node.id());
    if (!url.isEmpty() && node.status().equals("ready")) {
      try (Engine leaving = engines.apply(url)) {
        leaving.swarm().leave(false);
      } catch (EngineUnreachable | EngineException e) {
        out.warn("Node " + node.hostname() + " could not be told to leave (" + e.getMessage() + "); removing it from the swarm anyway");
      }
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        manager.removeNode(node.id(), System.currentTimeMillis() > deadline);
        break;
      } catch (EngineException e) {
        if (e.notFound()) break;
        if (System.currentTimeMillis() > deadline + 1000) throw new DokkuException("Unable to remove node " + nameOrId + ": " + e.getMessage());
        Edge.sleep(250);
      }
    }
    try (Store.Lock l = store.globalLock()) {
      store.setProperty(SwarmScheduler.PLUGIN, Store.GLOBAL, "node." + node.id(), "");
    }
    out.info2Quiet("Node " + node.hostname() + " removed");
  }

  /** Sets the node's availability to drain and waits until no task wants to run on it. */
  public void drain(String id) {
    manager.setNodeAvailability(id, "drain");
    long deadline = System.currentTimeMillis() + 120_000;
    while (!manager.taskList(Map.of("node", List.of(id), "desired-state", List.of("running"))).isEmpty()) {
      if (System.currentTimeMillis() > deadline) throw new DokkuException("Node " + id + " still runs tasks after 120 seconds of draining");
      Edge.sleep(250);
    }
  }

  private Node find(String nameOrId) {
    List<Node> matches = new ArrayList<>();
    for (Node n : list()) if (n.id().equals(nameOrId) || n.hostname().equals(nameOrId) || n.id().startsWith(nameOrId) && nameOrId.length() >= 6) matches.add(n);
    if (matches.isEmpty()) throw new DokkuException("Node " + nameOrId + " is not part of the swarm");
    if (matches.size() > 1) throw new DokkuException("Node " + nameOrId + " is ambiguous: use its id");
    return matches.get(0);
  }

  /** {@code scheduler-swarm:report}. */
  public Map<String, String> report() {
    SwarmInfo s = manager.info();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--scheduler-swarm-engine", engine.address());
    f.put("--scheduler-swarm-state", s.localNodeState());
    f.put("--scheduler-swarm-manager", String.valueOf(s.controlAvailable()));
    f.put("--scheduler-swarm-node-id", s.nodeId());
    f.put("--scheduler-swarm-node-address", s.nodeAddr());
    f.put("--scheduler-swarm-cluster-id", s.clusterId());
    f.put("--scheduler-swarm-nodes", String.valueOf(s.nodes()));
    f.put("--scheduler-swarm-managers", String.valueOf(s.managers()));
    return f;
  }

  private void requireManager() {
    if (!manager.isManager()) {
      throw new DokkuException("The engine at " + engine.address() + " is not a swarm manager (swarm state: "
          + manager.localState() + "); run scheduler-swarm:initialize first");
    }
  }
}
