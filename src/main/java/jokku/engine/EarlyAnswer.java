package jokku.engine;

import java.io.IOException;

/**
 * The answer an engine sends before it has read the whole body of a streamed request, when it refuses the request
 * from its head alone (a build with an invalid tag or option): it answers, stops reading and closes, so writing the
 * rest of the body fails (RFC 9112 section 9.6). That answer, not the broken pipe, is what the user needs to see.
 */
final class EarlyAnswer {
  private EarlyAnswer() {}

  /** How long to wait for an answer that should already be there: the engine closed the connection after sending it. */
  private static final long WAIT_MILLIS = 1000;

  /** The head of an error answer already sent on {@code c}, or null when there is none to read. */
  static HttpFraming.Head read(HttpWire.Conn c) {
    try {
      if (!readable(c)) return null;
      HttpFraming.Head h = c.readHead();
      return h.status() >= 400 ? h : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean readable(HttpWire.Conn c) throws IOException {
    return c.link.readable(WAIT_MILLIS);
  }
}
