package jokku.watch;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jokku.DokkuLabels;
import jokku.engine.EngineEvents.Event;
import jokku.engine.EngineException;
import jokku.engine.EngineUnreachable;

/**
 * {@code network:watch}'s loop. Connecting means: open the event stream (from the last event seen, so the engine
 * replays what happened while it was away), then reconcile every app; events that arrive meanwhile wait in the queue,
 * so nothing between the reconcile and the stream is lost. Then events are routed to apps ({@link EventRoute}),
 * coalesced ({@link Coalescer}) and synced one app at a time; an app with a deploy in progress is put off until the
 * deploy ends. A broken stream or an unreachable engine gives one line, then attempts with {@link Backoff} until the
 * engine answers, and a new connect. {@link #stop} ends the loop after the sync in hand (no interrupts: a sync is
 * never cut in half).
 */
public final class Watcher {
  /** One open event stream. */
  public interface EventSource {
    /** The next event, null when the stream ended; IOException when the connection broke. */
    Event next() throws IOException;

    /** Ends the stream (from any thread), so a blocked {@link #next} returns. */
    void close();
  }

  /** Everything the watcher does to the engine and the apps. */
  public interface Host {
    /** Opens the event stream from {@code since} ("" for live events only). */
    EventSource open(String since);

    /** Brings every app to the plan ({@code network:rebuildall}); returns the deploy containers seen (id → app). */
    Map<String, String> reconcileAll();

    /** Brings one app to the plan ({@code network:rebuild}); reports its own failures, throws only when the engine is gone. */
    void sync(String app);

    /** True while a deploy of {@code app} is in progress. */
    boolean deploying(String app);

    /** The restart state of a current deploy container of {@code app}; empty when it is not one (retired, gone). */
    Optional<RestartState> restartState(String app, String containerId);

    /**
     * True when {@code containerId} of {@code app} accepts TCP connections on its web port, or has nothing to wait for:
     * not one of the app's current web containers, not running, gone, or a probe that cannot tell (only a refused
     * connection means "not yet"). Answers within a fraction of a second.
     */
    boolean accepting(String app, String containerId);

    /** Rebuilds the app ({@code ps:rebuild}) without holding up the loop. */
    void rebuild(String app);

    /**
     * A swarm node can take tasks again ({@link EventRoute#nodeBack}): the apps whose tasks swarm left unevenly
     * spread while it was away are rebalanced onto it (swarm never moves running tasks back), without holding up the loop.
     */
    void nodeBack(String nodeId, String name);
  }

  static final long COALESCE_MILLIS = 50;
  /** The window after a container started (its addresses are final; the events of its burst arrive within it). */
  static final long SETTLE_MILLIS = 5;
  static final long DEPLOY_RECHECK_MILLIS = 1000;
  /** A started container is probed after 5, 10, 20, 40, 50, 50... ms, up to nginx's default fail_timeout. */
  static final long READY_FIRST_MILLIS = 5;
  static final long READY_MAX_MILLIS = 50;
  static final long READY_BOUND_MILLIS = 10_000;
  static final long CRASH_LOOP_WINDOW_MILLIS = 10 * 60 * 1000;

  private final Host host;
  private final Journal log;
  private final Map<String, String> scope;
  private final Clock clock;
  private final Coalescer coalescer = new Coalescer(COALESCE_MILLIS, SETTLE_MILLIS);
  private final Readiness readiness = new Readiness(READY_FIRST_MILLIS, READY_MAX_MILLIS, READY_BOUND_MILLIS);
  private final Backoff backoff;
  private final CrashLoopGuard guard = new CrashLoopGuard(CRASH_LOOP_WINDOW_MILLIS);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile EventSource stream;
  private volatile BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private Map<String, String> known = new HashMap<>();
  private String since = "";
  private boolean following;

  private record End(String reason) {}

  private static final class Disconnected extends RuntimeException {
    Disconnected(String reason) {
      super(reason);
    }
  }

  public Watcher(Host host, Journal log, Map<String, String> scope, Clock clock, Backoff backoff) {
    this.host = host;
    this.log = log;
    this.scope = scope;
    this.clock = clock;
    this.backoff = backoff;
  }

  /** Runs until {@link #stop}; never returns because the engine went away. */
  public void run() {
    boolean gone = false;
    try {
      while (!stopping) {
        try {
          connect();
          if (gone) log.info("Docker engine is back: every app reconciled, following events again");
          else if (!following) log.info("Every app reconciled, following the engine's events");
          following = true;
          gone = false;
          backoff.reset();
          follow();
        } catch (Disconnected | EngineUnreachable | EngineException e) {
          closeStream();
          if (stopping) break;
          if (!gone) log.warn("Docker engine unreachable (" + e.getMessage() + "); retrying with backoff");
          gone = true;
          pause(backoff.next());
        }
      }
    } finally {
      closeStream();
      log.info("network:watch stopped");
      done.countDown();
    }
  }

  /** Asks the loop to end; returns at once. */
  public void stop() {
    stopping = true;
    stopped.countDown();
    queue.add(new End("stopping"));
    closeStream();
  }

  /** Waits up to {@code millis} for the loop to end; true when it did. */
  public boolean awaitStopped(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS);
  }

  private void connect() {
    BlockingQueue<Object> q = new LinkedBlockingQueue<>();
    queue = q;
    EventSource s = host.open(since);
    stream = s;
    if (stopping) throw new Disconnected("stopping");
    Thread reader = new Thread(() -> read(s, q), "jokku-watch-events");
    reader.setDaemon(true);
    reader.start();
    coalescer.clear();
    readiness.clear();
    known = new HashMap<>(host.reconcileAll());
  }

  private static void read(EventSource s, BlockingQueue<Object> q) {
    String why = "the engine ended the event stream";
    try {
      for (Event e = s.next(); e != null; e = s.next()) q.add(e);
    } catch (IOException | RuntimeException e) {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    q.add(new End(why));
  }

  private void follow() {
    while (!stopping) {
      for (String app : coalescer.takeDue(clock.millis())) syncOne(app);
      Object item;
      try {
        item = queue.poll(coalescer.waitMillis(clock.millis(), 60_000), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
        return;
      }
      for (; item != null; item = queue.poll()) {
        if (item instanceof End end) {
          if (stopping) return;
          throw new Disconnected(end.reason());
        }
        handle((Event) item);
      }
    }
  }

  private void handle(Event e) {
    if (e.timeNano() > 0) since = e.since();
    Optional<String> node = EventRoute.nodeBack(e);
    if (node.isPresent()) {
      host.nodeBack(node.get(), e.attribute("name"));
      return;
    }
    Optional<EventRoute.Route> r = EventRoute.route(e, known, scope);
    if (r.isEmpty()) return;
    String app = r.get().app();
    if (r.get().started()) {
      readiness.started(app, r.get().containerId(), clock.millis());
      coalescer.settled(app, clock.millis());
    }
    else coalescer.add(app, clock.millis());
    if (r.get().died() && !host.deploying(app)) checkRestarts(app, e);
  }

  private void checkRestarts(String app, Event e) {
    Optional<RestartState> st = host.restartState(app, e.actorId());
    if (st.isEmpty() || !st.get().exhausted()) return;
    RestartState s = st.get();
    String dyno = e.attribute(DokkuLabels.DYNO);
    String who = (dyno.isEmpty() ? "" : dyno + " ") + "(container " + shortId(e.actorId()) + ")";
    log.warn(app + ": " + who + " has exhausted its restart policy " + s.describe() + " after " + s.restartCount()
        + " restarts (last exit code " + s.exitCode() + ")");
    long now = clock.millis();
    long last = guard.lastRebuild(app);
    if (guard.allow(app, now)) {
      log.info(app + ": rebuilding once (restart policy exhausted)");
      host.rebuild(app);
    } else {
      log.warn(app + ": not rebuilding again: it was rebuilt " + (now - last) / 1000 + "s ago and crashed again (crash loop); fix it, then run ps:rebuild " + app);
    }
  }

  private void syncOne(String app) {
    if (host.deploying(app)) {
      coalescer.defer(app, clock.millis() + DEPLOY_RECHECK_MILLIS);
      return;
    }
    long now = clock.millis();
    long wait = readiness.delay(app, now, host::accepting, g -> log.warn(app + ": container " + shortId(g.containerId())
        + " does not accept connections on its web port " + g.waitedMillis() / 1000 + "s after it started; syncing anyway"));
    if (wait > 0) {
      coalescer.defer(app, now + wait);
      return;
    }
    host.sync(app);
  }

  private void closeStream() {
    EventSource s = stream;
    if (s != null) s.close();
  }

  private void pause(long millis) {
    try {
      stopped.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
