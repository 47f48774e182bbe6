package jokku.certs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import jokku.DokkuException;

/**
 * The regular files of a (possibly gzipped) tar archive read from a stream, in memory: names and contents, nothing
 * written to disk (so no name in the archive can reach outside). Bounded: certificates are small.
 */
final class TarFiles {
  private static final int MAX = 4 << 20;

  private TarFiles() {}

  static Map<String, byte[]> read(InputStream raw) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try {
      InputStream in = new BufferedInputStream(raw);
      in.mark(2);
      int b1 = in.read(), b2 = in.read();
      in.reset();
      if (b1 == 0x1f && b2 == 0x8b) in = new GZIPInputStream(in);
      byte[] all = in.readNBytes(MAX + 1);
      if (all.length > MAX) throw new DokkuException("Tar archive on stdin is larger than " + (MAX >> 20) + " MiB");
      int pos = 0;
      while (pos + 512 <= all.length) {
        if (all[pos] == 0) break;
        String name = text(all, pos, 100);
        String prefix = text(all, pos + 345, 155);
        long size = Long.parseLong("0" + text(all, pos + 124, 12).trim(), 8);
        char type = (char) all[pos + 156];
        pos += 512;
        if (size < 0 || pos + size > all.length) throw new DokkuException("Tar archive on stdin is truncated");
        if (type == '0' || type == '\0') {
          byte[] content = new byte[(int) size];
          System.arraycopy(all, pos, content, 0, (int) size);
          files.put(prefix.isEmpty() ? name : prefix + "/" + name, content);
        }
        pos += (int) ((size + 511) / 512 * 512);
      }
    } catch (IOException | NumberFormatException e) {
      throw new DokkuException("Tar archive containing server.crt and server.key expected on stdin (" + e.getMessage() + ")");
    }
    return files;
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }
}
