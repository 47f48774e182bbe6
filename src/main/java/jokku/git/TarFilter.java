package jokku.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Predicate;
import jokku.image.TarHeaders;

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
      if (TarHeaders.zero(h)) {
        out.write(new byte[2 * BLOCK]);
        in.transferTo(OutputStream.nullOutputStream());
        return;
      }
      char type = (char) h[156];
      long size = TarHeaders.octal(h, 124, 12);
      long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
      if (type == 'x' || type == 'L') {
        byte[] data = in.readNBytes((int) padded);
        if (data.length < padded) throw new IOException("the archive ended in the middle of an entry");
        String path = type == 'x' ? TarHeaders.paxRecord(data, (int) size, "path") : TarHeaders.nulTerminated(data, 0, (int) size);
        if (path != null) longPath = path;
        pending.write(h);
        pending.write(data);
        continue;
      }
      String name = longPath != null ? longPath : TarHeaders.ustarName(h);
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
}
