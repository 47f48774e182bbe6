package jokku.engine;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code GET /containers/{id}/archive?path=}: one file out of a container's file system (created or running). */
final class ContainerArchive {
  private ContainerArchive() {}

  /** The content of the regular file at {@code path}, or empty when there is none. */
  static Optional<byte[]> readFile(DockerClient c, String id, String path) {
    DockerClient.Response r = c.call("GET", "/containers/" + Engine.enc(id) + "/archive?path=" + Engine.enc(path), null);
    if (r.status() == 404) return Optional.empty();
    return firstFile(c.ok(r).body());
  }

  /** The first regular file of a tar archive (pax and GNU long-name headers skipped). */
  static Optional<byte[]> firstFile(byte[] tar) {
    int pos = 0;
    while (pos + 512 <= tar.length) {
      if (tar[pos] == 0) return Optional.empty(); // end-of-archive block
      long size = octal(tar, pos + 124, 12);
      byte type = tar[pos + 156];
      int data = pos + 512;
      if (type == '0' || type == 0) {
        if (data + size > tar.length) return Optional.empty();
        byte[] out = new byte[(int) size];
        System.arraycopy(tar, data, out, 0, (int) size);
        return Optional.of(out);
      }
      if (type == '5' || type == '2' || type == '1') return Optional.empty(); // a folder or link, not a file
      pos = data + (int) ((size + 511) / 512 * 512);
    }
    return Optional.empty();
  }

  private static long octal(byte[] b, int off, int len) {
    String s = new String(b, off, len, StandardCharsets.US_ASCII).replace("\0", "").trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
