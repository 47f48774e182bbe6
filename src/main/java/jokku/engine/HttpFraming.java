package jokku.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 9112 framing of the engine's responses: which head fields decide where a body ends, and the body streams that
 * end exactly there. A body that stops short, a broken chunk or a malformed framing field is an
 * {@link EngineResponseError} (thrown from {@code read}, unchecked, so that no caller can mistake it for an end of
 * stream or for an unreachable engine), never a short success.
 */
final class HttpFraming {
  private HttpFraming() {}

  /** The body runs until the connection closes (no Content-Length, no chunking, or a 101 upgrade). */
  static final long UNTIL_CLOSE = -2;
  /** The body is chunked. */
  static final long CHUNKED = -1;

  /** A final response head; {@code length} is a byte count, {@link #CHUNKED} or {@link #UNTIL_CLOSE}. */
  record Head(int status, Map<String, String> headers, boolean close, long length) {}

  static EngineResponseError malformed(String what, String reason) {
    return new EngineResponseError("The Docker engine sent a malformed response to " + what + ": " + reason);
  }

  static EngineResponseError broke(String what, String where, IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new EngineResponseError("The connection to the Docker engine broke " + where + " of the response to " + what + ": " + reason);
  }

  /**
   * An {@link IOException} from reading a response body: the bodies this class frames throw
   * {@link EngineResponseError}s themselves, so this only words one for a caller that must catch the checked kind.
   */
  static EngineResponseError broke(InputStream body, IOException e) {
    String what = request(body);
    return broke(what == null ? "the request" : what, "in the middle", e);
  }

  /** The request a response body answers ({@code GET /containers/c1/logs?follow=1}), for messages; null if not known. */
  static String request(InputStream body) {
    return body instanceof Framed f ? f.c.what : null;
  }

  /** The status code of a status line ({@code HTTP/1.1 200 OK}). */
  static int status(String line, String what) {
    if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' ' || line.length() > 12 && line.charAt(12) != ' '
        || !Character.isDigit(line.charAt(7))) {
      throw malformed(what, "bad status line \"" + abbreviate(line) + "\"");
    }
    int code = 0;
    for (int k = 9; k < 12; k++) {
      char c = line.charAt(k);
      if (c < '0' || c > '9') throw malformed(what, "bad status line \"" + abbreviate(line) + "\"");
      code = code * 10 + (c - '0');
    }
    if (code < 100) throw malformed(what, "bad status code " + code);
    return code;
  }

  /** Adds one field line to {@code headers} (lower-case names; repeated fields joined with ", " as RFC 9110 allows). */
  static void field(Map<String, String> headers, String line, String what) {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      throw malformed(what, "a folded header line (obsolete line folding): \"" + abbreviate(line) + "\"");
    }
    int colon = line.indexOf(':');
    if (colon <= 0) throw malformed(what, "a header line without a name: \"" + abbreviate(line) + "\"");
    for (int k = 0; k < colon; k++) {
      char c = line.charAt(k);
      if (c <= ' ' || c >= 127 || "\"(),/;<=>?@[\\]{}".indexOf(c) >= 0) {
        throw malformed(what, "a bad header name \"" + abbreviate(line.substring(0, colon)) + "\"");
      }
    }
    String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = line.substring(colon + 1).strip();
    headers.merge(name, value, (a, b) -> a + ", " + b);
  }

  /** Decides the framing of a final response to {@code method}. */
  static Head head(int status, boolean http10, Map<String, String> headers, String method, String what) {
    boolean close = http10 ? !hasToken(headers.get("connection"), "keep-alive") : hasToken(headers.get("connection"), "close");
    String te = headers.get("transfer-encoding");
    String cl = headers.get("content-length");
    if (status == 101) return new Head(status, headers, true, UNTIL_CLOSE);
    if (method.equals("HEAD") || status == 204 || status == 304) return new Head(status, headers, close, 0);
    if (te != null) {
      if (cl != null) throw malformed(what, "both Transfer-Encoding and Content-Length");
      if (!te.strip().equalsIgnoreCase("chunked")) throw malformed(what, "unsupported Transfer-Encoding \"" + abbreviate(te) + "\"");
      return new Head(status, headers, close, CHUNKED);
    }
    if (cl != null) {
      if (cl.isEmpty() || cl.length() > 18 || !cl.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw malformed(what, "Content-Length \"" + abbreviate(cl) + "\" is not one number of bytes");
      }
      return new Head(status, headers, close, Long.parseLong(cl));
    }
    return new Head(status, headers, true, UNTIL_CLOSE);
  }

  private static boolean hasToken(String value, String token) {
    if (value == null) return false;
    for (String t : value.split(",")) if (t.strip().equalsIgnoreCase(token)) return true;
    return false;
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** A response body read from one engine connection; it knows the request it answers. */
  abstract static class Framed extends InputStream {
    final HttpWire.Conn c;

    Framed(HttpWire.Conn c) {
      this.c = c;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }

  /** A body of exactly {@code total} bytes. */
  static final class Sized extends Framed {
    private final long total;
    private long got;

    Sized(HttpWire.Conn c, long total) {
      super(c);
      this.total = total;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (got == total) return -1;
      if (len == 0) return 0;
      int n;
      try {
        n = c.in.read(b, off, (int) Math.min(len, total - got));
      } catch (IOException e) {
        throw broke(c.what, "after " + got + " of " + total + " bytes", e);
      }
      if (n < 0) {
        throw new EngineResponseError("The Docker engine closed the connection after " + got + " of " + total
            + " bytes of the response to " + c.what);
      }
      got += n;
      return n;
    }
  }

  /** A body that ends when the engine closes the connection (the only framing where that is a normal end). */
  static final class UntilClose extends Framed {
    private long got;

    UntilClose(HttpWire.Conn c) {
      super(c);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        int n = c.in.read(b, off, len);
        if (n > 0) got += n;
        return n;
      } catch (IOException e) {
        throw broke(c.what, "after " + got + " bytes", e);
      }
    }
  }

  /** A chunked body: hex sizes (extensions ignored), data, CRLF after each chunk, a last chunk and trailers. */
  static final class Chunked extends Framed {
    private long left;
    private long got;
    private boolean done;

    Chunked(HttpWire.Conn c) {
      super(c);
    }

    private String line() {
      try {
        String l = c.line();
        if (l == null) {
          throw new EngineResponseError("The Docker engine closed the connection after " + got
              + " bytes of the chunked response to " + c.what + ", before its last chunk");
        }
        return l;
      } catch (IOException e) {
        throw broke(c.what, "after " + got + " bytes", e);
      }
    }

    private boolean fill() {
      if (done) return false;
      if (left > 0) return true;
      String size = line();
      int semi = size.indexOf(';');
      String hex = (semi >= 0 ? size.substring(0, semi) : size).strip();
      if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
        throw malformed(c.what, "a bad chunk size \"" + abbreviate(size) + "\" after " + got + " bytes");
      }
      left = Long.parseLong(hex, 16);
      if (left == 0) {
        while (!line().isEmpty()) {
          // trailer fields: not used
        }
        done = true;
        return false;
      }
      return true;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) return 0;
      if (!fill()) return -1;
      int n;
      try {
        n = c.in.read(b, off, (int) Math.min(len, left));
      } catch (IOException e) {
        throw broke(c.what, "after " + got + " bytes", e);
      }
      if (n < 0) {
        throw new EngineResponseError("The Docker engine closed the connection in the middle of a chunk, after " + got
            + " bytes of the response to " + c.what);
      }
      left -= n;
      got += n;
      if (left == 0 && !line().isEmpty()) throw malformed(c.what, "a chunk longer than its size, after " + got + " bytes");
      return n;
    }
  }
}
