package jokku.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * git's lock files in an app's repository and git:unlock (a push refused by a real stale lock: GitPushIT);
 * git:public-key. In-process, no engine.
 */
@Tag("unit")
class GitLocksTest {
  @Test
  void lockFilesAtTheTopAndUnderRefsAreFound() throws Exception {
    Path repo = Jokku.tempDir("jokku-locks-");
    Files.createDirectories(repo.resolve("refs/heads/feature"));
    Files.createDirectories(repo.resolve("objects/pack"));
    for (String f : List.of("packed-refs.lock", "refs/heads/main.lock", "refs/heads/feature/x.lock", "objects/pack/tmp.lock", "HEAD", "refs/heads/main")) {
      Files.writeString(repo.resolve(f), "");
    }
    assertEquals(List.of(repo.resolve("packed-refs.lock"), repo.resolve("refs/heads/feature/x.lock"), repo.resolve("refs/heads/main.lock")), GitLocks.find(repo));
    assertEquals(List.of(), GitLocks.find(repo.resolve("missing")));
  }

  @Test
  void aProcessWorkingInTheRepositoryIsSeen() throws Exception {
    Path repo = Jokku.tempDir("jokku-locks-busy-");
    assertEquals(List.of(), GitLocks.processesIn(repo));
    Process p = new ProcessBuilder("sleep", "300").directory(repo.toFile()).start();
    try {
      assertTrue(GitLocks.processesIn(repo).contains(p.pid()), "the process whose current folder is the repository");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void unlockRemovesStaleLocksAfterAskingOrWithForce() throws Exception {
    Jokku j = new Jokku();
    String app = j.name("unlock");
    j.ok("apps:create", app);
    assertEquals("-----> No stale git lock exists, app already unlocked\n", j.ok("git:unlock", app).out());
    Path lock = j.root.resolve(app).resolve("refs/heads/main.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "");

    Jokku.Result no = j.runWithInput("n\n", "git:unlock", app);
    assertEquals(0, no.code(), no.toString());
    assertEquals("Are you sure that want to delete the stale git lock files (y/n)?no\n", no.out());
    assertTrue(Files.exists(lock), "kept");
    Jokku.Result eof = j.runWithInput("", "git:unlock", app);
    assertEquals(1, eof.code(), eof.toString());
    assertEquals(" !     No answer (stdin closed): run git:unlock with --force to delete them without asking\n", eof.err());
    assertTrue(Files.exists(lock), "kept");

    Jokku.Result yes = j.runWithInput("y\n", "git:unlock", app);
    assertEquals(0, yes.code(), yes.toString());
    assertEquals("Are you sure that want to delete the stale git lock files (y/n)?-----> About to delete " + lock + "\n-----> Successfully deleted " + lock + "\n", yes.out());
    assertTrue(!Files.exists(lock), "deleted");
    Files.writeString(lock, "");
    j.ok("git:unlock", app, "--force");
    assertTrue(!Files.exists(lock), "deleted without asking");
    assertEquals(20, j.run("git:unlock", j.name("missing"), "--force").code(), "Dokku's exit for an app that does not exist");
  }

  @Test
  void publicKeyPrintsTheDeployKeyOrSaysHowToMakeOne() throws Exception {
    Jokku j = new Jokku();
    Jokku.Result none = j.run("git:public-key");
    assertEquals(1, none.code(), none.toString());
    assertTrue(none.err().contains(" !     Generate an ssh key with the following command (do not specify a password):\n"), none.err());
    Files.createDirectories(j.root.resolve(".ssh"));
    Files.writeString(j.root.resolve(".ssh/id_ed25519.pub"), "ssh-ed25519 AAAAC3Nza dokku@host\n");
    assertEquals("ssh-ed25519 AAAAC3Nza dokku@host\n", j.ok("git:public-key").out());
    Files.writeString(j.root.resolve(".ssh/id_rsa.pub"), "ssh-rsa AAAAB3Nza dokku@host\n");
    assertEquals("ssh-rsa AAAAB3Nza dokku@host\n", j.ok("git:public-key").out(), "Dokku's id_rsa.pub first");
  }
}
