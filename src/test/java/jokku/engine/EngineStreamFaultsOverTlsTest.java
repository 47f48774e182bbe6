package jokku.engine;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * {@link EngineStreamFaultsTest} with the client's engine behind {@code tcp://} and TLS ({@link TlsProxy}): streamed
 * bodies, early answers, cut-off streams and hijacked connections (half-closed with TLS's close_notify) over TLS.
 */
@Tag("unit")
class EngineStreamFaultsOverTlsTest extends EngineStreamFaultsTest {
  TlsProxy tls;

  @BeforeEach
  @Override
  void startFakeEngine() throws IOException {
    fake = new FakeEngine();
    try {
      tls = new TlsProxy(fake);
    } catch (Exception e) {
      throw new IOException(e);
    }
    client = new DockerClient(tls.host(), tls.env(), null);
  }

  @AfterEach
  void stopProxy() throws IOException {
    tls.close();
  }
}
