package jokku.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import jokku.Jokku;
import jokku.SshServer;
import jokku.TestEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ssh door to a real non-root user, as on a server where sshd logs in the dokku user: a test user of its own
 * (unique name, in the docker group, removed afterwards) owns the test's DOKKU_ROOT and DOKKU_LIB_ROOT; root registers
 * the first key (ssh-keys:add stays root's, as in Dokku), then everything runs through ssh as that user: an admin key
 * creates an app and registers a second key, which sees only the app on whose ACL it is. Nothing under either folder
 * ends up root's.
 */
@Tag("engine")
class SshDokkuUserIT {
  static final Path JOKKU = Path.of("bin/jokku").toAbsolutePath();

  @Test
  void keysAndAclsWorkForTheDokkuUser() throws Exception {
    String user = "jokku-s-" + UUID.randomUUID().toString().substring(0, 8);
    Jokku j = new Jokku();
    run("useradd", "--system", "--no-create-home", "--shell", "/bin/sh", "--user-group", "--groups", "docker", "-p", "*", "-d", j.root.toString(), user);
    SshServer sshd = null;
    try {
      Files.createDirectories(j.root.resolve(".ssh"));
      Files.writeString(j.root.resolve(".sshcommand"), JOKKU + "\n");
      run("chown", "-R", user + ":", j.root.toString(), j.lib.toString());
      sshd = SshServer.start(j.root, Map.of("DOKKU_ROOT", j.root.toString(), "DOKKU_LIB_ROOT", j.lib.toString(),
          "JOKKU_LABELS", j.env.get("JOKKU_LABELS"), "JOKKU_ARCHIVE", "off"), user);
      assertEquals(0, j.runWithInput(sshd.publicKey(), "ssh-keys:add", "admin").code());
      // root runs bin/jokku: it re-executes itself as the owner of DOKKU_ROOT for everything but ssh-keys:add/remove
      SshServer.Result set = SshServer.exec(List.of(JOKKU.toString(), "ssh-keys:set", "admin", "admin", "true"), "",
          Map.of("DOKKU_ROOT", j.root.toString(), "DOKKU_LIB_ROOT", j.lib.toString(), "JOKKU_ARCHIVE", "off"), 120);
      assertEquals(0, set.code(), set.toString());

      String app = j.name("du");
      SshServer.Result create = sshd.ssh("apps:create", app);
      assertEquals(0, create.code(), create + sshd.log());
      Path alice = sshd.newClientKey("alice");
      assertEquals(0, sshd.ssh(sshd.clientKey, SshServer.publicKey(alice), "ssh-keys:add", "alice").code());
      assertEquals(0, sshd.ssh("acl:add", app, "alice").code());
      assertEquals(0, sshd.ssh("apps:create", j.name("other")).code());
      SshServer.Result list = sshd.ssh(alice, "", "apps:list", "--quiet");
      assertEquals(app + "\n", list.out(), list + sshd.log());
      assertEquals(1, sshd.ssh(alice, "", "config:show", j.name("other")).code());

      int uid = Integer.parseInt(SshServer.exec(List.of("id", "-u", user), "", Map.of(), 30).out().strip());
      for (Path top : List.of(j.root, j.lib)) {
        try (Stream<Path> s = Files.walk(top)) {
          for (Path p : s.toList()) assertEquals(uid, Files.getAttribute(p, "unix:uid"), p + " belongs to the dokku user");
        }
      }
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(j.root.resolve(".ssh/authorized_keys"))));
    } finally {
      if (sshd != null) sshd.close();
      TestEngine.cleanup(j.runId);
      SshServer.exec(List.of("userdel", user), "", Map.of(), 60);
    }
  }

  static void run(String... cmd) {
    SshServer.Result r = SshServer.exec(List.of(cmd), "", Map.of(), 60);
    assertTrue(r.code() == 0, String.join(" ", cmd) + ": " + r);
  }
}
