package jokku.engine;

/**
 * The engine's socket could not be reached at all, or (the subclass {@link EngineResponseError}) the conversation
 * with it broke off or made no sense: either way the engine could not be talked to.
 */
public class EngineUnreachable extends RuntimeException {
  public EngineUnreachable(String address, String reason) {
    super("Cannot connect to the Docker engine at " + address + ": " + reason);
  }

  /** For subclasses that word the whole message themselves. */
  protected EngineUnreachable(String message) {
    super(message);
  }

  /** An exception's message, or its kind when it has none: the reason part of a message. */
  static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
