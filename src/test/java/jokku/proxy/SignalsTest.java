package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Signals sent through the kept shell: delivered, failures reported with kill's reason, the shell kept between calls. */
class SignalsTest {
  @Test
  void aSignalReachesALiveProcess_aGoneOneIsAFailureWithKillsReason() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      assertTrue(Signals.send("0", sleeper.pid()).ok(), "signal 0: the process exists");
      Nginx.Result r = Signals.send("TERM", sleeper.pid());
      assertTrue(r.ok(), r.output());
      assertEquals(143, sleeper.waitFor(), "killed by SIGTERM");
      Nginx.Result gone = Signals.send("HUP", sleeper.pid());
      assertNotEquals(0, gone.exit());
      assertTrue(gone.error().contains("No such process"), gone.output());
      assertTrue(Signals.send("0", ProcessHandle.current().pid()).ok(), "the shell still answers after a failure");
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void onlySignalNamesAreSent() {
    assertFalse(assertThrowsMessage(() -> Signals.send("HUP; rm -rf /", 1)).isEmpty());
  }

  private static String assertThrowsMessage(Runnable r) {
    return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
