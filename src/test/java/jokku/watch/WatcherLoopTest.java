package jokku.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import jokku.engine.EngineEvents.Event;
import jokku.engine.EngineUnreachable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The watcher's loop against a scripted host: what a real engine cannot be made to do on cue (a stream that ends
 * between two events, an engine that refuses twice then answers, a deploy lock held exactly as long as a test wants).
 */
@Tag("unit")
class WatcherLoopTest {
  private static final Object END = new Object();
  private static final Map<String, String> DEPLOY = Map.of("com.dokku.app-name", "a", "com.dokku.container-type", "deploy", "com.dokku.dyno", "web.1");

  /** A host whose event streams are queues the test feeds. */
  static final class FakeHost implements Watcher.Host {
    final List<String> opens = new CopyOnWriteArrayList<>();
    final List<String> syncs = new CopyOnWriteArrayList<>();
    final List<String> rebuilds = new CopyOnWriteArrayList<>();
    final List<String> readyNodes = new CopyOnWriteArrayList<>();
    final AtomicInteger reconciles = new AtomicInteger();
    final AtomicInteger refuse = new AtomicInteger();
    final Set<String> deploying = ConcurrentHashMap.newKeySet();
    final Set<String> notListening = ConcurrentHashMap.newKeySet();
    final AtomicInteger probes = new AtomicInteger();
    volatile RestartState restart;
    volatile BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public Watcher.EventSource open(String since) {
      opens.add(since);
      if (refuse.getAndDecrement() > 0) throw new EngineUnreachable("unix:///fake.sock", "Connection refused");
      BlockingQueue<Object> q = new LinkedBlockingQueue<>();
      events = q;
      return new Watcher.EventSource() {
        @Override
        public Event next() throws IOException {
          try {
            Object o = q.take();
            return o == END ? null : (Event) o;
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
        }

        @Override
        public void close() {
          q.add(END);
        }
      };
    }

    @Override
    public Map<String, String> reconcileAll() {
      reconciles.incrementAndGet();
      return Map.of();
    }

    @Override
    public void sync(String app) {
      syncs.add(app);
    }

    @Override
    public boolean deploying(String app) {
      return deploying.contains(app);
    }

    @Override
    public Optional<RestartState> restartState(String app, String containerId) {
      return Optional.ofNullable(restart);
    }

    @Override
    public boolean accepting(String app, String containerId) {
      probes.incrementAndGet();
      return !notListening.contains(containerId);
    }

    @Override
    public void rebuild(String app) {
      rebuilds.add(app);
    }

    @Override
    public void nodeBack(String nodeId, String name) {
      readyNodes.add(nodeId);
    }
  }

  private final FakeHost host = new FakeHost();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
  private final Watcher watcher = new Watcher(host, new Journal(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC()), Map.of(), Clock.systemUTC(), new Backoff(10, 20));
  private final Thread loop = new Thread(watcher::run, "test-watcher");

  private static Event event(String action, long nano) {
    return new Event("container", action, "c1", DEPLOY, nano);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void started() {
    loop.start();
    assertTrue(WatchFixture.eventually(10, () -> out().contains("following the engine's events")), out() + err());
  }

  @AfterEach
  void stop() throws InterruptedException {
    watcher.stop();
    assertTrue(watcher.awaitStopped(1000), "stopped within a second");
    loop.join(1000);
    assertTrue(out().endsWith(" -----> network:watch stopped\n"), out());
  }

  @Test
  void aBurstOfEventsIsOneSync() throws InterruptedException {
    started();
    // events that wait out the full window (a start is synced after a much shorter one: see WatchLogicTest)
    for (int i = 0; i < 5; i++) host.events.add(event(i % 2 == 0 ? "die" : "health_status: healthy", 1_000 + i));
    assertTrue(WatchFixture.eventually(10, () -> host.syncs.size() == 1));
    Thread.sleep(300);
    assertEquals(List.of("a"), host.syncs);
    assertEquals(1, host.reconciles.get());
  }

  @Test
  void aSwarmNodeBackIsHandedToTheHostAndSyncsNoApp() throws InterruptedException {
    started();
    host.events.add(new Event("node", "update", "n1", Map.of("name", "node2", "state.old", "down", "state.new", "ready"), 5));
    host.events.add(new Event("node", "update", "n1", Map.of("name", "node2", "state.old", "ready", "state.new", "down"), 6));
    host.events.add(event("die", 7));
    assertTrue(WatchFixture.eventually(10, () -> host.syncs.size() == 1));
    assertEquals(List.of("n1"), host.readyNodes);
  }

  @Test
  void anAppWithADeployInProgressIsSyncedWhenTheDeployEnds() throws InterruptedException {
    started();
    host.deploying.add("a");
    host.events.add(event("start", 1));
    Thread.sleep(700);
    assertEquals(List.of(), host.syncs, "left to the deploy");
    host.deploying.remove("a");
    assertTrue(WatchFixture.eventually(10, () -> host.syncs.equals(List.of("a"))), host.syncs.toString());
  }

  @Test
  void aLostEngineIsOneLineThenReconnectFromTheLastEventAndReconcile() {
    started();
    host.events.add(event("start", 1_700_000_000_000_000_007L));
    assertTrue(WatchFixture.eventually(10, () -> host.syncs.size() == 1));
    host.refuse.set(3);
    host.events.add(END); // the engine closed the stream
    assertTrue(WatchFixture.eventually(10, () -> out().contains("Docker engine is back: every app reconciled, following events again")), out() + err());
    assertEquals(1, err().split("Docker engine unreachable", -1).length - 1, err());
    assertTrue(err().contains(" !     Docker engine unreachable (the engine ended the event stream); retrying with backoff\n"), err());
    assertEquals(List.of("", "1700000000.000000007", "1700000000.000000007", "1700000000.000000007", "1700000000.000000007"), host.opens);
    assertEquals(2, host.reconciles.get());
  }

  @Test
  void anExhaustedRestartPolicyRebuildsOnceThenReportsTheCrashLoop() {
    started();
    host.restart = new RestartState("on-failure", 10, 10, false, false, 1);
    host.events.add(event("die", 1));
    assertTrue(WatchFixture.eventually(10, () -> host.rebuilds.size() == 1));
    // the first die's sync done: the next dies fall in a window of their own (all three in one window are one sync)
    assertTrue(WatchFixture.eventually(10, () -> host.syncs.size() == 1), host.syncs.toString());
    host.events.add(event("die", 2));
    assertTrue(WatchFixture.eventually(10, () -> err().contains("crash loop")), err());
    assertEquals(List.of("a"), host.rebuilds);
    assertTrue(err().contains(" !     a: web.1 (container c1) has exhausted its restart policy on-failure:10 after 10 restarts (last exit code 1)\n"), err());
    assertTrue(out().contains(" -----> a: rebuilding once (restart policy exhausted)\n"), out());
    host.restart = new RestartState("on-failure", 10, 3, false, true, 1); // restarting: nothing to say
    host.events.add(event("die", 3));
    assertTrue(WatchFixture.eventually(10, () -> host.syncs.size() >= 2));
    assertEquals(2, err().split("has exhausted", -1).length - 1, err());
  }

  /**
   * A started container that does not listen yet holds up its own app's sync (nginx would sideline it for its
   * fail_timeout), probed again and again, while another app's start is synced meanwhile; once it listens, its app is synced.
   */
  @Test
  void aStartedContainerNotListeningYetHoldsUpOnlyItsOwnApp() {
    started();
    host.notListening.add("c1");
    host.events.add(event("start", 1));
    assertTrue(WatchFixture.eventually(10, () -> host.probes.get() >= 5), "probed again while it does not listen");
    Map<String, String> other = Map.of("com.dokku.app-name", "b", "com.dokku.container-type", "deploy", "com.dokku.dyno", "web.1");
    host.events.add(new Event("container", "start", "c2", other, 2));
    assertTrue(WatchFixture.eventually(10, () -> host.syncs.equals(List.of("b"))), host.syncs.toString());
    host.notListening.remove("c1");
    assertTrue(WatchFixture.eventually(10, () -> host.syncs.equals(List.of("b", "a"))), host.syncs.toString());
    assertEquals("", err());
  }
}
