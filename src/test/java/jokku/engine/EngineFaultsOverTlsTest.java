package jokku.engine;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineFaultsTest} with the engine behind {@code tcp://} and TLS verified both ways ({@link TlsProxy}): the
 * same faults give the same one-line messages, and no request that might have been carried out is sent twice.
 */
@Tag("unit")
class EngineFaultsOverTlsTest extends EngineFaultsTest {
  TlsProxy tls;

  @BeforeEach
  @Override
  void start() throws IOException {
    super.start();
    try {
      tls = new TlsProxy(fake);
    } catch (Exception e) {
      throw new IOException(e);
    }
    jokku.env.putAll(tls.env());
    jokku.env.put("DOCKER_HOST", tls.host());
  }

  @AfterEach
  void stopProxy() throws IOException {
    tls.close();
  }

  @Test
  @Override
  void anEngineThatIsNotThere_isStillCannotConnect() throws IOException {
    // a port held by a bound socket that does not listen: refused, and no other process on the machine can take it
    try (java.net.Socket held = new java.net.Socket()) {
      held.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      String host = "tcp://127.0.0.1:" + held.getLocalPort();
      jokku.env.put("DOCKER_HOST", host);
      assertFails("Cannot connect to the Docker engine at " + host + ": cannot connect to 127.0.0.1 port " + held.getLocalPort() + ": Connection refused",
          jokku.run("network:list"));
    }
  }
}
