package jokku.engine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One byte stream to the engine, opened by a {@link Transport}: a unix or TCP socket, a TLS session, or an ssh
 * process running {@code docker system dial-stdio}. {@link HttpWire} speaks HTTP over it and never knows which.
 */
abstract class Link {
  /** The response side, buffered: {@link #buffered()} tells what is already read without asking the stream. */
  final Buffered in;
  /** The request side, buffered; {@link #write} bypasses the buffer for whole requests and hijacked input. */
  final OutputStream out;

  Link(InputStream in, OutputStream out) {
    this.in = new Buffered(in);
    this.out = out;
  }

  /** A read buffer that tells how much it holds without asking the stream underneath. */
  static final class Buffered extends BufferedInputStream {
    Buffered(InputStream in) {
      super(in, 16384);
    }

    synchronized int buffered() {
      return count - pos;
    }
  }

  /** Writes all of {@code b} now; safe while another thread reads (a hijacked connection's stdin pump). */
  abstract void write(ByteBuffer b) throws IOException;

  /** {@link #write} for links whose request side is {@link #out}: the bytes of {@code b} written and flushed. */
  final void writeOut(ByteBuffer b) throws IOException {
    synchronized (out) {
      if (b.hasArray()) {
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        b.position(b.limit());
      } else {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        out.write(a);
      }
      out.flush();
    }
  }

  /** Ends the request side (the engine, or a container's stdin, sees end-of-file); the response side stays open. */
  abstract void shutdownOutput() throws IOException;

  /**
   * Whether an idle kept-alive link can no longer carry a request: the engine closed it, or sent something unasked.
   * Must not block for long.
   */
  abstract boolean stale();

  /** Whether a byte (or the end) can be read within {@code millis}, without reading it. */
  abstract boolean readable(long millis) throws IOException;

  /**
   * Why this link ended before the engine was reached, when the link knows it (ssh could not log in, the remote has
   * no docker CLI); null when the engine itself closed the connection. Asked only when a request got no byte back.
   */
  String unreachable() {
    return null;
  }

  abstract void close();
}
