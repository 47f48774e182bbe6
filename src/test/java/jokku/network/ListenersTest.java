package jokku.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jokku.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ListenersTest {
  private Store store() throws IOException {
    Path base = jokku.Jokku.tempDir("jokku-listeners-");
    Store s = new Store(base.resolve("home"), base.resolve("lib"));
    s.createAppDir("api");
    return s;
  }

  @Test
  void of_ordersByInstanceNumberAndDefaultsMissingPortsTo5000() throws IOException {
    Store s = store();
    s.writeAppFile("api", "IP.web.10", "172.17.0.10");
    s.writeAppFile("api", "PORT.web.10", "8080");
    s.writeAppFile("api", "IP.web.2", "172.17.0.2\n");
    s.writeAppFile("api", "IP.web.1", "172.17.0.1");
    s.writeAppFile("api", "PORT.web.1", "8080");
    s.writeAppFile("api", "IP.worker.1", "172.17.0.9");
    s.writeAppFile("api", "IP.web.x", "172.17.0.99");
    assertEquals(List.of("172.17.0.1:8080", "172.17.0.2:5000", "172.17.0.10:8080"), new Listeners(s).of("api", "web"));
    assertEquals(List.of("172.17.0.9:5000"), new Listeners(s).of("api", "worker"));
  }

  @Test
  void of_staticWebListenerWinsForWebOnly() throws IOException {
    Store s = store();
    s.writeAppFile("api", "IP.web.1", "172.17.0.1");
    s.writeAppFile("api", "IP.worker.1", "172.17.0.9");
    s.setProperty(NetworkProperty.PLUGIN, "api", NetworkProperty.STATIC_WEB_LISTENER.key, "127.0.0.1:8099");
    assertEquals(List.of("127.0.0.1:8099"), new Listeners(s).of("api", "web"));
    assertEquals(List.of("172.17.0.9:5000"), new Listeners(s).of("api", "worker"));
  }
}
