package jokku.engine;

import java.io.IOException;
import java.io.InputStream;

/** A hijacked connection: read the multiplexed output from {@link #in}, write stdin with {@link #write}. */
public final class Hijacked implements AutoCloseable {
  private final InputStream in;
  private final Link link;

  Hijacked(InputStream in, Link link) {
    this.in = in;
    this.link = link;
  }

  public InputStream in() {
    return in;
  }

  /** Writes bytes to the container's stdin at once; safe while another thread reads {@link #in}. */
  public void write(byte[] b, int off, int len) throws IOException {
    link.write(java.nio.ByteBuffer.wrap(b, off, len));
  }

  /** Half-closes the connection so the container sees end-of-file on stdin. */
  public void closeStdin() {
    try {
      link.shutdownOutput();
    } catch (IOException ignored) {
      // the container may already be gone
    }
  }

  @Override
  public void close() {
    link.close();
  }
}
