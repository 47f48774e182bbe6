package jokku.deploy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the smallest valid tar archive: one regular file (a build context holding only a Dockerfile). */
final class Tar {
  private Tar() {}

  static byte[] single(String name, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] h = new byte[512];
    put(h, 0, name, 100);
    put(h, 100, "0000644", 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    put(h, 124, String.format("%011o", content.length), 12);
    put(h, 136, String.format("%011o", 0L), 12);
    for (int i = 148; i < 156; i++) h[i] = ' ';
    h[156] = '0';
    put(h, 257, "ustar", 6);
    put(h, 263, "00", 2);
    int sum = 0;
    for (byte b : h) sum += b & 0xff;
    put(h, 148, String.format("%06o", sum), 7);
    h[155] = ' ';
    out.writeBytes(h);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] h, int off, String s, int len) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len));
  }
}
