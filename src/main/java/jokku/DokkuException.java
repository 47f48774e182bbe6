package jokku;

/** A user-facing failure: one line on stderr (prefixed " !     ") and an exit code. */
public class DokkuException extends RuntimeException {
  private final int exitCode;

  public DokkuException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public DokkuException(String message) {
    this(1, message);
  }

  public int exitCode() {
    return exitCode;
  }

  /** Dokku's exit 20 for a missing app. */
  public static DokkuException appMissing(String app) {
    return new DokkuException(20, "App " + app + " does not exist");
  }

  /** An exit with no message (the output already said what happened). */
  public static DokkuException silent(int exitCode) {
    return new DokkuException(exitCode, "");
  }
}
