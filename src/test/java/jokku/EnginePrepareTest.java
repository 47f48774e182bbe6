package jokku;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which command lines get the engine client prepared on a side thread at start-up (Main.mayUseEngine). */
@Tag("unit")
class EnginePrepareTest {
  @Test
  void engineCommandsArePrepared_localAndHelpOnesAreNot() {
    assertTrue(Main.mayUseEngine("network:list"));
    assertTrue(Main.mayUseEngine("--quiet", "--trace", "network:create", "n"));
    assertTrue(Main.mayUseEngine("run", "app", "ls"));
    assertTrue(Main.mayUseEngine("ps:rebuild", "app"));
    assertFalse(Main.mayUseEngine("apps:list"));
    assertFalse(Main.mayUseEngine("config:get", "app", "K"));
    assertFalse(Main.mayUseEngine("help"));
    assertFalse(Main.mayUseEngine("network"));
    assertFalse(Main.mayUseEngine("network:help"));
    assertFalse(Main.mayUseEngine("urls", "app"));
    assertFalse(Main.mayUseEngine());
    assertFalse(Main.mayUseEngine("--quiet"));
  }
}
