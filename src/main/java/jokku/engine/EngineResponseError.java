package jokku.engine;

/**
 * The engine was reached, but its response broke off or was malformed: a body shorter than announced, a broken
 * chunk, a stream cut in the middle of a frame, a connection closed before the answer, bad framing headers. The
 * message says what happened and to which request; it is never a "Cannot connect". A request that may have been
 * carried out is never repeated automatically, so the message says so when the outcome is unknown.
 */
public final class EngineResponseError extends EngineUnreachable {
  public EngineResponseError(String message) {
    super(message);
  }
}
