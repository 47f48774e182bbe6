package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import jokku.watch.Journal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The journal lines of one app's sync by {@code network:watch}: what a swarm app's heal did in its own words, the
 * network state wording for docker-local, nothing when nothing was done. Real-engine counterparts: {@code
 * WatchHealTest} (docker-local) and {@code SwarmFaultsTest} (the edge restarted after the manager's engine crashed).
 */
@Tag("unit")
class WatchJournalTest {
  private static final String AT = "2026-12-08T03:00:00.000Z ";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Journal log = new Journal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
      Clock.fixed(Instant.parse("2026-12-08T03:00:00Z"), ZoneOffset.UTC));

  @Test
  void aSwarmAppsEdgeRestartedIsJournaledAsSuchNotAsNetworkState() {
    WatchHost.journal(log, "api", true, "restarted the swarm edge api.edge", List.of(), true);
    WatchHost.journal(log, "api", false, "restarted the swarm edge api.edge", List.of(), true);

    assertEquals(AT + "-----> api: restarted the swarm edge api.edge\n" + AT + "-----> api: restarted the swarm edge api.edge\n", journal());
  }

  @Test
  void aDockerLocalSyncKeepsTheNetworkStateWordingWithItsChangesAsDetails() {
    WatchHost.journal(log, "api", true, "", List.of("       web.1: reconnected to network db-net as api.web"), true);
    WatchHost.journal(log, "api", false, "", List.of("-----> not a change", "       web.1: IP 172.18.0.5"), false);
    WatchHost.journal(log, "api", false, "", List.of(), true);

    assertEquals(AT + "-----> api: reconciled network state, nginx rebuilt for the new listeners\n"
        + AT + "       api web.1: reconnected to network db-net as api.web\n"
        + AT + "-----> api: synced network state\n"
        + AT + "       api web.1: IP 172.18.0.5\n"
        + AT + "-----> api: synced network state, nginx rebuilt for the new listeners\n", journal());
  }

  @Test
  void aSyncThatDidNothingLeavesNoLine() {
    WatchHost.journal(log, "api", true, "", List.of("-----> header only"), false);

    assertEquals("", journal());
  }

  private String journal() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
