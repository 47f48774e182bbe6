package jokku.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** git:set, git:report and git:initialize on an app never pushed to: values, refusals that change nothing. */
@Tag("unit")
class GitSettingsCommandsTest {
  @Test
  void setValidatesAndReportShowsTheResolvedValues() {
    Jokku j = new Jokku();
    String app = j.name("gitset");
    j.ok("apps:create", app);
    assertEquals("master", j.ok("git:report", app, "--git-deploy-branch").out().strip(), "Dokku's default");
    j.ok("git:set", "--global", "deploy-branch", "trunk");
    assertEquals("trunk", j.ok("git:report", app, "--git-deploy-branch").out().strip(), "the global value applies");
    j.ok("git:set", app, "deploy-branch", "main");
    j.ok("git:set", app, "rev-env-var", "SOURCE_SHA");
    assertEquals("main", j.ok("git:report", app, "--git-deploy-branch").out().strip());
    assertEquals("trunk", j.ok("git:report", app, "--git-global-deploy-branch").out().strip());
    assertEquals("SOURCE_SHA", j.ok("git:report", app, "--git-rev-env-var").out().strip());

    for (String[] bad : new String[][] {
        {"git:set", app, "deploy-branch", "no..dots"},
        {"git:set", app, "rev-env-var", "1BAD"},
        {"git:set", app, "keep-git-dir", "true"},
        {"git:set", app, "colour", "blue"},
        {"git:set", "--global", "rev-env-var", "X"},
        {"git:set", j.name("missing"), "deploy-branch", "main"}}) {
      Jokku.Result r = j.run(bad);
      assertTrue(r.code() != 0 && r.err().startsWith(" !     ") && r.err().strip().lines().count() == 1, String.join(" ", bad) + "\n" + r);
    }
    assertEquals("main", j.ok("git:report", app, "--git-deploy-branch").out().strip(), "refusals changed nothing");
    assertEquals("SOURCE_SHA", j.ok("git:report", app, "--git-rev-env-var").out().strip());
    j.ok("git:set", app, "rev-env-var");
    assertEquals("GIT_REV", j.ok("git:report", app, "--git-rev-env-var").out().strip(), "no value unsets");
  }

  @Test
  void initializeWritesTheHookAndNeedsTheLauncher() throws Exception {
    Jokku j = new Jokku();
    String app = j.name("gitinit");
    j.ok("apps:create", app);
    Jokku.Result noLauncher = j.run("git:initialize", app);
    assertEquals(1, noLauncher.code(), noLauncher.toString());
    assertTrue(noLauncher.err().contains("JOKKU_BIN"), noLauncher.err());
    j.env.put("JOKKU_BIN", java.nio.file.Path.of("bin/jokku").toAbsolutePath().toString());
    j.ok("git:initialize", app);
    String hook = java.nio.file.Files.readString(j.root.resolve(app).resolve("hooks/pre-receive"));
    assertTrue(hook.contains("DOKKU_ROOT='" + j.root + "'") && hook.contains("git-hook \"${PWD##*/}\""), hook);
    assertEquals("ref: refs/heads/master\n", java.nio.file.Files.readString(j.root.resolve(app).resolve("HEAD")));
    assertEquals(20, j.run("git:initialize", j.name("missing")).code());
  }
}
