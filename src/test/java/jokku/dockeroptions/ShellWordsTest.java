package jokku.dockeroptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import jokku.DokkuException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ShellWordsTest {
  @Test
  void split_honoursQuotesAndEscapesWithoutExpanding() {
    assertEquals(List.of("-v", "/a b:/c"), ShellWords.split("-v '/a b:/c'"));
    assertEquals(List.of("--label", "x=a \"b\" $HOME"), ShellWords.split("--label \"x=a \\\"b\\\" $HOME\""));
    assertEquals(List.of("-e", "A=b c"), ShellWords.split("-e A=b\\ c"));
    assertEquals(List.of("-e", "A="), ShellWords.split("  -e   A=''  "));
    assertEquals(List.of("--label", "rule=Host(`app`)"), ShellWords.split("--label 'rule=Host(`app`)'"));
    assertEquals(List.of(), ShellWords.split("   "));
  }

  @Test
  void split_unterminatedQuote_isAClearError() {
    DokkuException e = assertThrows(DokkuException.class, () -> ShellWords.split("-v '/a:/b"));
    assertEquals("Unable to parse docker option: unterminated ' in -v '/a:/b", e.getMessage());
    assertThrows(DokkuException.class, () -> ShellWords.split("-e \"A=b"));
  }

  @Test
  void join_quotesOnlyWhatTheShellWouldInterpret_andRoundTrips() {
    assertEquals("-v /a:/b", ShellWords.join(List.of("-v", "/a:/b")));
    assertEquals("--label 'a=b c'", ShellWords.join(List.of("--label", "a=b c")));
    assertEquals("-e 'A=it'\\''s' -e ''", ShellWords.join(List.of("-e", "A=it's", "-e", "")));
    for (List<String> words : List.of(List.of("-e", "A=it's \"q\" $X \\ `y`"), List.of("--label", "rule=Host(`a`) && Path(`/x`)"))) {
      assertEquals(words, ShellWords.split(ShellWords.join(words)));
    }
  }
}
