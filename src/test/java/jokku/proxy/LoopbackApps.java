package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.store.Store;

/**
 * What the nginx tests share: apps served through jokku's real nginx by loopback HTTP servers standing in for
 * containers (each app's static web listener is a server's port). {@link #close} stops nginx ({@code proxy:stop}),
 * then the servers, and fails the test when nginx did not stop.
 */
final class LoopbackApps implements AutoCloseable {
  private final Jokku j;
  private final List<HttpServer> servers = new ArrayList<>();

  LoopbackApps(Jokku j) {
    this.j = j;
  }

  /** A started loopback HTTP server answering {@code answer}; its port. */
  int server(Http.Answer answer) throws IOException {
    HttpServer s = Http.serve(answer);
    servers.add(s);
    return s.getAddress().getPort();
  }

  /** Points the app's static web listener at {@code 127.0.0.1:<serverPort>}. */
  void listen(String app, int serverPort) {
    j.ok("network:set", app, "static-web-listener", "127.0.0.1:" + serverPort);
  }

  /** A server answering {@code answer} as the app (created when missing); the server's port. */
  int serve(String app, Http.Answer answer) throws IOException {
    int port = server(answer);
    if (!new Store(j.root, j.lib).appExists(app)) j.ok("apps:create", app);
    listen(app, port);
    return port;
  }

  /** Stops the server on {@code serverPort} now (the app's listener then answers nothing). */
  void stop(int serverPort) {
    for (HttpServer s : servers) if (s.getAddress().getPort() == serverPort) s.stop(0);
  }

  @Override
  public void close() {
    Result r = j.run("proxy:stop");
    for (HttpServer s : servers) s.stop(0);
    assertEquals(0, r.code(), r.toString());
  }
}
