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
}
