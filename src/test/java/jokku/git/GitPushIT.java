package jokku.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.SshServer;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.proxy.Http;
import jokku.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code git push} deploys as a Dokku user makes them: the real git client over a real sshd (the test's own, on
 * loopback) to {@code bin/jokku} as the key's forced command, the real engine building and running the app, the
 * run's nginx serving it. One app's lifecycle carries every assertion.
 */
@Tag("engine")
class GitPushIT {
  static final Path LAUNCHER = Path.of("bin/jokku").toAbsolutePath();

  @Test
  void pushesCreateAndDeployAndRejectedPushesLeaveTheRunningVersionServing() throws Exception {
    TestImages.busybox();
    Jokku j = new Jokku();
    String app = j.name("push");
    int port = Http.proxyOnLoopback(j);
    j.ok("checks:set", "--global", "default-wait", "0");
    j.ok("checks:set", "--global", "wait-to-retire", "0");
    Map<String, String> session = new HashMap<>(j.env);
    session.remove("PATH");
    SshServer ssh = SshServer.start(j.root, session);
    try {
      // the pusher's key as an admin would register it: ssh-keys:add writes Dokku's forced-command line
      java.nio.file.Files.writeString(j.root.resolve(".sshcommand"), LAUNCHER + "\n");
      assertEquals(0, j.runWithInput(ssh.publicKey(), "ssh-keys:add", "pusher").code());
      j.ok("ssh-keys:set", "pusher", "admin", "true");
      Path work = Jokku.tempDir("jokku-push-work-");
      git(ssh, work, "init", "-q", "-b", "main");
      write(work, "Dockerfile", "FROM " + TestImages.BUSYBOX + "\nWORKDIR /app\nCOPY . /app\n");
      write(work, "Procfile", "web: sh -c 'mkdir -p /www && echo \"$(cat /app/VERSION) $(ls /app | tr \"\\n\" \" \")\" > /www/index.html && exec httpd -f -p $PORT -h /www'\n");
      write(work, ".dockerignore", "secret.txt\n");
      write(work, "secret.txt", "not for the image\n");
      String v1 = commit(ssh, work, "VERSION", "v1\n");

      // first push (scp form): the app is created, main becomes its deploy branch, the build streams back, nginx serves it
      SshServer.Result first = git(ssh, work, "push", ssh.destination() + ":" + app, "main");
      assertEquals(0, first.code(), first + ssh.log());
      assertTrue(first.err().contains("-----> Creating " + app + "..."), first.err());
      assertTrue(first.err().contains("remote: -----> Set main as deploy-branch"), first.err());
      assertTrue(first.err().contains("remote: =====> Application deployed:"), first.err());
      Http.Response served = Http.get(port, app, "/");
      assertEquals(200, served.status(), served + "\n" + first.err() + ssh.log());
      assertTrue(served.body().startsWith("v1 Dockerfile Procfile VERSION"), "Procfile run, .dockerignore applied: " + served);
      assertFalse(served.body().contains("secret"), served.body());
      assertEquals(v1 + "\n", j.ok("config:get", app, "GIT_REV").out());

      // a one-line change over the ssh:// URL: deployed while a client keeps requesting through nginx, none failing
      String v2 = commit(ssh, work, "VERSION", "v2\n");
      try (Http.Poller poller = new Http.Poller(port, app, "v")) {
        SshServer.Result second = git(ssh, work, "push", ssh.gitUrl(app), "main");
        assertEquals(0, second.code(), second.toString());
        poller.close();
        assertEquals(0, poller.failed.get(), "failed requests during the push: " + poller.failures);
        assertTrue(poller.ok.get() > 0, "the poller got answers");
      }
      assertTrue(Http.get(port, app, "/").body().startsWith("v2 "), "the change is served");

      // another branch: a warning, nothing deployed
      SshServer.Result branch = git(ssh, work, "push", ssh.gitUrl(app), "main:feature");
      assertEquals(0, branch.code(), branch.toString());
      assertTrue(branch.err().contains("remote: -----> WARNING: deploy did not complete, you must push to main."), branch.err());
      assertFalse(branch.err().contains("Building"), branch.err());

      // a failing app.json check (read from the pushed tree, in the image) rejects the push; the old version keeps
      // serving and keeps its GIT_REV
      write(work, "app.json", "{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"name\":\"never\",\"command\":[\"false\"],\"attempts\":1}]}}\n");
      commit(ssh, work, "VERSION", "v3\n");
      SshServer.Result failing = git(ssh, work, "push", ssh.gitUrl(app), "main");
      assertNotEquals(0, failing.code(), failing.toString());
      assertTrue(failing.err().contains("(pre-receive hook declined)"), failing.err());
      assertTrue(failing.err().contains("name='never'"), "the app.json check ran: " + failing.err());
      assertTrue(Http.get(port, app, "/").body().startsWith("v2 "), "v2 still serves");
      assertEquals(v2 + "\n", j.ok("config:get", app, "GIT_REV").out());
      j.ok("ps:restart", app);
      assertTrue(Http.get(port, app, "/").body().startsWith("v2 "), "ps:restart runs v2, not the build whose check failed");

      // no Dockerfile: one clear line, rejected, nothing built
      git(ssh, work, "rm", "-q", "Dockerfile");
      commit(ssh, work, "VERSION", "v4\n");
      SshServer.Result noDockerfile = git(ssh, work, "push", ssh.gitUrl(app), "main");
      assertNotEquals(0, noDockerfile.code(), noDockerfile.toString());
      assertTrue(noDockerfile.err().contains("remote:  !     No Dockerfile in "), noDockerfile.err());
      assertFalse(noDockerfile.err().contains("Building"), noDockerfile.err());

      // another deploy of the app holds its deploy lock: the push is told and rejected
      try (Store.Lock held = new Store(j.root, j.lib).tryDeployLock(app)) {
        SshServer.Result locked = git(ssh, work, "push", ssh.gitUrl(app), "main");
        assertNotEquals(0, locked.code(), locked.toString());
        assertTrue(locked.err().contains(app + " currently has a deploy lock in place"), locked.err());
      }

      // an invalid app name: refused before anything is created
      SshServer.Result invalid = git(ssh, work, "push", ssh.destination() + ":Bad_App", "main");
      assertNotEquals(0, invalid.code(), invalid.toString());
      assertTrue(invalid.err().contains("App name must begin with lowercase alphanumeric character"), invalid.err());
      assertFalse(Files.exists(j.root.resolve("Bad_App")));

      // a fetch of an app that does not exist, as Dokku: the app is created with its repository, the clone is empty;
      // a fetch of the pushed app (scp form, a leading slash) gets its deploy branch
      String fetched = j.name("fetched");
      Path clones = Jokku.tempDir("jokku-push-clone-");
      SshServer.Result empty = git(ssh, clones, "clone", ssh.destination() + ":" + fetched, "empty");
      assertEquals(0, empty.code(), empty + ssh.log());
      assertTrue(empty.err().contains("You appear to have cloned an empty repository"), empty.err());
      assertTrue(j.ok("apps:list").out().contains(fetched + "\n"), "the fetch created the app");
      assertTrue(Files.isExecutable(j.root.resolve(fetched).resolve("hooks/pre-receive")), "with its repository and hook");
      SshServer.Result full = git(ssh, clones, "clone", "-q", "-b", "main", ssh.destination() + ":/" + app, "full");
      assertEquals(0, full.code(), full.toString());
      assertEquals("v2\n", Files.readString(clones.resolve("full/VERSION")));

      // the repository still holds v2 on main (rejected pushes moved nothing): fetch, report, rebuild, sync agree
      SshServer.Result refs = git(ssh, work, "ls-remote", ssh.gitUrl(app));
      assertTrue(refs.out().contains(v2 + "\trefs/heads/main"), refs.toString());
      assertEquals(v2.substring(0, 7), j.ok("git:report", app, "--git-sha").out().strip());
      j.ok("ps:rebuild", app);
      assertTrue(Http.get(port, app, "/").body().startsWith("v2 "), "ps:rebuild builds the last pushed revision");
      Jokku.Result sync = j.ok("git:sync", "--build-if-changes", app, work.toUri().toString(), v2);
      assertTrue(sync.out().contains("Skipping build as no changes were detected"), sync.toString());

      // git:sync of a new app without a build: the named branch becomes its deploy branch, nothing is deployed
      String other = j.name("synced");
      j.ok("apps:create", other);
      j.env.put("JOKKU_BIN", LAUNCHER.toString());
      Jokku.Result cloned = j.ok("git:sync", other, work.toString(), "main");
      assertTrue(cloned.out().contains("Detected branch, setting deploy-branch to main"), cloned.toString());
      assertEquals("main", j.ok("git:report", other, "--git-deploy-branch").out().strip());
      assertEquals(commitOf(ssh, work, "HEAD").substring(0, 7), j.ok("git:report", other, "--git-sha").out().strip());
      assertTrue(Files.isExecutable(j.root.resolve(other).resolve("hooks/pre-receive")), "the pushable repository exists");
      assertEquals(1, j.run("git:sync", other, work.toString(), "no-such-ref").code());

      // a renamed app keeps a working hook: it takes the push as the new app (its deploy branch, its name)
      String renamed = j.name("renamed");
      j.ok("apps:rename", other, renamed);
      SshServer.Result afterRename = git(ssh, work, "push", ssh.gitUrl(renamed), "main:elsewhere");
      assertEquals(0, afterRename.code(), afterRename.toString());
      assertTrue(afterRename.err().contains("remote: -----> WARNING: deploy did not complete, you must push to main."), afterRename.err());

      // a git killed mid-update leaves its lock file: the ref cannot move until git:unlock removes it
      Path stale = j.root.resolve(renamed).resolve("refs/heads/elsewhere.lock");
      Files.writeString(stale, "");
      commit(ssh, work, "VERSION", "v5\n");
      SshServer.Result blocked = git(ssh, work, "push", ssh.gitUrl(renamed), "main:elsewhere");
      assertNotEquals(0, blocked.code(), blocked.toString());
      assertTrue(blocked.err().contains("elsewhere.lock"), blocked.err());
      Jokku.Result unlocked = j.ok("git:unlock", renamed, "--force");
      assertEquals("-----> About to delete " + stale + "\n-----> Successfully deleted " + stale + "\n", unlocked.out());
      SshServer.Result unblocked = git(ssh, work, "push", ssh.gitUrl(renamed), "main:elsewhere");
      assertEquals(0, unblocked.code(), unblocked.toString());

      // git:allow-host: this sshd's host key into the dokku user's known_hosts (host:port, as the test's sshd is not on 22)
      Jokku.Result allowed = j.ok("git:allow-host", "127.0.0.1:" + ssh.port);
      assertEquals("-----> 127.0.0.1:" + ssh.port + " added to known hosts\n", allowed.out());
      String known = Files.readString(j.root.resolve(".ssh/known_hosts"));
      assertTrue(known.contains("[127.0.0.1]:" + ssh.port + " ssh-"), known);
      j.ok("git:allow-host", "127.0.0.1:" + ssh.port);
      assertEquals(known, Files.readString(j.root.resolve(".ssh/known_hosts")), "each line once");
      Jokku.Result option = j.run("git:allow-host", "--", "-oProxyCommand=x");
      assertEquals(" !     Invalid git host: -oProxyCommand=x\n", option.err(), "never an option of ssh-keyscan: " + option);
    } finally {
      ssh.close();
      j.run("proxy:stop");
      cleanup(j.runId);
    }
  }

  private static String commit(SshServer ssh, Path work, String file, String content) throws Exception {
    write(work, file, content);
    git(ssh, work, "add", "-A");
    SshServer.Result c = git(ssh, work, "-c", "user.name=jokku-test", "-c", "user.email=test@jokku.invalid", "commit", "-qm", content.strip());
    assertEquals(0, c.code(), c.toString());
    return git(ssh, work, "rev-parse", "HEAD").out().strip();
  }

  private static String commitOf(SshServer ssh, Path work, String rev) {
    return git(ssh, work, "rev-parse", rev).out().strip();
  }

  private static void write(Path work, String file, String content) throws Exception {
    Files.writeString(work.resolve(file), content);
  }

  private static SshServer.Result git(SshServer ssh, Path work, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", work.toString()));
    cmd.addAll(List.of(args));
    return SshServer.exec(cmd, "", Map.of("GIT_SSH_COMMAND", ssh.gitSshCommand(), "GIT_TERMINAL_PROMPT", "0"), 600);
  }

  /** The run's containers and networks, and every image labelled with the run (each push's dokku/<app> build). */
  private static void cleanup(String runId) {
    TestEngine.cleanupWithImages(runId, List.of());
  }
}
