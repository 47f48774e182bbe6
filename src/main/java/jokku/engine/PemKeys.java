package jokku.engine;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Private keys from PEM as {@code openssl} writes them: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA, EC or Ed25519),
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC 1 ({@code BEGIN EC PRIVATE KEY}, possibly after an
 * {@code EC PARAMETERS} block). The JDK reads only PKCS#8, so the other two are wrapped into a PKCS#8 structure
 * (RFC 5208: version, algorithm identifier, the key as an octet string), which needs only a few DER encodings and,
 * for SEC 1, the curve's object identifier read from the key itself. Encrypted keys are refused.
 */
final class PemKeys {
  private PemKeys() {}

  /** A key that cannot be used, with the reason a user can act on. */
  static final class Bad extends Exception {
    Bad(String message) {
      super(message);
    }
  }

  /** One PEM block: its label ({@code RSA PRIVATE KEY}) and decoded body; {@code encrypted} for a Proc-Type header. */
  record Block(String label, byte[] der, boolean encrypted) {}

  static List<Block> blocks(String pem) throws Bad {
    List<Block> l = new ArrayList<>();
    int at = 0;
    while ((at = pem.indexOf("-----BEGIN ", at)) >= 0) {
      int labelEnd = pem.indexOf("-----", at + 11);
      if (labelEnd < 0) throw new Bad("a PEM BEGIN line without its closing dashes");
      String label = pem.substring(at + 11, labelEnd);
      String endLine = "-----END " + label + "-----";
      int end = pem.indexOf(endLine, labelEnd);
      if (end < 0) throw new Bad("the PEM block " + label + " has no END line");
      String body = pem.substring(labelEnd + 5, end);
      boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
      StringBuilder b64 = new StringBuilder();
      for (String line : body.split("\n")) {
        if (!line.contains(":")) b64.append(line.strip());
      }
      try {
        l.add(new Block(label, Base64.getDecoder().decode(b64.toString()), encrypted));
      } catch (IllegalArgumentException e) {
        throw new Bad("the PEM block " + label + " is not valid base64");
      }
      at = end + endLine.length();
    }
    return l;
  }

  /** The private key in {@code pem}. */
  static PrivateKey privateKey(String pem) throws Bad {
    for (Block b : blocks(pem)) {
      switch (b.label()) {
        case "ENCRYPTED PRIVATE KEY":
          throw new Bad("the key is encrypted with a passphrase; jokku, like the docker CLI, needs an unencrypted key");
        case "PRIVATE KEY":
          return pkcs8(b.der(), "RSA", "EC", "Ed25519", "Ed448");
        case "RSA PRIVATE KEY":
          if (b.encrypted()) throw new Bad("the key is encrypted with a passphrase; jokku, like the docker CLI, needs an unencrypted key");
          return pkcs8(wrap(RSA_ALGORITHM, b.der()), "RSA");
        case "EC PRIVATE KEY":
          if (b.encrypted()) throw new Bad("the key is encrypted with a passphrase; jokku, like the docker CLI, needs an unencrypted key");
          return pkcs8(wrap(ecAlgorithm(b.der()), b.der()), "EC");
        default:
          // certificates, EC PARAMETERS: not the key
      }
    }
    throw new Bad("no private key in it (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(byte[] der, String... algorithms) throws Bad {
    for (String a : algorithms) {
      try {
        return KeyFactory.getInstance(a).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // another algorithm, or not a key at all
      }
    }
    throw new Bad("the key is not a valid " + String.join(", ", algorithms) + " private key");
  }

  // ---- DER ----

  /** AlgorithmIdentifier rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
  private static final byte[] RSA_ALGORITHM = sequence(
      concat(new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01}, new byte[] {0x05, 0x00}));
  /** The object identifier id-ecPublicKey (1.2.840.10045.2.1), encoded. */
  private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

  /** PrivateKeyInfo: SEQUENCE { INTEGER 0, algorithm, OCTET STRING key }. */
  static byte[] wrap(byte[] algorithm, byte[] key) {
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
  }

  /**
   * The AlgorithmIdentifier of a SEC 1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING d, [0] curve OID, [1] point };
   * id-ecPublicKey with the curve read from the [0] field.
   */
  static byte[] ecAlgorithm(byte[] sec1) throws Bad {
    Der d = new Der(sec1);
    Der seq = d.enter(0x30, "an EC key");
    seq.skip(0x02, "an EC key's version");
    seq.skip(0x04, "an EC key's private value");
    if (!seq.more() || seq.peek() != 0xa0) throw new Bad("the EC key does not name its curve");
    Der params = seq.enter(0xa0, "an EC key's curve");
    byte[] oid = params.raw(0x06, "an EC key's curve");
    return sequence(concat(EC_PUBLIC_KEY, oid));
  }

  /** Reads DER tag-length-value items from a byte range. */
  private static final class Der {
    private final byte[] b;
    private int at;
    private final int end;

    Der(byte[] b) {
      this(b, 0, b.length);
    }

    private Der(byte[] b, int at, int end) {
      this.b = b;
      this.at = at;
      this.end = end;
    }

    boolean more() {
      return at < end;
    }

    int peek() {
      return b[at] & 0xff;
    }

    /** The next item, which must have {@code tag}: {start of the whole item, start of its value, end}. */
    private int[] item(int tag, String what) throws Bad {
      if (at + 2 > end || (b[at] & 0xff) != tag) throw new Bad("the key is not valid DER (" + what + ")");
      int start = at;
      int len = b[at + 1] & 0xff;
      int p = at + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        if (n == 0 || n > 3 || p + n > end) throw new Bad("the key is not valid DER (" + what + ")");
        len = 0;
        for (int k = 0; k < n; k++) len = len << 8 | b[p++] & 0xff;
      }
      if (p + len > end) throw new Bad("the key is not valid DER (" + what + " runs past its end)");
      at = p + len;
      return new int[] {start, p, p + len};
    }

    Der enter(int tag, String what) throws Bad {
      int[] i = item(tag, what);
      return new Der(b, i[1], i[2]);
    }

    void skip(int tag, String what) throws Bad {
      item(tag, what);
    }

    byte[] raw(int tag, String what) throws Bad {
      int[] i = item(tag, what);
      return Arrays.copyOfRange(b, i[0], i[2]);
    }
  }

  static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(content.length + 6);
    o.write(tag);
    int n = content.length;
    if (n < 0x80) {
      o.write(n);
    } else if (n < 0x100) {
      o.write(0x81);
      o.write(n);
    } else if (n < 0x10000) {
      o.write(0x82);
      o.write(n >> 8);
      o.write(n);
    } else {
      o.write(0x83);
      o.write(n >> 16);
      o.write(n >> 8);
      o.write(n);
    }
    o.writeBytes(content);
    return o.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }
}
