package jokku;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jokku.engine.DockerClient;
import jokku.engine.Engine;

/**
 * Test images built locally through the engine's build endpoint: {@code FROM scratch} plus the static busybox
 * binary from Debian's busybox-static ({@code /bin/busybox}), so no registry is needed.
 */
public final class TestImages {
  public static final String BUSYBOX = "jokku-test/busybox:latest";

  private TestImages() {}

  /** The busybox base image, built once per engine. */
  public static synchronized String busybox() {
    Engine e = TestEngine.engine();
    try {
      if (e.client().call("GET", "/images/" + Engine.enc(BUSYBOX) + "/json", null).status() == 200) return BUSYBOX;
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("busybox", Files.readAllBytes(Path.of("/bin/busybox")));
      files.put("Dockerfile", ("FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
          + "ENV PATH=/bin\nCMD [\"/bin/sh\"]\n").getBytes(StandardCharsets.UTF_8));
      build(e, BUSYBOX, files);
      return BUSYBOX;
    } catch (IOException ex) {
      throw new UncheckedIOException("busybox-static must be installed (/bin/busybox)", ex);
    } finally {
      e.client().close();
    }
  }

  /**
   * Builds an image from a Dockerfile and files (name → content). The Dockerfile may start {@code FROM}
   * {@link #BUSYBOX}. Returns the tag.
   */
  public static String build(String tag, Map<String, String> textFiles) {
    busybox();
    Map<String, byte[]> files = new LinkedHashMap<>();
    textFiles.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
    Engine e = TestEngine.engine();
    try {
      build(e, tag, files);
      return tag;
    } finally {
      e.client().close();
    }
  }

  private static void build(Engine e, String tag, Map<String, byte[]> files) {
    byte[] tar = tar(files);
    try (DockerClient.Stream s = e.client().stream("POST", "/build?rm=1&forcerm=1&labels=" + Engine.enc("{\"" + TestEngine.LABEL + "\":\"image\"}") + "&t=" + Engine.enc(tag),
        new java.io.ByteArrayInputStream(tar), "application/x-tar")) {
      String log = new String(s.readAll(), StandardCharsets.UTF_8);
      if (s.status >= 400 || log.contains("\"error\"")) throw new IllegalStateException("test image build failed: " + log);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** A POSIX ustar archive of the given files (all mode 0755). */
  public static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      byte[] h = new byte[512];
      put(h, 0, f.getKey(), 100);
      put(h, 100, "0000755", 8);
      put(h, 108, "0000000", 8);
      put(h, 116, "0000000", 8);
      put(h, 124, String.format("%011o", f.getValue().length), 12);
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
      out.writeBytes(f.getValue());
      int pad = (512 - f.getValue().length % 512) % 512;
      out.writeBytes(new byte[pad]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] h, int off, String s, int len) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len));
  }

  static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
