package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jokku.proxy.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jokku as the dokku user, as {@code bin/jokku} runs on a server, on the real engine: a test user of its own (unique
 * name, in the docker group, removed afterwards) owns this test's DOKKU_ROOT and DOKKU_LIB_ROOT, as the dokku user
 * owns {@code /home/dokku} and {@code /var/lib/dokku}. Run as that user (not root): apps, a network, a deploy served by
 * an nginx that user starts and reloads, network reports. Run by root: the launcher re-executes itself as that user,
 * so the redeploy reloads that user's nginx and nothing under either folder ever belongs to root. Then a port below
 * 1024: bound by the nginx root started (as the user, with only that capability), reloaded by the user's own deploy.
 */
@Tag("engine")
class DokkuUserIT {
  static final Path LAUNCHER = Path.of("").toAbsolutePath().resolve("bin/jokku");

  final String runId = UUID.randomUUID().toString().substring(0, 8);
  final String user = "jokku-t-" + runId;
  final Map<String, String> env = new HashMap<>();
  final List<String> images = new ArrayList<>();
  Path root;
  Path lib;
  int uid;

  @BeforeEach
  void createUser() throws Exception {
    sh("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", "--groups", "docker", user);
    uid = Integer.parseInt(sh("id", "-u", user).strip());
    Path base = Jokku.tempDir("jokku-dokkuuser-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    root = Files.createDirectories(base.resolve("home"));
    lib = Files.createDirectories(base.resolve("lib"));
    sh("chown", user + ":", root.toString(), lib.toString());
    env.put("DOKKU_ROOT", root.toString());
    env.put("DOKKU_LIB_ROOT", lib.toString());
    env.put("JOKKU_LABELS", TestEngine.LABEL + "=" + runId);
    env.put("JOKKU_ARCHIVE", "off"); // the project's archive folder is root's; this user could not keep one there
    env.put("PATH", System.getenv("PATH"));
    if (System.getenv("DOCKER_HOST") != null) env.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
  }

  @AfterEach
  void removeEverything() throws Exception {
    try {
      asUser("proxy:stop");
      TestEngine.cleanupWithImages(runId, images);
    } finally {
      sh("userdel", user);
    }
  }

  @Test
  void worksAsTheDokkuUserAndRootRunsAsIt() throws Exception {
    int port = Http.freePort();
    ok(asUser("proxy:set", "--global", "listen", "127.0.0.1:" + port));
    String app = "api-" + runId, net = "net-" + runId;
    ok(asUser("apps:create", app));
    ok(asUser("checks:set", app, "default-wait", "0"));
    ok(asUser("checks:set", app, "wait-to-retire", "0"));
    ok(asUser("network:create", net));
    ok(asUser("network:set", app, "attach-post-deploy", net));
    String image = TestImages.build("jokku-test/dokkuuser-" + runId + ":latest", Map.of(
        "Procfile", "web: sh -c 'mkdir -p /www && echo \"served $(hostname)\" > /www/index.html && exec httpd -f -p $PORT -h /www'\n",
        "Dockerfile", "FROM " + TestImages.BUSYBOX + "\nCOPY Procfile /app/Procfile\nWORKDIR /app\n"));
    images.add(image);

    Jokku.Result deploy = ok(asUser("git:from-image", app, image));
    assertTrue(deploy.out().contains("=====> Application deployed:"), deploy.out());
    String url = ok(asUser("url", app)).out().strip();
    String host = url.substring("http://".length(), url.lastIndexOf(':'));
    assertEquals(200, Http.get(port, host, "/").status(), "served through the nginx this user started");
    long master = Long.parseLong(Files.readString(lib.resolve("data/nginx-vhosts/_jokku/nginx.pid")).strip());
    assertEquals(uid, processUid(master), "nginx's master runs as the user, not root");
    // a host port below 1024 for the app: the user's master (no capability) could not bind it on reload, so the
    // change is refused before the port map is saved
    String maps = ok(asUser("ports:list", app)).out();
    int lowForPorts = freeLowPort();
    Jokku.Result lowMap = asUser("ports:add", app, "http:" + lowForPorts + ":5000");
    assertEquals(1, lowMap.code(), lowMap.toString());
    assertEquals(" !     Cannot proxy " + app + ": nginx would have to bind 127.0.0.1:" + lowForPorts + ", and the running nginx master (pid " + master
        + ") lacks CAP_NET_BIND_SERVICE; ports below 1024 need CAP_NET_BIND_SERVICE, which nginx gets when the jokku-nginx service or root"
        + " starts it (systemctl start jokku-nginx, or jokku proxy:start as root)\n", lowMap.err());
    assertEquals(maps, ok(asUser("ports:list", app)).out(), "the port maps did not change");
    assertEquals(200, Http.get(port, host, "/").status(), "still served");
    assertEquals(net + "\n", ok(asUser("--quiet", "network:report", app, "--network-attach-post-deploy")).out());
    assertTrue(TestEngine.network(net).containers().stream().anyMatch(c -> c.name().startsWith(app + ".web.")), "the web container joined " + net);
    assertNothingOfRoot();

    // root: bin/jokku re-executes itself as the owner of DOKKU_ROOT
    ok(asRoot("apps:create", "second-" + runId));
    ok(asRoot("config:set", "--no-restart", app, "GREETING=hello"));
    ok(asRoot("ps:restart", app));
    assertEquals(200, Http.get(port, host, "/").status(), "still served after root's redeploy");
    assertEquals(uid, processUid(Long.parseLong(Files.readString(lib.resolve("data/nginx-vhosts/_jokku/nginx.pid")).strip())));
    assertTrue(Files.readString(root.resolve(app).resolve("ENV")).contains("GREETING"), "root's config:set landed");
    assertNothingOfRoot();

    // A port below 1024, as on a server: root's listen change restarts nginx as the user with the one capability it
    // keeps; the user's own deploy (as over ssh: no capability) tests the configuration in a namespace of its own and
    // reloads that master; the user cannot start nginx on it by itself, and is told how.
    int low = freeLowPort();
    ok(asRoot("proxy:set", "--global", "listen", "127.0.0.1:" + low));
    assertEquals(200, Http.get(low, host, "/").status(), "served on port " + low);
    // moving to another low port needs a restart, and nginx started by the user could not bind it: refused before
    // anything changes, the running nginx (holding the port) untouched
    long lowMaster = Long.parseLong(Files.readString(lib.resolve("data/nginx-vhosts/_jokku/nginx.pid")).strip());
    int otherLow = freeLowPort();
    Jokku.Result move = asUser("proxy:set", "--global", "listen", "127.0.0.1:" + otherLow);
    assertEquals(1, move.code(), move.toString());
    assertEquals(" !     Cannot listen on 127.0.0.1:" + otherLow + ", listen stays 127.0.0.1:" + low + ": nginx would have to bind 127.0.0.1:" + otherLow
        + ", and jokku would start nginx as " + user + " without CAP_NET_BIND_SERVICE; ports below 1024 need CAP_NET_BIND_SERVICE, which nginx gets"
        + " when the jokku-nginx service or root starts it (systemctl start jokku-nginx, or jokku proxy:start as root)\n", move.err());
    assertEquals("127.0.0.1:" + low + "\n", ok(asUser("--quiet", "proxy:report", "--global", "--proxy-global-listen")).out());
    assertEquals(lowMaster, Long.parseLong(Files.readString(lib.resolve("data/nginx-vhosts/_jokku/nginx.pid")).strip()), "the same master serves");
    assertEquals(200, Http.get(low, host, "/").status(), "still served on port " + low);
    ok(asUser("ps:restart", app));
    assertEquals(200, Http.get(low, host, "/").status(), "the user's redeploy reloaded nginx on port " + low);
    String other = "other-" + runId + ".jokku.test";
    ok(asUser("domains:add", app, other)); // a new server_name: nginx -t, then the reload
    assertEquals(200, Http.get(low, other, "/").status(), "the user's new domain is served on port " + low);
    ok(asUser("proxy:stop"));
    Jokku.Result refused = asUser("proxy:start");
    assertEquals(1, refused.code(), refused.toString());
    assertEquals(" !     nginx did not start: bind() to 127.0.0.1:" + low + " failed (13: Permission denied); ports below 1024 need CAP_NET_BIND_SERVICE,"
        + " which nginx gets when the jokku-nginx service or root starts it (systemctl start jokku-nginx, or jokku proxy:start as root)\n", refused.err());
    ok(asRoot("proxy:start"));
    assertEquals(200, Http.get(low, host, "/").status());
    assertEquals(uid, processUid(Long.parseLong(Files.readString(lib.resolve("data/nginx-vhosts/_jokku/nginx.pid")).strip())));
    assertNothingOfRoot();
  }

  /** A DOKKU_ROOT that belongs to a uid no user has: root is told, and nothing runs (neither as root nor as that uid). */
  @Test
  void rootRefusesADokkuRootOfNoUser() throws Exception {
    int nobody = 4_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000);
    sh("chown", String.valueOf(nobody), root.toString());
    Jokku.Result r = asRoot("apps:create", "x-" + runId);
    assertEquals(1, r.code(), r.toString());
    assertEquals(" !     jokku: DOKKU_ROOT " + root + " belongs to uid " + nobody + ", which is no user (chown -R dokku: it)\n", r.err());
    try (Stream<Path> s = Files.list(root)) {
      assertEquals(0, s.count(), "nothing created");
    }
  }

  /** A port below 1024 free on 127.0.0.1 (root binds it for a moment to find out). */
  private static int freeLowPort() {
    for (int i = 0; i < 200; i++) {
      int p = 600 + java.util.concurrent.ThreadLocalRandom.current().nextInt(400);
      try (java.net.ServerSocket s = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException inUse) {
        // another one
      }
    }
    throw new AssertionError("no free port below 1024 on 127.0.0.1");
  }

  /** Every file and folder under DOKKU_ROOT and DOKKU_LIB_ROOT belongs to the user. */
  private void assertNothingOfRoot() throws IOException {
    for (Path top : List.of(root, lib)) {
      try (Stream<Path> s = Files.walk(top)) {
        for (Path p : s.toList()) {
          if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            assertEquals(uid, Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS), "owner of " + p);
          }
        }
      }
    }
  }

  private static int processUid(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("Uid:")) return Integer.parseInt(line.split("\\s+")[1]);
    }
    throw new AssertionError("no Uid line for pid " + pid);
  }

  private static Jokku.Result ok(Jokku.Result r) {
    assertEquals(0, r.code(), r.toString());
    return r;
  }

  /** bin/jokku run by the test user (setpriv: its uid, its groups, no capability). */
  private Jokku.Result asUser(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--inh-caps=-all", "--",
        LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  /** bin/jokku run by root. */
  private Jokku.Result asRoot(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  private Jokku.Result run(List<String> cmd) throws Exception {
    Path dir = Jokku.tempDir("jokku-dokkuuser-out-");
    Path out = dir.resolve("out"), err = dir.resolve("err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Jokku.Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + ": " + out);
    return out;
  }
}
