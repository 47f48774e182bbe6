package jokku.engine;

/** The engine answered with an error status; {@link #getMessage()} is the engine's own message. */
public final class EngineException extends RuntimeException {
  private final int status;

  public EngineException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean notFound() {
    return status == 404;
  }

  public boolean conflict() {
    return status == 409;
  }
}
