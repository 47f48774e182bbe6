package jokku.engine;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/** {@code unix:///path}: the engine's socket on this machine (the first one opened as {@link FirstSocket} prepared). */
final class UnixTransport implements Transport {
  private final String address;
  private final UnixDomainSocketAddress socket;

  UnixTransport(EngineUrl url) {
    this.address = url.shown();
    this.socket = UnixDomainSocketAddress.of(url.path());
  }

  @Override
  public Link open() {
    FirstSocket.initialise();
    try {
      return new ChannelLink(SocketChannel.open(socket));
    } catch (IOException e) {
      throw new EngineUnreachable(address, EngineUnreachable.reason(e));
    } catch (UnsupportedOperationException e) {
      throw new EngineUnreachable(address, "unix sockets are not supported");
    }
  }
}
