package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The test sshd fixture itself: a forced command runs with the session environment; close leaves nothing behind. */
@Tag("engine")
class SshServerTest {
  @Test
  void forcedCommandRunsAndCloseRemovesEverything() throws Exception {
    Jokku j = new Jokku();
    SshServer s = SshServer.start(j.root, Map.of("DOKKU_ROOT", j.root.toString()));
    try {
      assertNotEquals(22, s.port);
      s.authorize("command=\"echo \\\"root=$DOKKU_ROOT cmd=$SSH_ORIGINAL_COMMAND\\\"\",no-port-forwarding " + s.publicKey());
      SshServer.Result r = s.ssh("apps:list", "--quiet");
      assertEquals(0, r.code(), r + s.log());
      assertEquals("root=" + j.root + " cmd=apps:list --quiet\n", r.out());

      s.authorize(s.publicKey(s.newClientKey("plain")));
      SshServer.Result plain = s.ssh(s.dir.resolve("client_plain"), "", "id");
      assertEquals(255, plain.code(), "a key without a forced command gets no root login: " + plain);
    } finally {
      s.close();
    }
    assertFalse(Files.exists(s.dir), "the server's folder is removed");
    assertEquals(2, SshServer.exec(List.of("getent", "passwd", s.user), "", Map.of(), 30).code(), "the test user is removed");
    boolean listening;
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), s.port)) {
      listening = true;
    } catch (java.io.IOException refused) {
      listening = false;
    }
    assertTrue(!listening, "sshd stopped");
  }
}
