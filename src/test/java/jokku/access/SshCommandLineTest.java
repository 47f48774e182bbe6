package jokku.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SshCommandLineTest {
  @Test
  void wordsAreSplitAsXargsDoes() {
    assertEquals(List.of("config:set", "app", "A=b c", "D=it's"), SshCommandLine.split("config:set app 'A=b c' \"D=it's\""));
    assertEquals(List.of("config:set", "app", "A=b c"), SshCommandLine.split("  config:set\tapp A=b\\ c  "));
    assertEquals(List.of("apps:list"), SshCommandLine.split("apps:list"));
    assertEquals(List.of(), SshCommandLine.split("   "));
    DokkuException e = assertThrows(DokkuException.class, () -> SshCommandLine.split("config:set app 'A=b"));
    assertEquals("Unmatched single quote in the ssh command", e.getMessage());
  }

  @Test
  void gitCommandsNameTheAppAsGitSendsIt() {
    assertEquals(List.of("git-receive-pack", "api"), SshCommandLine.split("git-receive-pack 'api'"));
    assertEquals(List.of("git-upload-pack", "api"), SshCommandLine.split("git-upload-pack '/api'"));
    assertEquals(List.of("git-receive-pack", "my.app"), SshCommandLine.split("git-receive-pack my.app"));
    assertEquals("App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
        assertThrows(DokkuException.class, () -> SshCommandLine.split("git-receive-pack '../etc'")).getMessage());
    assertThrows(DokkuException.class, () -> SshCommandLine.split("git-receive-pack 'Api'"));
    assertThrows(DokkuException.class, () -> SshCommandLine.split("git-receive-pack 'a' 'b'"));
    // other git-* words stay verbatim (the command itself reads them)
    assertEquals(List.of("git-hook", "'api'"), SshCommandLine.split("git-hook 'api'"));
  }

  @Test
  void theGitAppIsReadAsDokkuReadsIt() {
    assertEquals("api", SshCommandLine.gitApp("'api'"));
    assertEquals("api", SshCommandLine.gitApp("'/api'"));
    assertEquals("api", SshCommandLine.gitApp("api"));
    assertEquals("/api", SshCommandLine.gitApp("'//api'"), "one leading slash only");
    assertEquals("api.git", SshCommandLine.gitApp("'api.git'"), "a trailing .git is part of the name, as in Dokku");
    assertEquals("it's", SshCommandLine.gitApp("'it\\'s'"), "an escaped quote stays");
    assertEquals(List.of("git-receive-pack", "api.git"), SshCommandLine.split("git-receive-pack 'api.git'"));
    assertThrows(DokkuException.class, () -> SshCommandLine.split("git-upload-pack '//api'"));
    assertEquals("Please specify an app to run the command on",
        assertThrows(DokkuException.class, () -> SshCommandLine.split("git-upload-pack ''")).getMessage());
  }

  @Test
  void onlyTheForcedCommandItselfIsReSplit() {
    Map<String, String> env = Map.of("SSH_ORIGINAL_COMMAND", "config:show 'my app' *");
    assertEquals(List.of("config:show", "my app", "*"), SshCommandLine.forcedCommand(env, new String[] {"config:show", "'my", "app'", "VHOST"}));
    // a jokku a git hook of the session starts: its own arguments
    assertNull(SshCommandLine.forcedCommand(Map.of("SSH_ORIGINAL_COMMAND", "git-receive-pack 'api'"), new String[] {"git-hook", "api"}));
    assertNull(SshCommandLine.forcedCommand(Map.of(), new String[] {"apps:list"}));
    assertEquals(List.of(), SshCommandLine.forcedCommand(Map.of("SSH_ORIGINAL_COMMAND", ""), new String[0]));
  }

  @Test
  void theCallerOfAnSshSessionIsItsKeyNeverRoot() {
    assertEquals(Caller.ROOT, Caller.from(Map.of("NAME", "alice")));
    assertEquals(new Caller("alice", "SHA256:x"), Caller.from(Map.of("NAME", "alice", "FINGERPRINT", "SHA256:x")));
    assertEquals(new Caller("default", ""), Caller.from(Map.of("SSH_ORIGINAL_COMMAND", "apps:list")));
  }

  @Test
  void everyReadingOfTheFlagsGivesItsAppCandidate() {
    assertEquals(java.util.Set.of("app"), Rule.candidates(List.of("app", "KEY")));
    assertEquals(java.util.Set.of("10", "app"), Rule.candidates(List.of("-n", "10", "app")));
    assertEquals(java.util.Set.of("app"), Rule.candidates(List.of("--format=json", "app")));
    assertEquals(java.util.Set.of(""), Rule.candidates(List.of("--format=json")));
    assertEquals(java.util.Set.of("-x"), Rule.candidates(List.of("--", "-x")));
    assertEquals(java.util.Set.of("", "json"), Rule.candidates(List.of("--format", "json")));
    assertNull(Rule.candidates(java.util.Collections.nCopies(20, "-x")));
    assertEquals(true, Rule.namesEverything(List.of("--global", "KEY"), false));
    assertEquals(false, Rule.namesEverything(List.of("app", "ls", "--all"), true));
    assertEquals(true, Rule.namesEverything(List.of("--all"), false));
  }
}
