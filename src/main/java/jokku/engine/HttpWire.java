package jokku.engine;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The HTTP/1.1 wire format under {@link DockerClient}: one connection, response heads, sized and chunked bodies. */
final class HttpWire {
  private HttpWire() {}

  record Head(int status, Map<String, String> headers, boolean close) {}

  /** One socket connection with a buffered reader for the response. */
  static final class Conn {
    final SocketChannel ch;
    final OutputStream out;
    final InputStream in;

    Conn(SocketChannel ch) {
      this.ch = ch;
      this.out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 8192);
      this.in = new java.io.BufferedInputStream(Channels.newInputStream(ch), 16384);
    }

    void writeHead(String method, String path, String type, long length, boolean upgrade) throws IOException {
      StringBuilder b = new StringBuilder(128);
      b.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: docker\r\nUser-Agent: jokku\r\n");
      if (upgrade) b.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
      if (length < 0) {
        b.append("Transfer-Encoding: chunked\r\n");
      } else if (length > 0 || !method.equals("GET")) {
        b.append("Content-Length: ").append(length).append("\r\n");
      }
      if (type != null && length != 0) b.append("Content-Type: ").append(type).append("\r\n");
      b.append("\r\n");
      out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    void writeChunked(InputStream body) throws IOException {
      byte[] buf = new byte[65536];
      int n;
      while ((n = body.read(buf)) > 0) {
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(buf, 0, n);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    Head readHead() throws IOException {
      String status = line();
      if (!status.startsWith("HTTP/1.")) throw new IOException("bad HTTP response: " + status);
      int code = Integer.parseInt(status.substring(9, 12));
      Map<String, String> headers = new LinkedHashMap<>();
      String l;
      while (!(l = line()).isEmpty()) {
        int c = l.indexOf(':');
        if (c > 0) headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
      }
      boolean close = "close".equalsIgnoreCase(headers.get("connection"));
      return new Head(code, headers, close);
    }

    InputStream body(Head h) {
      if (h.status() == 101 || h.status() == 204 || h.status() == 304) return InputStream.nullInputStream();
      if ("chunked".equalsIgnoreCase(h.headers().get("transfer-encoding"))) return new Chunked(this);
      String len = h.headers().get("content-length");
      if (len != null) return new Limited(in, Long.parseLong(len));
      return in;
    }

    String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream(64);
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) throw new EOFException("connection closed by the engine");
        if (c != '\r') b.write(c);
      }
      return b.toString(StandardCharsets.ISO_8859_1);
    }

    void closeQuietly() {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }

    /** Writes raw bytes to the channel (for hijacked connections). */
    void write(ByteBuffer b) throws IOException {
      while (b.hasRemaining()) ch.write(b);
    }
  }

  static final class Limited extends InputStream {
    private final InputStream in;
    private long left;

    Limited(InputStream in, long left) {
      this.in = in;
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) return -1;
      int c = in.read();
      if (c >= 0) left--;
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) return -1;
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) left -= n;
      return n;
    }
  }

  static final class Chunked extends InputStream {
    private final Conn c;
    private long left;
    private boolean done;

    Chunked(Conn c) {
      this.c = c;
    }

    private boolean fill() throws IOException {
      if (done) return false;
      if (left == 0) {
        String size = c.line();
        if (size.isEmpty()) size = c.line();
        int semi = size.indexOf(';');
        left = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
        if (left == 0) {
          while (!c.line().isEmpty()) {
            // trailers
          }
          done = true;
          return false;
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      if (!fill()) return -1;
      int b = c.in.read();
      if (b < 0) throw new EOFException("truncated chunk");
      if (--left == 0) c.line();
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (!fill()) return -1;
      int n = c.in.read(b, off, (int) Math.min(len, left));
      if (n < 0) throw new EOFException("truncated chunk");
      left -= n;
      if (left == 0) c.line();
      return n;
    }
  }
}
