package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jokku.ports.PortMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A socket-folder listener (a swarm app's edge) becomes one unix socket upstream per container port. */
@Tag("unit")
class UnixListenerTest {
  @Test
  void socketFolderListenerServesEachContainerPortFromItsSocket() {
    String c = NginxAppConfig.render(new NginxAppConfig.Input("api", List.of("a.test"), List.of(new PortMap("http", 80, 5000), new PortMap("http", 8080, 6000)),
        List.of("unix:/var/lib/dokku/data/scheduler-swarm/api/edge:5000"), false, Listen.DEFAULT, false, Path.of("/home/dokku/api"),
        Path.of("/var/log/nginx"), Path.of("/var/lib/dokku/data/nginx-vhosts/dokku-errors")));
    assertTrue(c.contains("upstream api-5000 {\n  server unix:/var/lib/dokku/data/scheduler-swarm/api/edge/5000.sock;\n}\n"), c);
    assertTrue(c.contains("upstream api-6000 {\n  server unix:/var/lib/dokku/data/scheduler-swarm/api/edge/6000.sock;\n}\n"), c);
  }
}
