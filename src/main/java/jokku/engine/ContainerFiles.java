package jokku.engine;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jokku.engine.DockerClient.Response;

/** Copies single files out of a container's filesystem ({@code GET /containers/{id}/archive}). */
public final class ContainerFiles {
  private final DockerClient c;

  public ContainerFiles(DockerClient client) {
    this.c = client;
  }

  /** The file's content, or empty when the path does not exist (or is not a regular file). */
  public Optional<byte[]> read(String container, String path) {
    Response r = c.call("GET", "/containers/" + Engine.enc(container) + "/archive?path=" + Engine.enc(path), null);
    if (r.status() == 404) return Optional.empty();
    return firstFile(c.ok(r).body());
  }

  /** The content of the first regular file in a POSIX/GNU tar archive. */
  static Optional<byte[]> firstFile(byte[] tar) {
    int off = 0;
    while (off + 512 <= tar.length) {
      if (tar[off] == 0) return Optional.empty();
      long size = octal(tar, off + 124, 12);
      char type = (char) tar[off + 156];
      int data = off + 512;
      if ((type == '0' || type == 0) && data + size <= tar.length) {
        byte[] content = new byte[(int) size];
        System.arraycopy(tar, data, content, 0, (int) size);
        return Optional.of(content);
      }
      off = data + (int) ((size + 511) / 512 * 512);
    }
    return Optional.empty();
  }

  private static long octal(byte[] b, int off, int len) {
    String s = new String(b, off, len, StandardCharsets.US_ASCII).replace("\0", "").trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
