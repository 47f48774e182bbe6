package jokku.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A non-TTY container's log stream (the engine's multiplexed format: 8-byte frame headers with the stream type and
 * a big-endian length) read as whole lines, each with its stream (1 stdout, 2 stderr). With {@code timestamps=1}
 * every line starts with the engine's RFC 3339 time and a space; {@link #time} and {@link #text} split it.
 */
public final class LogLines implements AutoCloseable {
  /** One line without its newline; {@code stream} is the frame type. */
  public record Line(int stream, String raw) {
    public String time() {
      int sp = raw.indexOf(' ');
      return sp > 0 && raw.charAt(sp - 1) == 'Z' ? raw.substring(0, sp) : "";
    }

    public String text() {
      String t = time();
      return t.isEmpty() ? raw : raw.substring(t.length() + 1);
    }
  }

  private final InputStream in;
  private final ByteArrayOutputStream[] partial = {new ByteArrayOutputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream()};
  private final byte[] header = new byte[8];
  private byte[] frame = new byte[0];
  private int framePos;
  private int frameStream;
  private EngineResponseError cut;
  private final DockerClient.Stream stream;

  public LogLines(InputStream in) {
    this(in, null);
  }

  /** Lines of an open log stream, which {@link #close} releases. */
  LogLines(InputStream in, DockerClient.Stream stream) {
    this.in = in;
    this.stream = stream;
  }

  @Override
  public void close() {
    if (stream != null) stream.close();
  }

  /** The next whole line, or null at the end of the stream (a last line without newline is returned first). */
  public Line next() throws IOException {
    while (true) {
      while (framePos < frame.length) {
        byte b = frame[framePos++];
        ByteArrayOutputStream buf = partial[frameStream];
        if (b == '\n') {
          String s = buf.toString(StandardCharsets.UTF_8);
          buf.reset();
          return new Line(frameStream, s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
        }
        buf.write(b);
      }
      if (cut != null || !nextFrame()) {
        for (int s = 1; s <= 2; s++) {
          if (partial[s].size() > 0) {
            String left = partial[s].toString(StandardCharsets.UTF_8);
            partial[s].reset();
            return new Line(s, left);
          }
        }
        if (cut != null) throw cut;
        return null;
      }
    }
  }

  /**
   * Reads the next frame; false at the end of the stream. A stream that ends inside a frame sets {@link #cut}: the
   * lines that came are still returned, then the cut is thrown instead of a quiet end.
   */
  private boolean nextFrame() throws IOException {
    int got = in.readNBytes(header, 0, 8);
    if (got == 0) return false;
    if (got < 8) {
      cut = new EngineResponseError(Containers.outputStream(in) + " ended in the middle of a frame header (" + got + " of 8 bytes)");
      return false;
    }
    int len = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
    frameStream = header[0] == 0 || header[0] == 1 ? 1 : 2; // 2 stderr, 3 the engine's own error: both to stderr
    frame = in.readNBytes(Math.max(0, len));
    framePos = 0;
    if (frame.length < len) cut = Containers.cutFrame(Containers.outputStream(in), frame.length, len);
    return true;
  }

  /** {@code GET /containers/{id}/logs} with timestamps, as a stream to read lines from; close it when done. */
  static DockerClient.Stream open(DockerClient c, String id, boolean follow, int tail, String since) {
    String q = "stdout=1&stderr=1&timestamps=1" + (follow ? "&follow=1" : "") + (tail >= 0 ? "&tail=" + tail : "")
        + (since.isEmpty() ? "" : "&since=" + since);
    DockerClient.Stream s = c.stream("GET", "/containers/" + Engine.enc(id) + "/logs?" + q, null, null);
    if (s.status >= 400) {
      try (s) {
        throw new EngineException(s.status, DockerClient.message(new DockerClient.Response(s.status, java.util.Map.of(), s.readAll())));
      } catch (IOException e) {
        throw new EngineException(s.status, "logs of " + id + " unavailable");
      }
    }
    return s;
  }
}
