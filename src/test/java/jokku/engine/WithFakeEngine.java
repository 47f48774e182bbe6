package jokku.engine;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test with its own {@link FakeEngine} and a {@link DockerClient} talking to it, both closed after each test. */
public abstract class WithFakeEngine {
  protected FakeEngine fake;
  protected DockerClient client;

  @BeforeEach
  void startFakeEngine() throws IOException {
    fake = new FakeEngine();
    client = new DockerClient(fake.host(), null);
  }

  /** The engine port over {@link #client}, for tests outside this package (the client itself is package-private). */
  protected Engine engine() {
    return new Engine(client);
  }

  @AfterEach
  void stopFakeEngine() throws IOException {
    client.close();
    fake.close();
  }
}
