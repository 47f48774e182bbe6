package jokku;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code script/install} into a temporary root, as on a server: the jar and start-up archive, the {@code jokku} and
 * {@code dokku} links, the dokku user (created in the root's own {@code etc/passwd}, no host user), its
 * {@code authorized_keys} and {@code .sshcommand}, the systemd units from {@code systemd/} with their as-dokku drop-in
 * (verified with systemd-analyze where it exists), the settings file; again (idempotent, keys kept), refusing to
 * replace a foreign {@code dokku}, and the uninstall (twice), which keeps the user and its data.
 */
@Tag("engine")
class InstallIT {
  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Path SCRIPT = PROJECT.resolve("script/install");
  static final List<String> UNITS = List.of("jokku-nginx.service", "jokku-restore.service", "jokku-watch.service");

  /** The account files useradd maintains (and its backups): checked on their own, not in {@link #files}. */
  static final List<String> ACCOUNTS = List.of("etc/passwd", "etc/group", "etc/shadow", "etc/gshadow");
  static final String DOCS = "usr/local/share/doc/jokku";

  @TempDir Path root;

  /** A system image's account files: root, and the docker group the engine's package creates. */
  private void accounts(boolean dockerGroup) throws IOException {
    Files.createDirectories(root.resolve("etc/ssh/sshd_config.d"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\n" + (dockerGroup ? "docker:x:106:\n" : ""));
    Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
    Files.writeString(root.resolve("etc/gshadow"), "root:*::\n" + (dockerGroup ? "docker:!::\n" : ""));
  }

  /** The installed README's links into docs/ (and the docs' own links) resolve in the installed copy. */
  private void installedDocsLinksResolve() throws IOException {
    Path docs = root.resolve(DOCS);
    assertEquals(Files.readString(PROJECT.resolve("docs/commands/ssh-keys.md")), Files.readString(docs.resolve("docs/commands/ssh-keys.md")));
    List<String> broken = new java.util.ArrayList<>();
    int links = DocsLinksTest.brokenLinks(docs, broken);
    assertTrue(links > 50, "links read in the installed copy: " + links);
    assertEquals(List.of(), broken, "links of the installed README and docs");
  }

  private LauncherIT.Run install(String... args) throws IOException, InterruptedException {
    return LauncherIT.run(SCRIPT, Map.of(), args);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !Files.isDirectory(p)).map(p -> root.relativize(p).toString())
          .filter(f -> !ACCOUNTS.contains(f.endsWith("-") ? f.substring(0, f.length() - 1) : f))
          .filter(f -> !f.startsWith(DOCS + "/") || f.equals(DOCS + "/README.md")).sorted().toList(); // the docs: installedDocsLinksResolve
    }
  }

  @Test
  void installsIntoATemporaryRootAgainAndAwayAgain() throws Exception {
    accounts(true);
    LauncherIT.Run r = install("--root", root.toString(), "--as-dokku");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("-----> Installing jokku from " + PROJECT.toRealPath() + " under " + root.toRealPath() + "\n"), r.out());
    assertTrue(r.out().endsWith("-----> Installed under " + root.toRealPath() + " (units not enabled)\n"), r.out());
    List<String> expected = List.of("etc/default/jokku", "etc/ssh/sshd_config.d/jokku-dokku.conf", "etc/systemd/system/jokku-nginx.service", "etc/systemd/system/jokku-nginx.service.d/as-dokku.conf",
        "etc/systemd/system/jokku-restore.service", "etc/systemd/system/jokku-restore.service.d/as-dokku.conf", "etc/systemd/system/jokku-watch.service",
        "etc/systemd/system/jokku-watch.service.d/as-dokku.conf", "home/dokku/.ssh/authorized_keys", "home/dokku/.sshcommand", "usr/local/bin/dokku",
        "usr/local/bin/jokku", "usr/local/share/doc/jokku/README.md");
    assertEquals(expected, files());
    installedDocsLinksResolve();
    Path launcher = PROJECT.resolve("bin/jokku");
    assertEquals(launcher, Files.readSymbolicLink(root.resolve("usr/local/bin/jokku")));
    assertEquals(launcher, Files.readSymbolicLink(root.resolve("usr/local/bin/dokku")));
    for (String u : UNITS) assertEquals(Files.readString(PROJECT.resolve("systemd/" + u)), Files.readString(root.resolve("etc/systemd/system/" + u)), u);
    String dropin = Files.readString(PROJECT.resolve("systemd/jokku-as-dokku.conf"));
    for (String u : UNITS) assertEquals(dropin, Files.readString(root.resolve("etc/systemd/system/" + u + ".d/as-dokku.conf")), u);
    for (String line : List.of("User=dokku", "Group=dokku", "AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE", "NoNewPrivileges=yes")) {
      assertTrue(dropin.contains("\n" + line + "\n"), "the units run as dokku with only the capability to bind low ports: " + line);
    }
    assertEquals(Files.readString(PROJECT.resolve("sshd/jokku-dokku.conf")), Files.readString(root.resolve("etc/ssh/sshd_config.d/jokku-dokku.conf")));
    int[] ids = dokkuUser();
    assertTrue(r.out().contains("       created the dokku user (home /home/dokku, in the docker group)\n"), r.out());
    Path home = root.resolve("home/dokku");
    assertOwned(ids, "rwxr-xr-x", home);
    assertOwned(ids, "rwx------", home.resolve(".ssh"));
    assertOwned(ids, "rw-------", home.resolve(".ssh/authorized_keys"));
    assertOwned(ids, "rw-r--r--", home.resolve(".sshcommand"));
    assertOwned(ids, "rwxr-xr-x", root.resolve("var/lib/dokku"));
    assertEquals("", Files.readString(home.resolve(".ssh/authorized_keys")), "created empty");
    assertEquals("/usr/local/bin/dokku\n", Files.readString(home.resolve(".sshcommand")), "the binary every key's forced command runs");
    String key = "command=\"FINGERPRINT=SHA256:x NAME=\\\"admin\\\" `cat /home/dokku/.sshcommand` $SSH_ORIGINAL_COMMAND\",no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding ssh-ed25519 AAAAC3Nza admin\n";
    Files.writeString(home.resolve(".ssh/authorized_keys"), key);
    if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) assertTrue(r.out().contains("       units verified (systemd-analyze verify)\n"), r.out());

    String watch = Files.readString(root.resolve("etc/systemd/system/jokku-watch.service"));
    assertTrue(watch.contains("\nExecStart=/usr/local/bin/jokku network:watch\n") && watch.contains("\nRestart=on-failure\n") && watch.contains("\nAfter=docker.service"), watch);
    String restore = Files.readString(root.resolve("etc/systemd/system/jokku-restore.service"));
    assertTrue(restore.contains("\nExecStart=/usr/local/bin/jokku ps:restore --all\n") && restore.contains("\nAfter=docker.service") && restore.contains("\nType=oneshot\n"), restore);

    LauncherIT.Run viaDokku = LauncherIT.run(root.resolve("usr/local/bin/dokku"), Map.of("JOKKU_ARCHIVE", "off"), "ps:help");
    assertEquals(0, viaDokku.code(), viaDokku.toString());
    assertTrue(viaDokku.out().contains("ps:restore [--all|<app>]") && viaDokku.out().contains("ps:set <app>|--global"), "the dokku link runs jokku: " + viaDokku);

    Files.writeString(root.resolve("etc/default/jokku"), "DOKKU_ROOT=/srv/dokku\n");
    LauncherIT.Run moved = install("--root", root.toString(), "--as-dokku", "--no-build");
    assertEquals(1, moved.code(), moved.toString());
    assertEquals(" !     the dokku user's home is /home/dokku, not DOKKU_ROOT /srv/dokku: set DOKKU_ROOT=/home/dokku in " + root.toRealPath()
        + "/etc/default/jokku, or move its home\n", moved.err());
    Files.writeString(root.resolve("etc/default/jokku"), "DOKKU_ROOT=\"/home/dokku\"\n");
    LauncherIT.Run again = install("--root", root.toString(), "--as-dokku", "--no-build");
    assertEquals(0, again.code(), again.toString());
    assertEquals(expected, files());
    assertEquals("DOKKU_ROOT=\"/home/dokku\"\n", Files.readString(root.resolve("etc/default/jokku")), "settings are never overwritten");
    assertEquals(key, Files.readString(home.resolve(".ssh/authorized_keys")), "a second install keeps the keys");
    assertFalse(again.out().contains("created the dokku user"), "the user exists: " + again.out());

    Path keys = home.resolve(".ssh/authorized_keys");
    Files.move(keys, home.resolve(".ssh/keys.saved"));
    Files.createSymbolicLink(keys, root.resolve("etc/shadow"));
    LauncherIT.Run link = install("--root", root.toString(), "--as-dokku", "--no-build");
    assertEquals(1, link.code(), link.toString());
    assertEquals(" !     " + root.toRealPath() + "/home/dokku/.ssh/authorized_keys is a symbolic link; remove it, then install again\n", link.err());
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/shadow"))), "not chmod-ed");
    Files.delete(keys);
    Files.move(home.resolve(".ssh/keys.saved"), keys);

    Files.delete(root.resolve("usr/local/bin/dokku"));
    Files.writeString(root.resolve("usr/local/bin/dokku"), "#!/bin/sh\n# the real Dokku\n");
    LauncherIT.Run refused = install("--root", root.toString(), "--as-dokku", "--no-build");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().endsWith(" !     " + root.toRealPath() + "/usr/local/bin/dokku exists and is not jokku's link; remove it first or install without --as-dokku\n"), refused.err());
    assertEquals("#!/bin/sh\n# the real Dokku\n", Files.readString(root.resolve("usr/local/bin/dokku")));

    LauncherIT.Run plain = install("--root", root.toString(), "--no-build");
    assertEquals(0, plain.code(), plain.toString());
    assertFalse(Files.exists(root.resolve("etc/systemd/system/jokku-nginx.service.d")), "without --as-dokku the units run as root: no drop-in");

    for (int i = 0; i < 2; i++) {
      LauncherIT.Run gone = install("--root", root.toString(), "--uninstall");
      assertEquals(0, gone.code(), gone.toString());
      assertTrue(gone.out().endsWith("       kept the dokku user, " + root.toRealPath() + "/home/dokku (apps, .ssh/authorized_keys, .sshcommand) and " + root.toRealPath()
          + "/var/lib/dokku (your data);\n       ssh logins as dokku fail until jokku is installed again. To remove them too: userdel --prefix " + root.toRealPath()
          + " dokku; rm -r " + root.toRealPath() + "/home/dokku " + root.toRealPath() + "/var/lib/dokku\n-----> jokku uninstalled\n"), gone.out());
    }
    assertEquals(List.of("etc/default/jokku", "home/dokku/.ssh/authorized_keys", "home/dokku/.sshcommand", "usr/local/bin/dokku"), files(),
        "the settings, the dokku user's files and the foreign dokku stay");
    assertEquals(key, Files.readString(home.resolve(".ssh/authorized_keys")));
    assertArrayEquals(ids, dokkuUser(), "the dokku user stays");
    assertFalse(Files.exists(root.resolve("usr/local/bin/jokku"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  /** The dokku user in the root's passwd (uid, gid), with Dokku's home, sh as shell, a '*' password and the docker group. */
  private int[] dokkuUser() throws IOException {
    String line = Files.readAllLines(root.resolve("etc/passwd")).stream().filter(l -> l.startsWith("dokku:")).findFirst().orElseThrow();
    assertTrue(line.matches("dokku:x:\\d+:\\d+:jokku \\(ssh dokku@host\\):/home/dokku:/bin/sh"), line);
    assertTrue(Files.readAllLines(root.resolve("etc/group")).contains("docker:x:106:dokku"), "in the docker group");
    assertTrue(Files.readAllLines(root.resolve("etc/shadow")).stream().anyMatch(l -> l.startsWith("dokku:*:")), "no password, not locked");
    String[] f = line.split(":");
    return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
  }

  private static void assertOwned(int[] ids, String mode, Path p) throws IOException {
    assertEquals(ids[0], Files.getAttribute(p, "unix:uid"), p.toString());
    assertEquals(ids[1], Files.getAttribute(p, "unix:gid"), p.toString());
    assertEquals(mode, java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
  }

  @Test
  void asDokkuNeedsTheAccountFilesAndADockerGroup() throws Exception {
    LauncherIT.Run bare = install("--root", root.toString(), "--as-dokku", "--no-build");
    assertEquals(1, bare.code(), bare.toString());
    assertEquals(" !     " + root.toRealPath() + "/etc/passwd and " + root.toRealPath() + "/etc/group are needed to create the dokku user\n", bare.err());
    accounts(false);
    LauncherIT.Run noDocker = install("--root", root.toString(), "--as-dokku", "--no-build");
    assertEquals(1, noDocker.code(), noDocker.toString());
    assertEquals(" !     there is no docker group in " + root.toRealPath()
        + "/etc/group (install docker.io first): the dokku user reaches the engine through it\n", noDocker.err());
    assertEquals(List.of(), files(), "nothing installed");
    assertFalse(Files.readString(root.resolve("etc/passwd")).contains("dokku"));
  }

  /**
   * What sshd makes of the installed snippet (sshd -T, a configuration of this test's own that includes it before
   * settings of its own): for dokku no forwarding of any kind and no ~/.ssh/rc; for anyone else the rest of the file.
   */
  @Test
  void theSshdSnippetRefusesForwardingForDokkuOnly() throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "openssh-server (script/bootstrap installs it)");
    Files.createDirectories(root.resolve("conf.d"));
    Files.copy(PROJECT.resolve("sshd/jokku-dokku.conf"), root.resolve("conf.d/jokku-dokku.conf"));
    LauncherIT.Run key = LauncherIT.run(Path.of("/usr/bin/ssh-keygen"), Map.of(), "-q", "-t", "ed25519", "-N", "", "-f", root.resolve("hostkey").toString());
    assertEquals(0, key.code(), key.toString());
    Files.writeString(root.resolve("sshd_config"), "HostKey " + root.resolve("hostkey") + "\nInclude " + root.resolve("conf.d") + "/*.conf\n"
        + "AllowTcpForwarding yes\nAllowAgentForwarding yes\nPermitUserRC yes\n");
    String dokku = sshdT("dokku"), other = sshdT("alice");
    for (String line : List.of("disableforwarding yes", "permittunnel no", "permitopen none", "permitlisten none", "permituserrc no")) {
      assertTrue(dokku.contains("\n" + line + "\n"), line + " in\n" + dokku);
    }
    for (String line : List.of("disableforwarding no", "allowtcpforwarding yes", "allowagentforwarding yes", "permituserrc yes", "permitopen any")) {
      assertTrue(other.contains("\n" + line + "\n"), "the rest of sshd_config is unaffected: " + line + " in\n" + other);
    }
  }

  private String sshdT(String user) throws Exception {
    LauncherIT.Run r = LauncherIT.run(Path.of("/usr/sbin/sshd"), Map.of(), "-T", "-f", root.resolve("sshd_config").toString(), "-C",
        "user=" + user + ",host=client.test,addr=127.0.0.1");
    assertEquals(0, r.code(), r.toString());
    return "\n" + r.out();
  }
}
