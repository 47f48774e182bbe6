package jokku.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** When an app with started containers may be synced: once they listen, or once the bound is past (reported). */
@Tag("unit")
class ReadinessTest {
  private final Readiness r = new Readiness(5, 50, 10_000);
  private final Set<String> listening = new HashSet<>();
  private final List<Readiness.GaveUp> gaveUp = new ArrayList<>();

  private long delay(String app, long now) {
    return r.delay(app, now, (a, id) -> listening.contains(id), gaveUp::add);
  }

  @Test
  void anAppWithoutStartedContainersIsSyncedAtOnce() {
    assertEquals(0, delay("a", 0));
  }

  @Test
  void probedWithADoublingDelayUntilEveryStartedContainerListens() {
    r.started("a", "c1", 0);
    r.started("a", "c2", 1);
    assertEquals(List.of(5L, 10L, 20L, 40L, 50L, 50L), List.of(delay("a", 1), delay("a", 6), delay("a", 16), delay("a", 36), delay("a", 76), delay("a", 126)));
    listening.add("c1");
    assertEquals(50, delay("a", 176), "c2 still does not listen");
    listening.add("c2");
    assertEquals(0, delay("a", 226));
    r.started("a", "c1", 1000);
    listening.remove("c1");
    assertEquals(5, delay("a", 1000), "a new wait starts from the first delay again");
    assertEquals(List.of(), gaveUp);
  }

  @Test
  void aContainerThatNeverListensIsGivenUpOnAtTheBoundAndReported() {
    r.started("a", "c1", 100);
    assertEquals(5, delay("a", 100));
    assertEquals(10, delay("a", 10_099));
    assertEquals(0, delay("a", 10_100));
    assertEquals(List.of(new Readiness.GaveUp("c1", 10_000)), gaveUp);
    assertEquals(0, delay("a", 10_200), "forgotten: nothing to wait for any more");
  }

  @Test
  void aRestartWhileWaitingKeepsTheFirstStartForTheBound() {
    r.started("a", "c1", 0);
    r.started("a", "c1", 9_000);
    assertEquals(0, delay("a", 10_000));
    assertEquals(1, gaveUp.size());
  }
}
