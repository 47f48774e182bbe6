package jokku.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@code tcp://host[:port]}: TLS when {@code DOCKER_TLS_VERIFY} (verified against {@code ca.pem}, the host name
 * checked) or {@code DOCKER_TLS} (encrypted, not verified) is set, with the client certificate of
 * {@code DOCKER_CERT_PATH} ({@link TlsFiles}); plain TCP only when {@code JOKKU_ENGINE_PLAINTEXT=1} says so, since
 * the engine API gives root on its host to whoever reaches it. Default ports: 2376 with TLS, 2375 without.
 */
final class TcpTransport implements Transport {
  static final int CONNECT_TIMEOUT_MILLIS = 30_000;

  private final String address;
  private final String host;
  private final int port;
  private final TlsFiles tls;

  private TcpTransport(EngineUrl url, TlsFiles tls) {
    this.address = url.shown();
    this.host = url.host();
    this.port = url.port() != EngineUrl.NO_PORT ? url.port() : tls != null ? 2376 : 2375;
    this.tls = tls;
  }

  static TcpTransport of(EngineUrl url, Map<String, String> env) {
    boolean verify = !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
    boolean tls = verify || !env.getOrDefault("DOCKER_TLS", "").isEmpty();
    if (!tls) {
      if (!env.getOrDefault("JOKKU_ENGINE_PLAINTEXT", "").equals("1")) {
        throw new EngineUnreachable(url.shown(), "tcp:// needs TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (ca.pem, cert.pem,"
            + " key.pem), or JOKKU_ENGINE_PLAINTEXT=1 to send the engine API unencrypted");
      }
      return new TcpTransport(url, null);
    }
    String dir = env.getOrDefault("DOCKER_CERT_PATH", "");
    if (dir.isEmpty()) dir = env.getOrDefault("HOME", System.getProperty("user.home")) + "/.docker";
    try {
      return new TcpTransport(url, TlsFiles.load(java.nio.file.Path.of(dir), verify));
    } catch (TlsFiles.Bad e) {
      throw new EngineUnreachable(url.shown(), e.getMessage());
    }
  }

  @Override
  public Link open() {
    InetSocketAddress to;
    try {
      to = new InetSocketAddress(java.net.InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new EngineUnreachable(address, "unknown host " + host);
    }
    return tls == null ? plain(to) : secure(to);
  }

  private Link plain(InetSocketAddress to) {
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open();
      ch.configureBlocking(false);
      if (!ch.connect(to)) {
        try (Selector s = Selector.open()) {
          ch.register(s, SelectionKey.OP_CONNECT);
          if (s.select(CONNECT_TIMEOUT_MILLIS) == 0) throw new SocketTimeoutException("connect timed out");
        }
        ch.finishConnect();
      }
      ch.configureBlocking(true);
      ch.socket().setTcpNoDelay(true);
      return new ChannelLink(ch);
    } catch (IOException e) {
      closeQuietly(ch);
      throw unreachable(e);
    }
  }

  private Link secure(InetSocketAddress to) {
    Socket raw = new Socket();
    try {
      raw.connect(to, CONNECT_TIMEOUT_MILLIS);
      raw.setTcpNoDelay(true);
    } catch (IOException e) {
      closeQuietly(raw);
      throw unreachable(e);
    }
    try {
      SSLSocketFactory f = tls.context().getSocketFactory();
      SSLSocket s = (SSLSocket) f.createSocket(raw, host, port, true);
      SSLParameters p = s.getSSLParameters();
      if (tls.verify()) p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
      s.startHandshake();
      s.setSoTimeout(0);
      return new TlsLink(s, tls);
    } catch (SSLException e) {
      closeQuietly(raw);
      throw new EngineUnreachable(address, "TLS handshake failed: " + TlsFiles.handshakeReason(e, tls));
    } catch (IOException e) {
      closeQuietly(raw);
      throw unreachable(e);
    }
  }

  private EngineUnreachable unreachable(IOException e) {
    String why = e instanceof SocketTimeoutException ? "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s" : EngineUnreachable.reason(e);
    return new EngineUnreachable(address, "cannot connect to " + host + " port " + port + ": " + why);
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      if (c != null) c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** A TLS session: reads and writes may run on two threads (a hijacked connection's stdin pump). */
  static final class TlsLink extends Link {
    private final SSLSocket s;
    private final TlsFiles tls;
    /** What the session's reads saw: a refusal alert closes the socket, so it can be read only once. */
    private final AlertKeeping alerts;

    TlsLink(SSLSocket s, TlsFiles tls) throws IOException {
      this(s, tls, new AlertKeeping(s.getInputStream()));
    }

    private TlsLink(SSLSocket s, TlsFiles tls, AlertKeeping in) throws IOException {
      super(in, new BufferedOutputStream(s.getOutputStream(), 16384));
      this.s = s;
      this.tls = tls;
      this.alerts = in;
    }

    /** The session's input, keeping the TLS failure a read ran into before the engine's first byte. */
    private static final class AlertKeeping extends java.io.FilterInputStream {
      private volatile SSLException failure;
      private volatile boolean answered;

      AlertKeeping(java.io.InputStream in) {
        super(in);
      }

      @Override
      public int read() throws IOException {
        try {
          int b = super.read();
          answered |= b >= 0;
          return b;
        } catch (SSLException e) {
          throw kept(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          int n = super.read(b, off, len);
          answered |= n > 0;
          return n;
        } catch (SSLException e) {
          throw kept(e);
        }
      }

      private SSLException kept(SSLException e) {
        if (!answered && failure == null) failure = e;
        return e;
      }
    }

    /**
     * With TLS 1.3 the engine judges the client certificate after the client's side of the handshake is done: its
     * refusal is an alert that arrives in place of the first answer: while jokku still writes (then read here) or
     * as it reads the answer (then kept by the reads). That alert, not a broken pipe or a broken answer, is the reason.
     */
    @Override
    String unreachable() {
      if (alerts.failure != null) return "TLS handshake failed: " + TlsFiles.handshakeReason(alerts.failure, tls);
      try {
        if (s.isClosed()) return null;
        s.setSoTimeout(500);
        s.getInputStream().read();
        return null;
      } catch (SSLException e) {
        return "TLS handshake failed: " + TlsFiles.handshakeReason(e, tls);
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    @Override
    void write(java.nio.ByteBuffer b) throws IOException {
      writeOut(b);
    }

    @Override
    void shutdownOutput() throws IOException {
      out.flush();
      s.shutdownOutput();
    }

    @Override
    boolean stale() {
      try {
        return readable(1);
      } catch (IOException | RuntimeException e) {
        return true;
      }
    }

    /** Peeks with a read timeout: a TLS record cannot be looked at without reading it. */
    @Override
    boolean readable(long millis) throws IOException {
      if (in.buffered() > 0) return true;
      s.setSoTimeout((int) Math.max(1, millis));
      try {
        in.mark(1);
        int b = in.read();
        if (b >= 0) in.reset();
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } finally {
        s.setSoTimeout(0);
      }
    }

    @Override
    void close() {
      closeQuietly(s);
    }
  }
}
