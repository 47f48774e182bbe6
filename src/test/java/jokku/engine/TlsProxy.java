package jokku.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import jokku.Jokku;

/**
 * A TLS front for a {@link FakeEngine} on loopback, with certificates made by openssl (a CA, a server certificate
 * for 127.0.0.1, a client certificate it requires; made once per test JVM): each TLS connection is relayed byte for
 * byte to a unix connection to the fake, and closed when the fake closes its side, so the fake's faults arrive over
 * TLS as they would from a TLS engine.
 */
final class TlsProxy implements AutoCloseable {
  final Path certs;
  final int port;
  private final SSLServerSocket server;

  private static Path made;

  /**
   * The certificates, made by openssl once per test JVM (ten openssl runs; every proxy serves the same ones): the
   * folder with {@code server.p12} and {@code client/} (the client's {@code DOCKER_CERT_PATH}).
   */
  private static synchronized Path certificates() throws Exception {
    if (made != null) return made;
    Path d = Jokku.tempDir("jokku-tls-proxy-");
    Files.createDirectories(d.resolve("client"));
    String script = String.join("\n",
        "set -e",
        "openssl ecparam -name prime256v1 -genkey -noout -out ca-key.pem",
        "openssl req -x509 -new -key ca-key.pem -days 1 -subj /CN=test-ca -out client/ca.pem",
        "openssl ecparam -name prime256v1 -genkey -noout -out server-key.pem",
        "openssl req -new -key server-key.pem -subj /CN=localhost -out server.csr",
        "printf 'subjectAltName=IP:127.0.0.1\\n' > server.ext",
        "openssl x509 -req -in server.csr -CA client/ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile server.ext -out server.pem",
        "openssl pkcs12 -export -in server.pem -inkey server-key.pem -passout pass:test -out server.p12",
        "openssl ecparam -name prime256v1 -genkey -noout -out client/key.pem",
        "openssl req -new -key client/key.pem -subj /CN=client -out client.csr",
        "openssl x509 -req -in client.csr -CA client/ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -out client/cert.pem",
        "");
    Process p = new ProcessBuilder("sh", "-c", script).directory(d.toFile()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("openssl: " + log);
    made = d;
    return d;
  }

  TlsProxy(FakeEngine fake) throws Exception {
    Path d = certificates();
    certs = d.resolve("client");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(d.resolve("server.p12"))) {
      ks.load(in, "test".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "test".toCharArray());
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    try (InputStream in = Files.newInputStream(certs.resolve("ca.pem"))) {
      ts.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    port = server.getLocalPort();
    Thread t = new Thread(() -> accept(fake.socket), "tls-proxy");
    t.setDaemon(true);
    t.start();
  }

  String host() {
    return "tcp://127.0.0.1:" + port;
  }

  Map<String, String> env() {
    return Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString());
  }

  private void accept(Path engine) {
    while (!server.isClosed()) {
      try {
        SSLSocket s = (SSLSocket) server.accept();
        Thread t = new Thread(() -> relay(s, engine), "tls-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void relay(SSLSocket s, Path engine) {
    try (s; SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(engine))) {
      s.startHandshake();
      // the channel itself for writing: a channel's stream twins lock each other while one of them reads
      OutputStream toEngine = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
          while (buf.hasRemaining()) ch.write(buf);
        }
      };
      Thread up = pump(s.getInputStream(), toEngine, () -> {
        try {
          ch.shutdownOutput();
        } catch (IOException ignored) {
          // the fake is gone
        }
      });
      copy(Channels.newInputStream(ch), s.getOutputStream()); // until the fake closes or resets: the client sees it closed
      up.interrupt();
    } catch (IOException e) {
      // the client went away
    }
  }

  private static Thread pump(InputStream in, OutputStream out, Runnable atEnd) {
    Thread t = new Thread(() -> {
      copy(in, out);
      atEnd.run();
    }, "tls-proxy-up");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Copies until the end of {@code in}, flushing each piece; stops quietly when either side closes or resets. */
  private static void copy(InputStream in, OutputStream out) {
    byte[] buf = new byte[8192];
    int n;
    try {
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // either side closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

}
