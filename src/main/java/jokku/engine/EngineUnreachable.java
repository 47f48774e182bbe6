package jokku.engine;

/** The engine's socket could not be reached at all. */
public final class EngineUnreachable extends RuntimeException {
  public EngineUnreachable(String address, String reason) {
    super("Cannot connect to the Docker engine at " + address + ": " + reason);
  }
}
