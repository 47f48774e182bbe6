package jokku.engine;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link EngineStreamFaultsTest} with the client's engine behind {@code ssh://}: streamed bodies, early answers,
 * cut-off streams and hijacked connections over real {@code docker system dial-stdio} processes, each stream on a
 * dial-stdio of its own.
 */
class EngineStreamFaultsOverSshTest extends EngineStreamFaultsTest {
  @BeforeEach
  @Override
  void startFakeEngine() throws IOException {
    fake = new FakeEngine();
    client = new DockerClient(FakeSsh.URL, new FakeSsh(fake).env, null);
  }
}
