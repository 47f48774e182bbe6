package jokku.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The docker CLI's TLS files in {@code DOCKER_CERT_PATH}: {@code ca.pem} (the CA the engine's certificate must chain
 * to; required when verifying), {@code cert.pem} and {@code key.pem} (the client certificate, both or neither). Each
 * problem names the file and why it cannot be used.
 */
record TlsFiles(SSLContext context, boolean verify, Path dir) {
  /** A file that cannot be used; the message names it. */
  static final class Bad extends Exception {
    Bad(String message) {
      super(message);
    }
  }

  static TlsFiles load(Path dir, boolean verify) throws Bad {
    Path ca = dir.resolve("ca.pem"), cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
    try {
      TrustManager[] trust;
      if (verify) {
        List<X509Certificate> cas = certificates(ca, "DOCKER_TLS_VERIFY needs the CA that signed the engine's certificate");
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        for (int i = 0; i < cas.size(); i++) ts.setCertificateEntry("ca" + i, cas.get(i));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        trust = tmf.getTrustManagers();
      } else {
        trust = new TrustManager[] {new TrustAll()};
      }
      KeyManager[] keys = null;
      boolean hasCert = Files.exists(cert), hasKey = Files.exists(key);
      if (hasCert != hasKey) {
        throw new Bad((hasCert ? key : cert) + ": no such file (" + (hasCert ? cert : key) + " is there; a client certificate needs both)");
      }
      if (hasCert) {
        List<X509Certificate> chain = certificates(cert, "");
        PrivateKey k;
        try {
          k = PemKeys.privateKey(read(key));
        } catch (PemKeys.Bad e) {
          throw new Bad(key + ": " + e.getMessage());
        }
        if (!matches(k, chain.get(0).getPublicKey())) throw new Bad(key + ": not the private key of " + cert);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] none = new char[0];
        ks.setKeyEntry("client", k, none, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, none);
        keys = kmf.getKeyManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return new TlsFiles(ctx, verify, dir);
    } catch (GeneralSecurityException e) {
      throw new Bad("cannot set up TLS from " + dir + ": " + EngineUnreachable.reason(e));
    } catch (IOException e) {
      throw new Bad("cannot set up TLS from " + dir + ": " + EngineUnreachable.reason(e));
    }
  }

  private static String read(Path f) throws Bad {
    try {
      return Files.readString(f, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new Bad(f + ": no such file");
    } catch (IOException e) {
      throw new Bad(f + ": cannot be read (" + EngineUnreachable.reason(e) + ")");
    }
  }

  private static List<X509Certificate> certificates(Path f, String why) throws Bad {
    String pem;
    try {
      pem = read(f);
    } catch (Bad e) {
      throw why.isEmpty() ? e : new Bad(e.getMessage() + " (" + why + ")");
    }
    List<X509Certificate> l = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (PemKeys.Block b : PemKeys.blocks(pem)) {
        if (b.label().equals("CERTIFICATE")) l.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
      }
    } catch (PemKeys.Bad e) {
      throw new Bad(f + ": " + e.getMessage());
    } catch (CertificateException e) {
      throw new Bad(f + ": not a valid X.509 certificate (" + EngineUnreachable.reason(e) + ")");
    }
    if (l.isEmpty()) throw new Bad(f + ": no certificate in it (expected BEGIN CERTIFICATE)");
    return l;
  }

  /** Whether {@code k} signs what {@code pub} verifies. */
  private static boolean matches(PrivateKey k, PublicKey pub) {
    if (!k.getAlgorithm().equals(pub.getAlgorithm()) && !(k.getAlgorithm().startsWith("Ed") && pub.getAlgorithm().startsWith("Ed"))) return false;
    String alg = switch (k.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> k.getAlgorithm();
    };
    try {
      byte[] data = "jokku".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(k);
      s.update(data);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(pub);
      v.update(data);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The reason a handshake failed, in the terms of these files. */
  static String handshakeReason(SSLException e, TlsFiles tls) {
    String m = EngineUnreachable.reason(e);
    Throwable c = e;
    while (c.getCause() != null) c = c.getCause();
    String root = c.getMessage() == null ? m : c.getMessage();
    if (root.contains("PKIX path") || root.contains("unable to find valid certification path")) {
      return "the engine's certificate is not signed by " + tls.dir().resolve("ca.pem");
    }
    if (root.contains("No subject alternative") || root.contains("No name matching")) {
      return "the engine's certificate is not issued for this host (" + root + ")";
    }
    if (m.contains("bad_certificate") || m.contains("certificate_required") || m.contains("unknown_ca")) {
      String alert = m.contains("certificate_required") ? "certificate_required" : m.contains("unknown_ca") ? "unknown_ca" : "bad_certificate";
      return "the engine refused the client certificate (alert " + alert + "): " + tls.dir().resolve("cert.pem")
          + " must exist and be signed by the CA the engine trusts";
    }
    return m;
  }

  /** DOCKER_TLS without DOCKER_TLS_VERIFY: encrypted, the engine's certificate not checked (the docker CLI's InsecureSkipVerify). */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // a client never checks clients
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // not verified, by the user's choice
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
