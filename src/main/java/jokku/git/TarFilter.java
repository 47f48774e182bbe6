package jokku.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Copies a tar stream (as {@code git archive} writes it: ustar entries, pax global and extended headers), leaving out
 * the entries whose path {@code keep} refuses together with the extended headers that belong to them. Kept entries
 * are copied byte for byte.
 */
final class TarFilter {
  private static final int BLOCK = 512;

  private TarFilter() {}

  static void copy(InputStream in, OutputStream out, Predicate<String> keep) throws IOException {
    byte[] h = new byte[BLOCK];
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    String longPath = null;
    while (true) {
      if (in.readNBytes(h, 0, BLOCK) < BLOCK) throw new IOException("the archive ended in the middle of an entry");
      if (zero(h)) {
        out.write(new byte[2 * BLOCK]);
        in.transferTo(OutputStream.nullOutputStream());
        return;
      }
      char type = (char) h[156];
      long size = octal(h, 124, 12);
      long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
      if (type == 'x' || type == 'L') {
        byte[] data = in.readNBytes((int) padded);
        if (data.length < padded) throw new IOException("the archive ended in the middle of an entry");
        String path = type == 'x' ? paxPath(data, (int) size) : nulTerminated(data, 0, (int) size);
        if (path != null) longPath = path;
        pending.write(h);
        pending.write(data);
        continue;
      }
      String name = longPath != null ? longPath : ustarName(h);
      while (name.endsWith("/")) name = name.substring(0, name.length() - 1);
      if (type == 'g' || keep.test(name)) {
        pending.writeTo(out);
        out.write(h);
        if (transfer(in, out, padded) < padded) throw new IOException("the archive ended in the middle of an entry");
      } else {
        in.skipNBytes(padded);
      }
      pending.reset();
      longPath = null;
    }
  }

  private static long transfer(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) break;
      out.write(buf, 0, r);
      left -= r;
    }
    return n - left;
  }

  private static boolean zero(byte[] h) {
    for (byte b : h) if (b != 0) return false;
    return true;
  }

  private static long octal(byte[] h, int off, int len) {
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

  private static String nulTerminated(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** ustar: {@code prefix/name} when the prefix field is used. */
  private static String ustarName(byte[] h) {
    String name = nulTerminated(h, 0, 100);
    boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    String prefix = ustar ? nulTerminated(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The {@code path} record of a pax extended header ({@code "<len> path=<value>\n"} records), or null. */
  private static String paxPath(byte[] data, int size) {
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
      if (len <= 0 || i + len > size) return null;
      String record = new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
      if (record.startsWith("path=")) return record.substring(5);
      i += len;
    }
    return null;
  }
}
