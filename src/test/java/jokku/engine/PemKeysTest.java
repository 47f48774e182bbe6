package jokku.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Private keys as openssl writes them, read back to the same key: PKCS#1 and SEC 1 through jokku's own DER wrapping,
 * compared with openssl's PKCS#8 conversion of the same key, which the JDK reads itself.
 */
@Tag("unit")
class PemKeysTest {
  static String openssl(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + "\n" + out);
    return out;
  }

  static PrivateKey key(Path f) throws Exception {
    return PemKeys.privateKey(Files.readString(f));
  }

  @Test
  void pkcs1Rsa_isTheSameKeyAsItsPkcs8Form() throws Exception {
    Path d = Jokku.tempDir("jokku-pem-");
    openssl(d, "genrsa", "-traditional", "-out", "rsa1.pem", "2048");
    openssl(d, "pkcs8", "-topk8", "-nocrypt", "-in", "rsa1.pem", "-out", "rsa8.pem");
    assertEquals("-----BEGIN RSA PRIVATE KEY-----", Files.readAllLines(d.resolve("rsa1.pem")).get(0));
    PrivateKey k1 = key(d.resolve("rsa1.pem")), k8 = key(d.resolve("rsa8.pem"));
    assertEquals("RSA", k1.getAlgorithm());
    assertArrayEquals(k8.getEncoded(), k1.getEncoded());
  }

  @Test
  void sec1Ec_afterItsParameters_isTheSameKeyAsItsPkcs8Form() throws Exception {
    Path d = Jokku.tempDir("jokku-pem-");
    for (String curve : List.of("prime256v1", "secp384r1")) {
      Files.writeString(d.resolve("ec1.pem"), openssl(d, "ecparam", "-name", curve, "-genkey"));
      openssl(d, "pkcs8", "-topk8", "-nocrypt", "-in", "ec1.pem", "-out", "ec8.pem");
      String pem = Files.readString(d.resolve("ec1.pem"));
      assertEquals(0, pem.indexOf("-----BEGIN EC PARAMETERS-----"), pem);
      PrivateKey k1 = key(d.resolve("ec1.pem")), k8 = key(d.resolve("ec8.pem"));
      assertEquals("EC", k1.getAlgorithm());
      assertEquals(((java.security.interfaces.ECPrivateKey) k8).getS(), ((java.security.interfaces.ECPrivateKey) k1).getS(), curve);
      assertEquals(((java.security.interfaces.ECPrivateKey) k8).getParams().toString(), ((java.security.interfaces.ECPrivateKey) k1).getParams().toString());
    }
  }

  @Test
  void pkcs8Ed25519_isRead() throws Exception {
    Path d = Jokku.tempDir("jokku-pem-");
    openssl(d, "genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
    assertEquals("EdDSA", key(d.resolve("ed.pem")).getAlgorithm());
  }

  @Test
  void encryptedKeys_andNonKeys_areRefusedWithTheReason() throws Exception {
    Path d = Jokku.tempDir("jokku-pem-");
    openssl(d, "genrsa", "-traditional", "-aes128", "-passout", "pass:secret", "-out", "enc1.pem", "2048");
    openssl(d, "genpkey", "-algorithm", "RSA", "-aes128", "-pass", "pass:secret", "-out", "enc8.pem");
    String encrypted = "the key is encrypted with a passphrase; jokku, like the docker CLI, needs an unencrypted key";
    assertEquals(encrypted, assertThrows(PemKeys.Bad.class, () -> key(d.resolve("enc1.pem"))).getMessage());
    assertEquals(encrypted, assertThrows(PemKeys.Bad.class, () -> key(d.resolve("enc8.pem"))).getMessage());
    assertEquals("no private key in it (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)",
        assertThrows(PemKeys.Bad.class, () -> PemKeys.privateKey("hello")).getMessage());
    assertEquals("the key is not valid DER (an EC key)",
        assertThrows(PemKeys.Bad.class, () -> PemKeys.privateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")).getMessage());
    assertEquals("the key is not a valid RSA private key",
        assertThrows(PemKeys.Bad.class, () -> PemKeys.privateKey("-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----\n")).getMessage());
  }
}
