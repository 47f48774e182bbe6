package jokku.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A local stream failed in the middle of an engine exchange: the source of a streamed request body (a build context,
 * an image archive read from a file or stdin) could not be read, or a container's output could not be written where
 * it goes. The engine is not at fault, so this is neither an {@link EngineUnreachable} nor an
 * {@link EngineException}; callers that know what the stream was name it in what they tell the user.
 */
public final class LocalStreamError extends RuntimeException {
  private final String reason;

  private LocalStreamError(String message, String reason, Exception cause) {
    super(message + ": " + reason, cause);
    this.reason = reason;
  }

  /** The local cause alone ("Is a directory", "Input/output error"). */
  public String reason() {
    return reason;
  }

  /** Reading the body jokku was sending for {@code what} ({@code POST /build?...}) failed. */
  static LocalStreamError reading(String what, Exception cause) {
    return new LocalStreamError("jokku could not read the data it was sending to the Docker engine for " + what, reason(cause), cause);
  }

  /** Writing what the engine sent for {@code what} to its local destination (a terminal, a pipe, a file) failed. */
  public static LocalStreamError writing(String what, Exception cause) {
    return new LocalStreamError("jokku could not write the output of " + what, reason(cause), cause);
  }

  /**
   * {@code body.read(buf)} for a request body being sent to the engine; a failure of the local stream is a
   * {@link LocalStreamError}, so that it is never taken for the engine closing the connection.
   */
  static int readBody(InputStream body, byte[] buf, String what) {
    try {
      return body.read(buf);
    } catch (IOException | UncheckedIOException e) {
      throw reading(what, e);
    }
  }

  /** What an I/O failure says: its message, or its kind when it has none ({@link UncheckedIOException} unwrapped). */
  public static String reason(Exception e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
