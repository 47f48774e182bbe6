package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Signals sent through the kept shell: delivered, to several processes at once, failures reported with kill's reason. */
@Tag("unit")
class SignalsTest {
  @Test
  void aSignalReachesLiveProcesses_aGoneOneIsAFailureWithKillsReason() throws Exception {
    Process one = new ProcessBuilder("sleep", "60").start();
    Process two = new ProcessBuilder("sleep", "60").start();
    try {
      assertTrue(Signals.send("0", List.of(one.pid())).ok(), "signal 0: the process exists");
      Nginx.Result r = Signals.send("TERM", List.of(one.pid(), two.pid()));
      assertTrue(r.ok(), r.output());
      assertEquals(143, one.waitFor(), "killed by SIGTERM");
      assertEquals(143, two.waitFor(), "killed by SIGTERM");
      Nginx.Result gone = Signals.send("HUP", List.of(one.pid()));
      assertNotEquals(0, gone.exit());
      assertTrue(gone.error().contains("No such process"), gone.output());
      assertTrue(Signals.send("0", List.of(ProcessHandle.current().pid())).ok(), "the shell still answers after a failure");
    } finally {
      one.destroyForcibly();
      two.destroyForcibly();
    }
  }

  @Test
  void onlySignalNamesAreSent() {
    assertFalse(assertThrowsMessage(() -> Signals.send("HUP; rm -rf /", List.of(1L))).isEmpty());
  }

  private static String assertThrowsMessage(Runnable r) {
    return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
