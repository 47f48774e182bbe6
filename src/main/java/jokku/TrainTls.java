package jokku;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * For {@link Train}: the {@link CannedEngine} behind a TLS front on loopback, verifying client certificates as a
 * {@code dockerd --tlsverify} does, so that training runs commands over {@code tcp://}+TLS and the start-up archive
 * holds the JDK's TLS, certificate and key classes (about 1100 of them) that such a command loads.
 *
 * <p>The certificates and keys in {@code /jokku/train-tls/} exist for this only: a CA, a server certificate for
 * 127.0.0.1 and a client certificate, made once with openssl, valid for a century, public in the jar. They secure
 * nothing and are never used outside training (which serves loopback only, from this process, for its own client).
 */
final class TrainTls implements AutoCloseable {
  static final String[] CLIENT_FILES = {"ca.pem", "cert.pem", "key.pem"};

  private final SSLServerSocket server;

  private TrainTls(SSLServerSocket server) {
    this.server = server;
    Thread t = new Thread(this::serve, "train-tls");
    t.setDaemon(true);
    t.start();
  }

  /** The client's {@code DOCKER_CERT_PATH}, written into {@code dir}. */
  static Path clientFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String f : CLIENT_FILES) Files.writeString(dir.resolve(f), resource(f), StandardCharsets.ISO_8859_1);
    return dir;
  }

  /** Serves the canned answers over TLS on a free loopback port, until closed. */
  static TrainTls start() throws IOException {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      X509Certificate ca = (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(resource("ca.pem").getBytes(StandardCharsets.ISO_8859_1)));
      X509Certificate cert = (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(resource("server-cert.pem").getBytes(StandardCharsets.ISO_8859_1)));
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(resource("server-key.pem"))));
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new X509ExtendedKeyManager[] {new ServerKey(key, new X509Certificate[] {cert, ca})}, tmf.getTrustManagers(), null);
      SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
      s.setNeedClientAuth(true);
      return new TrainTls(s);
    } catch (GeneralSecurityException e) {
      throw new IOException("training TLS set-up: " + e, e);
    }
  }

  /** {@code tcp://127.0.0.1:<port>}. */
  String host() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        InputStream in = new BufferedInputStream(s.getInputStream());
        while (CannedEngine.answer(in, s.getOutputStream())) {
          // keep-alive
        }
      } catch (IOException | RuntimeException e) {
        // the client went away; serve the next one until closed
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = TrainTls.class.getResourceAsStream("/jokku/train-tls/" + name)) {
      if (in == null) throw new UncheckedIOException(new IOException("no training resource " + name));
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] der(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** The server's one key and chain. */
  private static final class ServerKey extends X509ExtendedKeyManager {
    private final PrivateKey key;
    private final X509Certificate[] chain;

    ServerKey(PrivateKey key, X509Certificate[] chain) {
      this.key = key;
      this.chain = chain;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[] {"server"};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return keyType.equals("RSA") ? "server" : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return chain;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }
  }
}
