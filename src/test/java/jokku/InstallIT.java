package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code script/install} into a temporary root, as on a server: the jar and start-up archive, the {@code jokku} and
 * {@code dokku} links, the systemd units from {@code systemd/} (verified with systemd-analyze where it exists), the
 * settings file; again (idempotent), refusing to replace a foreign {@code dokku}, and the uninstall (twice).
 */
class InstallIT {
  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Path SCRIPT = PROJECT.resolve("script/install");
  static final List<String> UNITS = List.of("jokku-nginx.service", "jokku-restore.service", "jokku-watch.service");

  @TempDir Path root;

  private LauncherIT.Run install(String... args) throws IOException, InterruptedException {
    return LauncherIT.run(SCRIPT, Map.of(), args);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !Files.isDirectory(p)).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void installsIntoATemporaryRootAgainAndAwayAgain() throws Exception {
    LauncherIT.Run r = install("--root", root.toString(), "--as-dokku");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("-----> Installing jokku from " + PROJECT.toRealPath() + " under " + root.toRealPath() + "\n"), r.out());
    assertTrue(r.out().endsWith("-----> Installed under " + root.toRealPath() + " (units not enabled)\n"), r.out());
    List<String> expected = List.of("etc/default/jokku", "etc/systemd/system/jokku-nginx.service", "etc/systemd/system/jokku-restore.service",
        "etc/systemd/system/jokku-watch.service", "usr/local/bin/dokku", "usr/local/bin/jokku", "usr/local/share/doc/jokku/README.md");
    assertEquals(expected, files());
    Path launcher = PROJECT.resolve("bin/jokku");
    assertEquals(launcher, Files.readSymbolicLink(root.resolve("usr/local/bin/jokku")));
    assertEquals(launcher, Files.readSymbolicLink(root.resolve("usr/local/bin/dokku")));
    for (String u : UNITS) assertEquals(Files.readString(PROJECT.resolve("systemd/" + u)), Files.readString(root.resolve("etc/systemd/system/" + u)), u);
    if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) assertTrue(r.out().contains("       units verified (systemd-analyze verify)\n"), r.out());

    String watch = Files.readString(root.resolve("etc/systemd/system/jokku-watch.service"));
    assertTrue(watch.contains("\nExecStart=/usr/local/bin/jokku network:watch\n") && watch.contains("\nRestart=on-failure\n") && watch.contains("\nAfter=docker.service"), watch);
    String restore = Files.readString(root.resolve("etc/systemd/system/jokku-restore.service"));
    assertTrue(restore.contains("\nExecStart=/usr/local/bin/jokku ps:restore --all\n") && restore.contains("\nAfter=docker.service") && restore.contains("\nType=oneshot\n"), restore);

    LauncherIT.Run viaDokku = LauncherIT.run(root.resolve("usr/local/bin/dokku"), Map.of("JOKKU_ARCHIVE", "off"), "ps:help");
    assertEquals(0, viaDokku.code(), viaDokku.toString());
    assertTrue(viaDokku.out().contains("ps:restore [--all|<app>]") && viaDokku.out().contains("ps:set <app>|--global"), "the dokku link runs jokku: " + viaDokku);

    Files.writeString(root.resolve("etc/default/jokku"), "DOKKU_ROOT=/srv/dokku\n");
    LauncherIT.Run again = install("--root", root.toString(), "--as-dokku", "--no-build");
    assertEquals(0, again.code(), again.toString());
    assertEquals(expected, files());
    assertEquals("DOKKU_ROOT=/srv/dokku\n", Files.readString(root.resolve("etc/default/jokku")), "settings are never overwritten");

    Files.delete(root.resolve("usr/local/bin/dokku"));
    Files.writeString(root.resolve("usr/local/bin/dokku"), "#!/bin/sh\n# the real Dokku\n");
    LauncherIT.Run refused = install("--root", root.toString(), "--as-dokku", "--no-build");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().endsWith(" !     " + root.toRealPath() + "/usr/local/bin/dokku exists and is not jokku's link; remove it first or install without --as-dokku\n"), refused.err());
    assertEquals("#!/bin/sh\n# the real Dokku\n", Files.readString(root.resolve("usr/local/bin/dokku")));

    for (int i = 0; i < 2; i++) {
      LauncherIT.Run gone = install("--root", root.toString(), "--uninstall");
      assertEquals(0, gone.code(), gone.toString());
      assertTrue(gone.out().endsWith("-----> jokku uninstalled\n"), gone.out());
    }
    assertEquals(List.of("etc/default/jokku", "usr/local/bin/dokku"), files(), "the settings and the foreign dokku stay");
    assertFalse(Files.exists(root.resolve("usr/local/bin/jokku"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }
}
