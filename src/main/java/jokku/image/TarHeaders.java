package jokku.image;

import java.nio.charset.StandardCharsets;

/** Fields of tar header blocks (ustar, GNU long names, pax extended records), as archives in the wild write them. */
public final class TarHeaders {
  public static final int BLOCK = 512;

  private TarHeaders() {}

  /** The all-zero block that ends an archive. */
  public static boolean zero(byte[] h) {
    for (byte b : h) if (b != 0) return false;
    return true;
  }

  /** An octal number field (NUL or space terminated, leading spaces allowed). */
  public static long octal(byte[] h, int off, int len) {
    long v = 0;
    for (int i = off; i < off + len; i++) {
      byte b = h[i];
      if (b == 0 || b == ' ') {
        if (v > 0) break;
        continue;
      }
      if (b < '0' || b > '7') break;
      v = v * 8 + (b - '0');
    }
    return v;
  }

  public static String nulTerminated(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** ustar: {@code prefix/name} when the prefix field is used. */
  public static String ustarName(byte[] h) {
    String name = nulTerminated(h, 0, 100);
    boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    String prefix = ustar ? nulTerminated(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The value of one record of a pax extended header ({@code "<len> key=value\n"} records), or null. */
  public static String paxRecord(byte[] data, int size, String key) {
    int i = 0;
    while (i < size) {
      int sp = i;
      while (sp < size && data[sp] != ' ') sp++;
      int len;
      try {
        len = Integer.parseInt(new String(data, i, sp - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        return null;
      }
      if (len <= 0 || i + len > size || sp + 1 > i + len - 1) return null;
      String record = new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
      if (record.startsWith(key + "=")) return record.substring(key.length() + 1);
      i += len;
    }
    return null;
  }

  /** Whether the header's checksum matches its bytes (the checksum field counted as spaces). */
  public static boolean checksumValid(byte[] h) {
    long stored = octal(h, 148, 8);
    return stored == checksum(h);
  }

  /** Sets the size field and recomputes the checksum. */
  public static void resize(byte[] h, long size) {
    byte[] s = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(s, 0, h, 124, 11);
    h[135] = 0;
    byte[] sum = String.format("%06o", checksum(h)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(sum, 0, h, 148, 6);
    h[154] = 0;
    h[155] = ' ';
  }

  private static long checksum(byte[] h) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    return sum;
  }
}
