package jokku;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jokku.engine.Engine;
import jokku.engine.EngineFixture;
import jokku.image.Tar;

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
      if (EngineFixture.imageDocument(e, BUSYBOX).isPresent()) return BUSYBOX;
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("busybox", Files.readAllBytes(Path.of("/bin/busybox")));
      files.put("Dockerfile", ("FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
          + "ENV PATH=/bin\nCMD [\"/bin/sh\"]\n").getBytes(StandardCharsets.UTF_8));
      build(e, BUSYBOX, files);
      return BUSYBOX;
    } catch (IOException ex) {
      throw new UncheckedIOException("busybox-static must be installed (/bin/busybox)", ex);
    } finally {
      e.close();
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
      e.close();
    }
  }

  /**
   * Builds; retried when the engine lost a cached parent layer mid-build ({@code unknown parent image ID}): another
   * run removing its own images prunes untagged parents that this build's cache was using.
   */
  private static void build(Engine e, String tag, Map<String, byte[]> files) {
    for (int attempt = 1; ; attempt++) {
      try {
        buildOnce(e, tag, files);
        return;
      } catch (IllegalStateException ex) {
        if (attempt >= 3 || !ex.getMessage().contains("unknown parent image ID")) throw ex;
      }
    }
  }

  private static void buildOnce(Engine e, String tag, Map<String, byte[]> files) {
    byte[] tar = tar(files);
    EngineFixture.Build b = EngineFixture.build(e, "rm=1&forcerm=1&labels=" + Engine.enc("{\"" + TestEngine.LABEL + "\":\"image\"}") + "&t=" + Engine.enc(tag), tar);
    if (b.status() >= 400 || b.log().contains("\"error\"")) throw new IllegalStateException("test image build failed: " + b.log());
  }

  /** A POSIX ustar archive of the given files (all mode 0755), written by the main code's {@link Tar}. */
  public static byte[] tar(Map<String, byte[]> files) {
    return Tar.of(files, 0755);
  }

  static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
