package jokku.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bare repository as the hook reads it, on real git: branches, a revision's source, branch-name rules. */
@Tag("unit")
class GitRepoTest {
  @Test
  void aPushDeploysOnlyThroughJokkusOwnExecutableHook() throws Exception {
    Path bare = Jokku.tempDir("jokku-gitrepo-hook-").resolve("app");
    GitRepo repo = new GitRepo(bare);
    assertFalse(repo.deploysOnPush(), "no repository yet");
    String ours = "#!/bin/sh\n# written by jokku (git:initialize): hands each push to jokku\nexit 0\n";
    repo.init(ours, "main");
    assertTrue(repo.deploysOnPush());
    Path hook = bare.resolve("hooks/pre-receive");
    hook.toFile().setExecutable(false, false);
    assertFalse(repo.deploysOnPush(), "git skips a hook it cannot run");
    Files.delete(hook);
    assertFalse(repo.deploysOnPush(), "git accepts a push without a hook");
    repo.init("#!/bin/sh\nexit 0\n", "main");
    assertFalse(repo.deploysOnPush(), "a hook that is not jokku's deploys nothing");
    repo.init(ours, "main");
    assertTrue(repo.deploysOnPush(), "rewritten");
  }

  @Test
  void readsARevisionsCommitDockerfileAndDockerignoreInOneGo() throws Exception {
    Path work = Jokku.tempDir("jokku-gitrepo-work-");
    Path bare = Jokku.tempDir("jokku-gitrepo-bare-").resolve("app");
    GitRepo repo = new GitRepo(bare);
    repo.init("#!/bin/sh\nexit 0\n", "main");
    assertTrue(repo.initialized());
    assertFalse(repo.hasBranches(), "a new repository has no branch");
    assertTrue(Files.isExecutable(bare.resolve("hooks/pre-receive")));

    git(work, "init", "-q", "-b", "main");
    Files.writeString(work.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(work.resolve(".dockerignore"), "*.log\n");
    git(work, "add", "-A");
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "one");
    git(work, "push", "-q", bare.toString(), "main");
    String head = git(work, "rev-parse", "HEAD").strip();

    assertTrue(repo.hasBranches());
    GitRepo.Source s = repo.source("refs/heads/main");
    assertEquals(new GitRepo.Source(head, true, "*.log\n"), s);
    assertEquals(head.substring(0, 7), repo.shortSha("main"));

    git(work, "rm", "-q", "Dockerfile", ".dockerignore");
    Files.createDirectories(work.resolve("Dockerfile"));
    Files.writeString(work.resolve("Dockerfile/readme"), "a folder, not a Dockerfile\n");
    git(work, "add", "-A");
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "two");
    git(work, "push", "-q", bare.toString(), "main");
    GitRepo.Source none = repo.source("main");
    assertFalse(none.dockerfile(), "a folder named Dockerfile is no Dockerfile");
    assertEquals("", none.dockerignore());
    git(work, "rm", "-rq", "Dockerfile");
    Files.writeString(work.resolve(".dockerignore"), "tmp\n");
    git(work, "add", "-A");
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "three");
    git(work, "push", "-q", bare.toString(), "main");
    GitRepo.Source noDockerfile = repo.source("main");
    assertEquals(new GitRepo.Source(git(work, "rev-parse", "HEAD").strip(), false, "tmp\n"), noDockerfile, "a missing file has no body to skip");
    assertEquals("", repo.source("no-such-branch").commit());
    assertEquals("", repo.source(head + ":Dockerfile").commit(), "a blob is not a commit");
  }

  @Test
  void branchNamesFollowCheckRefFormat() throws Exception {
    for (String ok : List.of("main", "master", "release/1.2", "feature-x", "a.b", "x@y")) {
      assertTrue(BranchName.valid(ok), ok);
      assertEquals(0, run(Path.of("."), List.of("git", "check-ref-format", "--branch", ok)).code, ok);
    }
    for (String bad : List.of("", "-x", "a..b", "a b", "a:b", "a~1", "a^", "a?", "a*", "a[", "a\\b", "/a", "a/", "a//b",
        "a.", ".a", "a/.b", "a.lock", "a/b.lock/c", "@", "a@{1}", "HEAD")) {
      assertFalse(BranchName.valid(bad), bad);
    }
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Run r = run(dir, cmd);
    if (r.code != 0) throw new AssertionError(cmd + ": " + r.out);
    return r.out;
  }

  private record Run(int code, String out) {}

  private static Run run(Path dir, List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError(cmd + " hung");
    return new Run(p.exitValue(), out);
  }
}
