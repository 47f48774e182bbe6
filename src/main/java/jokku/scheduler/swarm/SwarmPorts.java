package jokku.scheduler.swarm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The ports a swarm needs between its nodes (2377/tcp to managers, 7946/tcp+udp for gossip, 4789/udp for overlay
 * traffic), checked from the manager (where jokku runs) as far as TCP allows: a UDP port that is filtered cannot be
 * told from one that is open without a process answering on the other side, so the messages name the UDP ports too.
 */
final class SwarmPorts {
  private SwarmPorts() {}

  static final String NEEDED = "a swarm needs 2377/tcp open to its managers, and 7946/tcp, 7946/udp and 4789/udp open between all nodes";
  private static final int TIMEOUT_MILLIS = 5000;

  /** Null when a TCP connection to {@code host:port} opens within the timeout, else why not. */
  static String closed(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      return null;
    } catch (SocketTimeoutException e) {
      return "no answer within " + TIMEOUT_MILLIS / 1000 + " s";
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
