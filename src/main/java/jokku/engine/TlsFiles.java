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
import java.security.Principal;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
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
        keys = new KeyManager[] {new ClientKey(k, chain.toArray(new X509Certificate[0]))};
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

  /**
   * Whether {@code k} belongs to {@code pub}, as far as a cheap comparison tells (no signature: that costs more than
   * the rest of a command): the RSA modulus, the EC curve; a mismatch not seen here fails the handshake instead.
   */
  private static boolean matches(PrivateKey k, PublicKey pub) {
    if (k instanceof RSAPrivateCrtKey r && pub instanceof RSAPublicKey p) return r.getModulus().equals(p.getModulus());
    if (k instanceof ECPrivateKey e && pub instanceof ECPublicKey p) return e.getParams().getCurve().equals(p.getParams().getCurve());
    return k.getAlgorithm().equals(pub.getAlgorithm()) || k.getAlgorithm().startsWith("Ed") && pub.getAlgorithm().startsWith("Ed");
  }

  /**
   * The client certificate and its key, handed to TLS directly: a KeyStore would encrypt the key and decrypt it again
   * (PKCS#12 password-based encryption, thousands of hash rounds), which costs seconds on a busy machine.
   */
  private static final class ClientKey extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    ClientKey(PrivateKey key, X509Certificate[] chain) {
      this.key = key;
      this.chain = chain;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return chain.clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
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
