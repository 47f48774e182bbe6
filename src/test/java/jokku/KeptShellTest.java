package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kept shell: command lines answered with their output and exit code, words quoted whatever they hold, background
 * jobs detached (never this JVM's children), and {@link KeptShell#end} leaving no child process behind.
 */
@Tag("unit")
class KeptShellTest {
  @Test
  void aLineIsAnsweredWithItsOutputAndExitCode_quotedWordsStayWhole() throws IOException {
    String odd = "it's $HOME `x` \"y\"\nz \\";
    KeptShell.Reply r = KeptShell.run("printf '%s|' " + KeptShell.quote(odd) + " 2; echo; ls /no-such-path-jokku; exit_code=3; (exit $exit_code)");
    assertEquals(3, r.exit(), r.output());
    assertTrue(r.output().startsWith(odd + "|2|\n"), r.output());
    assertTrue(r.output().contains("/no-such-path-jokku"), "stderr is answered too: " + r.output());
  }

  @Test
  void aBackgroundJobIsNoChildOfThisJvm_andEndLeavesNoChild() throws Exception {
    Path marker = Files.createTempFile("kept-shell-", ".pid");
    try {
      KeptShell.run("(sleep 30 </dev/null >/dev/null 2>&1 & echo $! > " + KeptShell.quote(marker.toString()) + ")");
      long job = Long.parseLong(Files.readString(marker).trim());
      ProcessHandle h = ProcessHandle.of(job).orElseThrow();
      try {
        assertFalse(descendants().contains(job), "the job is detached from this JVM");
        assertTrue(children().size() >= 1, "the shell runs: " + children());
        KeptShell.end();
        assertEquals(Set.of(), children(), "no child once the shell ended");
        assertTrue(h.isAlive(), "the detached job outlives the shell");
        assertEquals("ok\n", KeptShell.run("echo ok").output(), "the next line starts another shell");
      } finally {
        h.destroy();
      }
    } finally {
      Files.deleteIfExists(marker);
      KeptShell.end();
    }
  }

  @Test
  void aShellThatEndsMidLineIsReported_theNextLineGetsAFreshOne() throws IOException {
    assertThrows(IOException.class, () -> KeptShell.run("exit 3"));
    assertEquals("ok\n", KeptShell.run("echo ok").output());
  }

  /** This JVM's child processes that are shells (other tests' children, e.g. a nginx -t, are not counted). */
  private static Set<Long> children() {
    return ProcessHandle.current().children().filter(KeptShellTest::isShell).map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  private static Set<Long> descendants() {
    return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  private static boolean isShell(ProcessHandle h) {
    return h.info().command().map(c -> c.endsWith("/sh") || c.endsWith("/dash") || c.endsWith("/bash")).orElse(false);
  }
}
