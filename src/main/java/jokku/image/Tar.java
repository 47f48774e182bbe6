package jokku.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes small POSIX ustar archives in memory: build contexts for the engine's build endpoint. */
public final class Tar {
  private Tar() {}

  /** One regular file, mode 0644 (a build context holding only a Dockerfile). */
  public static byte[] single(String name, byte[] content) {
    return of(Map.of(name, content), 0644);
  }

  /** Regular files in the map's order (names up to 100 bytes), all with {@code mode}, owned by root. */
  public static byte[] of(Map<String, byte[]> files, int mode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      byte[] content = f.getValue();
      out.writeBytes(header(f.getKey(), content.length, mode));
      out.writeBytes(content);
      out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static byte[] header(String name, long size, int mode) {
    byte[] h = new byte[512];
    put(h, 0, name, 100);
    put(h, 100, String.format("%07o", mode), 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    put(h, 124, String.format("%011o", size), 12);
    put(h, 136, String.format("%011o", 0L), 12);
    for (int i = 148; i < 156; i++) h[i] = ' ';
    h[156] = '0';
    put(h, 257, "ustar", 6);
    put(h, 263, "00", 2);
    int sum = 0;
    for (byte b : h) sum += b & 0xff;
    put(h, 148, String.format("%06o", sum), 7);
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int off, String s, int len) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len));
  }
}
