package jokku.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AuthorizedKeysTest {
  static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKJe2/5RumwfK11ENOw/IWas8w1j7v+h/zmGz95jT6in me";
  static final String FP = "SHA256:JzPHukd/8TfZSVRMFnei5Ur1Cx8X0LySUziahiD4CDc";

  @Test
  void writesAndReadsSshcommandsLine() {
    String line = AuthorizedKeys.forcedLine(FP, "admin", "/home/dokku/.sshcommand", KEY);
    assertEquals("command=\"FINGERPRINT=" + FP + " NAME=\\\"admin\\\" `cat /home/dokku/.sshcommand` $SSH_ORIGINAL_COMMAND\","
        + "no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding " + KEY, line);
    AuthorizedKeys.Line l = AuthorizedKeys.lines(line + "\n").get(0);
    assertEquals(FP, l.keyFingerprint());
    AuthorizedKeys.Entry e = AuthorizedKeys.entry(l);
    assertEquals(FP, e.fingerprint());
    assertEquals("admin", e.name());
    assertEquals(AuthorizedKeys.OPTIONS, e.allowedKeys());
    assertEquals(KEY, e.publicKey());
  }

  @Test
  void readsDokkusUnquotedNamesAndSkipsOtherLines() {
    String old = "command=\"FINGERPRINT=9f:7d NAME=without-quotes `cat /home/dokku/.sshcommand` $SSH_ORIGINAL_COMMAND\",no-pty " + KEY;
    assertEquals("without-quotes", AuthorizedKeys.entry(AuthorizedKeys.lines(old).get(0)).name());
    assertNull(AuthorizedKeys.entry(AuthorizedKeys.lines(KEY).get(0)));
    assertEquals(FP, AuthorizedKeys.lines(KEY).get(0).keyFingerprint());
    assertEquals("", AuthorizedKeys.lines("garbage line").get(0).keyFingerprint());
    assertEquals("", AuthorizedKeys.lines("ssh-ed25519 not*base64").get(0).keyFingerprint());
    assertFalse(AuthorizedKeys.lines("# comment").get(0).isKey());
    assertEquals(3, AuthorizedKeys.lines("a\n\nb\n").size());
  }

  @Test
  void optionsBeforeTheKeyAreSeen() {
    assertTrue(AuthorizedKeys.hasOptions("no-pty " + KEY));
    assertTrue(AuthorizedKeys.hasOptions("command=\"x\" " + KEY));
    assertFalse(AuthorizedKeys.hasOptions(KEY));
  }
}
