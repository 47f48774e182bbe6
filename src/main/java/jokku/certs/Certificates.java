package jokku.certs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * An app's TLS certificate and key, where Dokku keeps them: {@code $DOKKU_ROOT/<app>/tls/server.crt} and
 * {@code server.key}. A pair is checked before it is installed (both parse, the key is the certificate's, the
 * certificate has not expired); the folder and the key are readable by their owner (root) only.
 */
public final class Certificates {
  public static final String DIR = "tls";
  private final Store store;

  public Certificates(Store store) {
    this.store = store;
  }

  /** The app's tls folder when it holds both files, else null. */
  public static Path dir(Store store, String app) {
    Path d = store.appDir(app).resolve(DIR).toAbsolutePath();
    return Files.isRegularFile(d.resolve("server.crt")) && Files.isRegularFile(d.resolve("server.key")) ? d : null;
  }

  public Path path(String app) {
    return store.appDir(app).resolve(DIR).toAbsolutePath();
  }

  public boolean has(String app) {
    return dir(store, app) != null;
  }

  /** Refuses a pair that does not parse, whose key is not the certificate's, or whose certificate expired. */
  public static void check(String crt, String key) {
    withFiles(crt, key, (c, k) -> {
      OpenSsl.Result pub = OpenSsl.run("x509", "-in", c.toString(), "-noout", "-pubkey");
      if (!pub.ok() || !crt.contains("-----BEGIN CERTIFICATE-----")) throw new DokkuException("The certificate is not a PEM X.509 certificate: " + pub.firstLine());
      OpenSsl.Result keyPub = OpenSsl.run("pkey", "-in", k.toString(), "-pubout");
      if (!keyPub.ok()) throw new DokkuException("The key is not a PEM private key (a passphrase-protected key is not supported): " + keyPub.firstLine());
      if (!pub.out().strip().equals(keyPub.out().strip())) throw new DokkuException("The certificate does not match the key");
      if (!OpenSsl.run("x509", "-in", c.toString(), "-noout", "-checkend", "0").ok()) {
        throw new DokkuException("The certificate expired on " + field(OpenSsl.run("x509", "-in", c.toString(), "-noout", "-enddate").out(), "notAfter="));
      }
      return null;
    });
  }

  /** Installs a checked pair; the caller holds the app's lock. */
  public void install(String app, String crt, String key) {
    check(crt, key);
    Path d = path(app);
    Store.mkdirs(d);
    try {
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Store.writeAtomic(d.resolve("server.key"), key, true);
    Store.writeAtomic(d.resolve("server.crt"), crt, true);
  }

  public void remove(String app) {
    store.deleteTree(path(app));
  }

  /**
   * The certificate and key in a tar archive on stdin, as Dokku finds them: exactly one {@code *.crt} and one
   * {@code *.key} regular file, hidden files ignored. Returns crt, key.
   */
  public static List<String> fromTar(java.io.InputStream in) {
    String crt = null, key = null;
    for (Map.Entry<String, byte[]> f : TarFiles.read(in).entrySet()) {
      String base = f.getKey().substring(f.getKey().lastIndexOf('/') + 1);
      if (base.startsWith(".") || f.getKey().contains("/.")) continue;
      String text = new String(f.getValue(), java.nio.charset.StandardCharsets.UTF_8);
      if (base.endsWith(".crt")) {
        if (crt != null) throw new DokkuException("Tar archive contains more than one .crt file");
        crt = text;
      } else if (base.endsWith(".key")) {
        if (key != null) throw new DokkuException("Tar archive contains more than one .key file");
        key = text;
      }
    }
    if (crt == null) throw new DokkuException("Tar archive is missing .crt file");
    if (key == null) throw new DokkuException("Tar archive is missing .key file");
    return List.of(crt, key);
  }

  /** The installed pair (crt, key), or null. */
  public List<String> installed(String app) {
    Path d = dir(store, app);
    return d == null ? null : List.of(Store.read(d.resolve("server.crt")), Store.read(d.resolve("server.key")));
  }

  /** A self-signed pair (2048-bit RSA, 365 days) for a domain, and its signing request: crt, key, csr. */
  public static List<String> generate(String domain) {
    return withFiles("", "", (c, k) -> {
      Path csr = c.resolveSibling("server.csr");
      String subject = "/CN=" + domain;
      OpenSsl.Result r = OpenSsl.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", k.toString(), "-out", c.toString(),
          "-days", "365", "-subj", subject, "-addext", "subjectAltName=DNS:" + domain);
      if (!r.ok()) throw new DokkuException("openssl could not generate a certificate: " + r.firstLine());
      OpenSsl.Result req = OpenSsl.run("req", "-new", "-key", k.toString(), "-out", csr.toString(), "-subj", subject);
      if (!req.ok()) throw new DokkuException("openssl could not generate a signing request: " + req.firstLine());
      return List.of(Files.readString(c), Files.readString(k), Files.readString(csr));
    });
  }

  /** {@code certs:report}'s {@code --ssl-*} flags for an app. */
  public Map<String, String> report(String app) {
    Map<String, String> m = new LinkedHashMap<>();
    Path d = dir(store, app);
    m.put("--ssl-dir", path(app).toString());
    m.put("--ssl-enabled", String.valueOf(d != null));
    String text = d == null ? "" : OpenSsl.run("x509", "-in", d.resolve("server.crt").toString(), "-noout", "-text").out();
    m.put("--ssl-hostnames", d == null ? "" : String.join(" ", hostnames(text, d)));
    m.put("--ssl-expires-at", field(text, "Not After : "));
    m.put("--ssl-issuer", field(text, "Issuer: "));
    m.put("--ssl-starts-at", field(text, "Not Before: "));
    String subject = d == null ? "" : OpenSsl.run("x509", "-in", d.resolve("server.crt").toString(), "-noout", "-subject", "-nameopt", "compat").out().strip();
    subject = subject.replaceFirst("^subject=\\s*", "").replaceFirst("^/", "").replace("/", "; ");
    m.put("--ssl-subject", subject);
    String verified = "";
    if (d != null) {
      String out = OpenSsl.run("verify", "-verbose", "-purpose", "sslserver", d.resolve("server.crt").toString()).out().strip();
      verified = out.endsWith(": OK") ? "verified by a certificate authority" : "self signed";
    }
    m.put("--ssl-verified", verified);
    return m;
  }

  /** The certificate's common name and DNS subject alternative names, sorted and distinct. */
  private static List<String> hostnames(String text, Path d) {
    TreeSet<String> names = new TreeSet<>();
    String subject = OpenSsl.run("x509", "-in", d.resolve("server.crt").toString(), "-noout", "-subject", "-nameopt", "RFC2253").out();
    java.util.regex.Matcher cn = java.util.regex.Pattern.compile("CN=([^,\\n]*)").matcher(subject);
    if (cn.find()) names.add(cn.group(1).strip());
    String[] lines = text.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (!lines[i].contains("X509v3 Subject Alternative Name")) continue;
      for (String part : lines[i + 1].split(",")) {
        String p = part.strip();
        if (p.startsWith("DNS:")) names.add(p.substring(4));
      }
    }
    return new ArrayList<>(names);
  }

  /** The rest of the first line holding {@code label}, trimmed ("" when absent). */
  static String field(String text, String label) {
    for (String line : text.split("\n")) {
      int i = line.indexOf(label);
      if (i >= 0) return line.substring(i + label.length()).strip();
    }
    return "";
  }

  private interface WithFiles<T> {
    T run(Path crt, Path key) throws IOException;
  }

  /** Runs with the PEM texts in a private temp folder (mode 700), removed afterwards. */
  private static <T> T withFiles(String crt, String key, WithFiles<T> body) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("jokku-certs-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path c = dir.resolve("server.crt"), k = dir.resolve("server.key");
      if (!crt.isEmpty()) Files.writeString(c, crt);
      if (!key.isEmpty()) Files.writeString(k, key);
      return body.run(c, k);
    } catch (IOException e) {
      throw new DokkuException("Cannot check the certificate: " + e.getMessage());
    } finally {
      if (dir != null) {
        try (var s = Files.walk(dir)) {
          for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: the folder is private to root (mode 700) and under the system temp folder
        }
      }
    }
  }
}
