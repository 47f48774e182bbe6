package jokku.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** A link over a socket channel: the unix socket, or plain TCP. */
final class ChannelLink extends Link {
  private final SocketChannel ch;

  ChannelLink(SocketChannel ch) {
    super(Channels.newInputStream(ch), new BufferedOutputStream(Channels.newOutputStream(ch), 8192));
    this.ch = ch;
  }

  // The channel itself, not its output stream: the stream twin of a channel locks while the other one reads.
  @Override
  void write(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) ch.write(b);
  }

  @Override
  void shutdownOutput() throws IOException {
    out.flush();
    ch.shutdownOutput();
  }

  @Override
  boolean stale() {
    try {
      if (in.buffered() > 0) return true;
      ch.configureBlocking(false);
      try {
        return ch.read(ByteBuffer.allocate(1)) != 0;
      } finally {
        ch.configureBlocking(true);
      }
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  @Override
  boolean readable(long millis) throws IOException {
    if (in.buffered() > 0) return true;
    ch.configureBlocking(false);
    try {
      try (Selector s = Selector.open()) {
        ch.register(s, SelectionKey.OP_READ);
        return s.select(millis) > 0;
      }
    } finally {
      ch.configureBlocking(true);
    }
  }

  @Override
  void close() {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
