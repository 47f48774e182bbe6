package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import jokku.Jokku;
import jokku.engine.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A deploy's local input that cannot be read (stdin failing in the middle of an image archive or a project archive,
 * a stored build context the disk cannot give back) against the real engine: one line naming the local cause, exit
 * 1, nothing loaded, built or deployed, no partial file left, and never a message that blames the engine.
 */
@Tag("engine")
class BuildInputFaultsTest {
  final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  /** These bytes, then a read error, as a failing disk or a broken pipe gives. */
  static InputStream failingAfter(byte[] good, String reason) {
    return new SequenceInputStream(new ByteArrayInputStream(good), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException(reason);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw new IOException(reason);
      }
    });
  }

  static void assertLocalFailure(String message, Jokku.Result r) {
    assertEquals(" !     " + message + "\n", r.err(), r.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(!r.err().contains("Docker engine") && !r.err().contains("Internal error"), r.toString());
  }

  @Test
  void loadImage_whenStdinFailsHalfway_saysSo_andNothingIsLoaded() throws IOException {
    String app = f.app("loadfail");
    String image = f.webImage("v1");
    byte[] saved = EngineFixture.saveImage(f.engine, image);
    EngineFixture.forceRemoveImage(f.engine, image);

    Jokku.Result r = f.runWithStream(failingAfter(Arrays.copyOf(saved, saved.length / 2), "Input/output error"), "git:load-image", app);
    assertLocalFailure("Unable to read the image archive: Input/output error", r);
    assertTrue(f.engine.image(image).isEmpty(), "the engine loaded nothing from the cut archive");
    assertTrue(f.containers(app).isEmpty());
    assertEquals("", f.store.property("git", app, "source-image"));

    // stdin redirected from a directory (dokku git:load-image app < /some/dir)
    Path dir = Jokku.tempDir("jokku-stdin-dir-");
    try (InputStream in = Files.newInputStream(dir)) {
      assertLocalFailure("Unable to read the image archive: Is a directory", f.runWithStream(in, "git:load-image", app));
    }
  }

  @Test
  void fromArchive_whenStdinFailsHalfway_saysSo_andLeavesNoPartialFile() throws IOException {
    String app = f.app("archfail");
    Jokku.Result r = f.runWithStream(failingAfter(new byte[70_000], "Input/output error"), "git:from-archive", app, "-");
    assertLocalFailure("Unable to read the archive: Input/output error", r);
    Path data = f.store.dataPath("git", app, "x").getParent();
    try (Stream<Path> files = Files.exists(data) ? Files.list(data) : Stream.empty()) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList(), "no partial archive is left");
    }
    assertTrue(f.containers(app).isEmpty());
  }

  @Test
  void rebuild_whenTheStoredBuildContextCannotBeRead_namesTheFile_notTheEngine() throws IOException {
    String app = f.app("ctxfail");
    // a build context whose every read fails with EIO, as a failing disk does: /proc/self/mem read at offset 0
    Path archive = f.store.dataPath("git", app, "source-archive");
    Files.createDirectories(archive.getParent());
    Files.createSymbolicLink(archive, Path.of("/proc/self/mem"));
    Jokku.Result r = f.j.run("ps:rebuild", app);
    assertEquals("-----> Building " + app + " from Dockerfile\n", r.out(), r.toString());
    assertLocalFailure("Unable to read the build context " + archive + ": Input/output error", r);
    assertTrue(f.containers(app).isEmpty());
  }
}
