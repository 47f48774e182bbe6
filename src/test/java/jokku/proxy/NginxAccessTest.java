package jokku.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import jokku.DokkuException;
import jokku.Jokku;
import jokku.Jokku.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * nginx's workers must reach the error pages and upstream sockets: a folder they cannot enter is one clear error at
 * {@code proxy:start} and at a build (deploy), never a silent 403/502. Real nginx, real folders and sockets; the
 * suite runs as root, so the managed nginx's workers run as www-data (else nobody).
 */
@Tag("engine")
class NginxAccessTest {
  private final Jokku j = new Jokku();

  @AfterEach
  void stopNginx() {
    j.run("proxy:stop");
  }

  private static String workerUser() throws IOException {
    return Files.readString(Path.of("/etc/passwd")).contains("\nwww-data:") ? "www-data" : "nobody";
  }

  private static void chmod(Path p, String perms) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
  }

  @Test
  void libRootInA0700Folder_proxyStartNamesThePathAndTheUser() throws IOException {
    assertEquals("root", System.getProperty("user.name"), "the suite runs as root (nginx then drops to its worker user)");
    Path locked = Jokku.tempDir("jokku-locked-"); // mktemp -d: mode 0700
    chmod(locked, "rwx------");
    j.env.put("DOKKU_LIB_ROOT", locked.resolve("lib").toString());
    Http.proxyOnLoopback(j);
    Result r = j.run("proxy:start");
    assertEquals(1, r.code(), r.toString());
    assertEquals("-----> Starting nginx\n", r.out());
    String user = workerUser();
    assertTrue(r.err().startsWith(" !     nginx's worker user " + user + " cannot reach " + locked.resolve("lib/data/nginx-vhosts/dokku-errors/")
        + "") && r.err().contains("(it cannot enter it: " + locked + ", mode 700, uid 0, gid 0)")
        && r.err().contains("chmod o+x " + locked), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals("false\n", j.ok("proxy:report", "--global", "--proxy-nginx-running").out(), "nginx was not started");

    chmod(locked, "rwx--x--x");
    assertTrue(j.ok("proxy:start").out().startsWith("-----> Starting nginx\n"));
  }

  @Test
  void unreachableUpstreamSocket_failsTheBuild_thenServes() throws IOException {
    Http.proxyOnLoopback(j);
    j.ok("apps:create", "api");
    Path edge = j.lib.resolve("edge-api");
    Files.createDirectories(edge);
    chmod(edge, "rwx------");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      Path socket = edge.resolve("5000.sock");
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.writeString(j.root.resolve("api/IP.web.1"), "unix:" + edge + "\n"); // the listener a swarm app's edge gives
      String user = workerUser();

      Result r = j.run("proxy:build-config", "api");
      assertEquals(1, r.code(), r.toString());
      assertTrue(r.err().contains(" !     nginx's worker user " + user + " cannot reach " + socket + " (it cannot enter it: " + edge + ", mode 700"), r.err());
      assertFalse(Files.exists(j.root.resolve("api/nginx.conf")), "the refused configuration is not kept");

      chmod(edge, "rwxr-xr-x");
      chmod(socket, "rwxr-xr-x");
      r = j.run("proxy:build-config", "api");
      assertEquals(1, r.code(), r.toString());
      assertTrue(r.err().contains(" !     nginx's worker user " + user + " cannot reach " + socket + " (it cannot connect to it, mode 755"), r.err());

      chmod(socket, "rw-rw-rw-"); // as nginx makes its listening sockets (the edge's)
      assertEquals(0, j.run("proxy:build-config", "api").code());
      assertEquals("true\n", j.ok("proxy:report", "--global", "--proxy-nginx-running").out());
    }
  }

  @Test
  void permissionBits_ownerGroupOther() throws IOException {
    Path dir = Jokku.tempDir("jokku-access-");
    Path file = Files.writeString(dir.resolve("page.html"), "x");
    NginxAccess.Worker nobody = new NginxAccess.Worker("nobody", 65534, Set.of(65534));
    chmod(dir, "rwx------");
    chmod(file, "rw-r--r--");
    DokkuException e = assertThrows(DokkuException.class, () -> NginxAccess.require(nobody, file, 4));
    assertTrue(e.getMessage().startsWith("nginx's worker user nobody cannot reach " + file + " (it cannot enter it: " + dir + ", mode 700"), e.getMessage());
    chmod(dir, "rwx-----x");
    NginxAccess.require(nobody, file, 4);
    chmod(file, "rw-------");
    e = assertThrows(DokkuException.class, () -> NginxAccess.require(nobody, file, 4));
    assertTrue(e.getMessage().contains("(it cannot read it, mode 600") && e.getMessage().contains("chmod o+r " + file), e.getMessage());
    int owner = (Integer) Files.getAttribute(file, "unix:uid"), group = (Integer) Files.getAttribute(file, "unix:gid");
    chmod(dir, "rwx--x---");
    chmod(file, "rw-r-----");
    NginxAccess.require(new NginxAccess.Worker("member", 4242, Set.of(group)), file, 4); // through the group bits
    NginxAccess.require(new NginxAccess.Worker("owner", owner, Set.of()), file, 4);
    assertThrows(DokkuException.class, () -> NginxAccess.require(nobody, file, 4));
  }

  @Test
  void workerUser_fromPasswdAndGroup() {
    String passwd = "root:x:0:0::/root:/bin/sh\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n";
    String group = "root:x:0:\nwww-data:x:33:\nssl-cert:x:110:www-data,other\nweb:x:120:\n";
    assertEquals(new NginxAccess.Worker("www-data", 33, Set.of(33, 110)), NginxAccess.worker("www-data", null, passwd, group));
    assertEquals(new NginxAccess.Worker("www-data", 33, Set.of(120, 110)), NginxAccess.worker("www-data", "web", passwd, group),
        "user www-data web; replaces the primary group");
    assertNull(NginxAccess.worker("ghost", null, passwd, group), "an unknown user is nginx -t's to report");
    assertEquals(List.of(Path.of("/a/edge/5000.sock"), Path.of("/b/edge/6000.sock")),
        NginxAccess.sockets("upstream a {\n  server unix:/a/edge/5000.sock;\n}\nupstream b {\n  server unix:/b/edge/6000.sock;\n}\n  server 10.0.0.1:5000;\n"));
  }
}
