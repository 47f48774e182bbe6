package jokku.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import jokku.DokkuException;
import jokku.engine.ContainerWait;
import jokku.engine.Containers;
import jokku.engine.Hijacked;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.LocalStreamError;
import jokku.engine.NetworkInfo;
import jokku.network.NetworkPlan;

/**
 * Creates and runs one-off containers of an app ({@code run}, {@code run:detached}, deploy tasks) with the network
 * treatment of Dokku's {@code post-container-create}: created on the initial network, then connected to every
 * attach-post-create network (no aliases) before it starts. A failure before the start removes the container.
 */
public final class OneOff {
  /** A created, not yet started container. */
  public record Created(String id, String name) {
    public String shortId(int len) {
      return id.length() > len ? id.substring(0, len) : id;
    }
  }

  private final Engine engine;
  private final Containers containers;
  private final NetworkPlan plan;
  private final Map<String, String> extraLabels;
  private final String defaultNetwork;

  public OneOff(Engine engine, NetworkPlan plan, Map<String, String> extraLabels) {
    this(engine, plan, extraLabels, "");
  }

  /**
   * {@code defaultNetwork}: the network a container joins first when the app sets no initial network ("" keeps the
   * engine's default bridge, as on docker-local; a swarm app's own overlay, so its run containers sit beside its tasks).
   */
  public OneOff(Engine engine, NetworkPlan plan, Map<String, String> extraLabels, String defaultNetwork) {
    this.engine = engine;
    this.containers = engine.containers();
    this.plan = plan;
    this.extraLabels = extraLabels;
    this.defaultNetwork = defaultNetwork;
  }

  /**
   * Creates the container on the app's initial network and connects each attach-post-create network. Every network
   * is checked first (one request), so a missing one fails before anything exists; a failed connect removes the
   * container. Numbered names ({@code <app>.run.<n>}) are retried with another number on a clash.
   */
  public Created create(OneOffSpec spec) {
    String initial = plan.initialNetwork(spec.app());
    if (initial.isEmpty()) initial = defaultNetwork;
    List<NetworkPlan.Attachment> attach = plan.postCreate(spec.app(), "", "", false);
    checkNetworksExist(initial, attach);
    String id = null;
    String name = null;
    for (int attempt = 0; id == null; attempt++) {
      int n = ThreadLocalRandom.current().nextInt(1, 32768);
      name = spec.name(n);
      try {
        id = containers.create(name, spec.createSpec(n, initial, extraLabels));
      } catch (EngineException e) {
        if (e.conflict() && name != null && attempt < 20) continue;
        if (e.notFound() && e.getMessage().contains("image")) throw imageMissing(spec.image());
        throw new DokkuException("Unable to create container for " + spec.app() + ": " + e.getMessage());
      }
    }
    for (NetworkPlan.Attachment a : attach) {
      if (!initial.isEmpty() && a.network().equals(initial)) continue; // already on it, as Dokku's "already attached" check
      try {
        engine.connect(a.network(), id, a.aliases());
      } catch (RuntimeException e) {
        discard(id);
        throw new DokkuException("Unable to attach container to network " + a.network() + ": " + e.getMessage());
      }
    }
    return new Created(id, name == null ? id.substring(0, 12) : name);
  }

  /** Dokku's message when the app has no image. */
  public static DokkuException imageMissing(String image) {
    return new DokkuException("App image (" + image + ") not found");
  }

  private void checkNetworksExist(String initial, List<NetworkPlan.Attachment> attach) {
    if (initial.isEmpty() && attach.isEmpty()) return;
    Set<String> names = new HashSet<>();
    for (NetworkInfo n : engine.listNetworks()) names.add(n.name());
    if (!initial.isEmpty() && !names.contains(initial)) throw new DokkuException("Network " + initial + " does not exist");
    for (NetworkPlan.Attachment a : attach) {
      if (!names.contains(a.network())) throw new DokkuException("Network " + a.network() + " does not exist");
    }
  }

  /** Removes a container that never ran (or is no longer wanted); a missing one is fine. */
  public void discard(String id) {
    try {
      engine.removeContainer(id, true);
    } catch (RuntimeException ignored) {
      // best effort: the original failure is what the user needs to see
    }
  }

  /**
   * Starts the container with its output streamed to {@code out}/{@code err} and {@code in} piped to its stdin (when
   * the spec opened stdin); blocks until it exits and returns its exit code. An auto-removed container is gone when
   * this returns; any other one is left for the caller. If this process is interrupted, the container is killed.
   */
  public int runAttached(OneOffSpec spec, Created c, InputStream in, OutputStream out, OutputStream err) {
    Hijacked io;
    ContainerWait wait;
    try {
      io = containers.attach(c.id(), spec.stdin);
      wait = engine.waitFor(c.id(), spec.autoRemove ? "removed" : "next-exit");
    } catch (RuntimeException e) {
      discard(c.id());
      throw e;
    }
    Thread killer = new Thread(() -> killQuietly(engine, c.id()), "jokku-run-interrupt");
    Runtime.getRuntime().addShutdownHook(killer);
    try (io; wait) {
      start(c);
      if (spec.tty && spec.rows > 0) engine.resizeTty(c.id(), spec.rows, spec.cols);
      if (spec.stdin) pump(in, io);
      if (spec.tty) io.in().transferTo(out);
      else Containers.demux(io.in(), out, err);
      out.flush();
      err.flush();
      return wait.exitCode();
    } catch (IOException e) {
      // the engine's stream throws EngineResponseError when it breaks: what failed is writing to out or err
      throw LocalStreamError.writing("container " + c.name(), e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException ignored) {
        // already shutting down: the hook runs
      }
    }
  }

  /** Starts the container and returns at once. */
  public void startDetached(Created c) {
    start(c);
  }

  /**
   * Runs a deploy task container: prints its output between Dokku's markers
   * ({@code =====> Start of <app> <phase> task (<id9>) output}), as verbose lines (dropped under --quiet), and
   * returns its exit code. The container is removed afterwards unless {@code keep} (e.g. to commit it).
   */
  public TaskResult task(OneOffSpec spec, TaskOutput output, boolean keep) {
    Created c = create(spec.autoRemove(false));
    try {
      output.start(spec.app(), spec.containerType(), c.shortId(9));
      OutputStream lines = output.lines();
      int code = runAttached(spec, c, InputStream.nullInputStream(), lines, lines);
      lines.flush();
      output.end(spec.app(), spec.containerType(), c.shortId(9));
      return new TaskResult(code, c.id());
    } catch (IOException e) {
      throw LocalStreamError.writing("container " + c.name(), e);
    } finally {
      if (!keep) discard(c.id());
    }
  }

  /** A finished task: its exit code and the container id (already removed unless kept). */
  public record TaskResult(int exitCode, String containerId) {}

  /** Where task output goes: the markers and the container's lines. */
  public interface TaskOutput {
    void start(String app, String phase, String id9);

    OutputStream lines();

    void end(String app, String phase, String id9);
  }

  private void start(Created c) {
    try {
      containers.start(c.id());
    } catch (EngineException e) {
      discard(c.id());
      String m = e.getMessage();
      int code = m.contains("executable file not found") || m.contains("no such file or directory") ? 127 : m.contains("permission denied") ? 126 : 125;
      throw new DokkuException(code, "Unable to start container " + c.name() + ": " + m);
    }
  }

  private static void pump(InputStream in, Hijacked io) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          io.write(buf, 0, n);
        }
      } catch (IOException ignored) {
        // the container stopped reading
      } finally {
        io.closeStdin();
      }
    }, "jokku-run-stdin");
    t.setDaemon(true);
    t.start();
  }

  private static void killQuietly(Engine engine, String id) {
    try (Engine e = engine.connection()) {
      e.containers().kill(id, "SIGKILL");
    } catch (RuntimeException ignored) {
      // the process is exiting anyway
    }
  }
}
