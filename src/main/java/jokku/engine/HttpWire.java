package jokku.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 connection to the engine under {@link DockerClient}: writes a request, reads the response head
 * (skipping 1xx interim responses) and hands out the body as {@link HttpFraming} frames it. It remembers whether any
 * byte of the current response arrived, which decides whether a failed request may be repeated.
 */
final class HttpWire {
  private HttpWire() {}

  /** The engine closed the connection (or reset it) before sending a single byte of the response. */
  static final class NoAnswer extends IOException {
    NoAnswer(String message) {
      super(message);
    }
  }

  private static final int MAX_LINE = 65536;
  private static final int MAX_HEAD_LINES = 1000;

  static final class Conn {
    final Link link;
    final OutputStream out;
    final Link.Buffered in;
    /** The current request, as the user reads it in messages: {@code GET /networks}. */
    String what = "the request";
    private long received;
    private String method = "GET";

    Conn(Link link) {
      this.link = link;
      this.out = link.out;
      this.in = link.in;
    }

    /** Bytes of the current response read so far. */
    long received() {
      return received;
    }

    /** Writes a request head; {@code length} -1 means a chunked body follows. */
    void writeHead(String method, String path, String type, long length, boolean upgrade) throws IOException {
      begin(method, path);
      out.write(head(method, path, type, length, upgrade));
      out.flush();
    }

    /** Writes a whole request (head and body) in one go. */
    void send(String method, String path, String type, byte[] body) throws IOException {
      begin(method, path);
      byte[] head = head(method, path, type, body == null ? 0 : body.length, false);
      if (body == null || body.length == 0) {
        write(ByteBuffer.wrap(head));
      } else {
        write(ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip());
      }
    }

    private void begin(String method, String path) {
      this.method = method;
      this.what = method + " " + shown(path);
      this.received = 0;
    }

    private static byte[] head(String method, String path, String type, long length, boolean upgrade) {
      StringBuilder b = new StringBuilder(160);
      b.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: docker\r\nUser-Agent: jokku\r\n");
      if (upgrade) b.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
      if (length < 0) {
        b.append("Transfer-Encoding: chunked\r\n");
      } else if (length > 0 || !method.equals("GET")) {
        b.append("Content-Length: ").append(length).append("\r\n");
      }
      if (type != null && length != 0) b.append("Content-Type: ").append(type).append("\r\n");
      return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code body} as chunks; a failure reading {@code body} (local, not the engine) is a {@link LocalStreamError}. */
    void writeChunked(InputStream body) throws IOException {
      byte[] buf = new byte[65536];
      int n;
      while ((n = LocalStreamError.readBody(body, buf, what)) > 0) {
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(buf, 0, n);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /**
     * Whether a kept-alive connection can no longer carry a request: the engine closed it (or sent something
     * unasked) while it was idle. Checked without blocking before reusing it, so that a request is only written to
     * a connection that was open a moment ago.
     */
    boolean stale() {
      return link.stale();
    }

    /** The final response head: 1xx interim responses (but 101) are read and skipped. */
    HttpFraming.Head readHead() throws IOException {
      while (true) {
        String status = line();
        if (status == null && received == 0) {
          throw new NoAnswer("The Docker engine closed the connection without answering " + what);
        }
        if (status == null) throw cutHead();
        int code = HttpFraming.status(status, what);
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        int lines = 0;
        while (!(l = headLine()).isEmpty()) {
          if (++lines > MAX_HEAD_LINES) throw HttpFraming.malformed(what, "more than " + MAX_HEAD_LINES + " header lines");
          HttpFraming.field(headers, l, what);
        }
        if (code >= 200 || code == 101) return HttpFraming.head(code, status.startsWith("HTTP/1.0"), headers, method, what);
      }
    }

    private String headLine() throws IOException {
      String l = line();
      if (l == null) throw cutHead();
      return l;
    }

    private EngineResponseError cutHead() {
      return new EngineResponseError("The Docker engine closed the connection in the middle of the response head, after "
          + received + " bytes of the response to " + what);
    }

    /** The body of a response with this head. */
    InputStream body(HttpFraming.Head h) {
      if (h.length() == HttpFraming.CHUNKED) return new HttpFraming.Chunked(this);
      if (h.length() == HttpFraming.UNTIL_CLOSE) return h.status() == 101 ? in : new HttpFraming.UntilClose(this);
      return h.length() == 0 ? InputStream.nullInputStream() : new HttpFraming.Sized(this, h.length());
    }

    /**
     * One line without its line end (CRLF, or a bare LF as RFC 9112 allows); {@code null} when the connection ended
     * before the line's first byte. The end of the connection within a line is an error; so is a line over 64 KiB.
     */
    String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream(64);
      int c;
      while (true) {
        try {
          c = in.read();
        } catch (IOException e) {
          if (received == 0) throw new NoAnswer("The connection to the Docker engine broke before it answered " + what + ": " + e.getMessage());
          throw HttpFraming.broke(what, "after " + received + " bytes", e);
        }
        if (c < 0) {
          if (b.size() == 0) return null;
          throw new EngineResponseError("The Docker engine closed the connection in the middle of a line, after "
              + received + " bytes of the response to " + what);
        }
        received++;
        if (c == '\n') break;
        if (b.size() >= MAX_LINE) throw HttpFraming.malformed(what, "a line longer than 64 KiB");
        b.write(c);
      }
      int n = b.size();
      byte[] raw = b.toByteArray();
      return new String(raw, 0, n > 0 && raw[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
    }

    void closeQuietly() {
      link.close();
    }

    /** Writes raw bytes to the channel (whole requests, and hijacked connections). */
    void write(ByteBuffer b) throws IOException {
      link.write(b);
    }
  }

  /** A request path as messages show it: without the API version prefix. */
  static String shown(String path) {
    if (path.startsWith("/v")) {
      int slash = path.indexOf('/', 2);
      if (slash > 0 && path.substring(2, slash).chars().allMatch(c -> c == '.' || Character.isDigit(c))) return path.substring(slash);
    }
    return path;
  }
}
