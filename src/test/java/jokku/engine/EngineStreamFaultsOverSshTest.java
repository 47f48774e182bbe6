package jokku.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineStreamFaultsTest} with the client's engine behind {@code ssh://}: streamed bodies, early answers,
 * cut-off streams and hijacked connections over real {@code docker system dial-stdio} processes, each stream on a
 * dial-stdio of its own.
 */
@Tag("unit")
class EngineStreamFaultsOverSshTest extends EngineStreamFaultsTest {
  @BeforeEach
  @Override
  void startFakeEngine() throws IOException {
    fake = new FakeEngine();
    client = new DockerClient(FakeSsh.URL, new FakeSsh(fake).env, null);
  }

  /**
   * Over ssh the refusal comes through when the engine ends its side of the connection before tearing it down, as
   * dockerd does. (An engine that closes at once, with the body unread, races inside dial-stdio: see below.)
   */
  @Test
  @Override
  void aBuildRefusedFromItsHeadAlone_reportsTheRefusal_notTheBrokenPipeOfTheUnreadContext() {
    assertBuildRefusedFromItsHead(FakeEngine.rawThenHalfClose(REFUSED));
  }

  /**
   * An engine that answers and closes at once, its request body unread: the docker CLI's dial-stdio exits as soon as
   * copying the body to the engine fails, and the answer it had not relayed yet is lost with it. jokku then says
   * what it saw, as over unix:// when no answer came: the engine closed the connection while the body was sent,
   * never that the engine could not be reached, and the build is not sent again.
   */
  @Test
  void aBuildRefusedByAnEngineThatClosesAtOnce_isTheRefusal_orTheClosedConnection_neverUnreachable() {
    fake.onHead("POST /build", FakeEngine.rawThenClose(REFUSED));
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new Images(client).build(new ByteArrayInputStream(new byte[16 << 20]), "t=app&isolation=x", s -> {}));
    if (e instanceof EngineException refused) {
      assertEquals("invalid isolation", refused.getMessage());
    } else {
      assertEquals(EngineResponseError.class, e.getClass(), e.toString());
      assertTrue(e.getMessage().startsWith("The Docker engine closed the connection while jokku was sending POST /build?t=app&isolation=x: "),
          e.getMessage());
    }
    assertEquals(1, fake.count("POST /build"));
  }
}
