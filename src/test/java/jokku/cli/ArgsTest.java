package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jokku.DokkuException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ArgsTest {
  @Test
  void parse_flagsMayStandAnywhereAmongPositionals() {
    Args a = Args.parse("network:info", List.of("--format", "json", "net", "extra"), List.of("--format="));
    assertEquals(List.of("net", "extra"), a.positional());
    assertEquals("json", a.value("--format", "text"));
    assertEquals("net", a.arg(0));
    assertEquals("", a.arg(5));
  }

  @Test
  void parse_acceptsNameEqualsValue() {
    Args a = Args.parse("network:list", List.of("--format=json"), List.of("--format="));
    assertEquals("json", a.value("--format", "text"));
    assertEquals(0, a.size());
  }

  @Test
  void parse_emptyValueAfterEqualsIsKept() {
    assertEquals("", Args.parse("c", List.of("--format="), List.of("--format=")).value("--format", "text"));
  }

  @Test
  void parse_switchesAreTrueFalseOrAbsent() {
    assertTrue(Args.parse("c", List.of("--force"), List.of("--force")).has("--force"));
    assertTrue(Args.parse("c", List.of("--force=true"), List.of("--force")).has("--force"));
    assertFalse(Args.parse("c", List.of("--force=false"), List.of("--force")).has("--force"));
    assertFalse(Args.parse("c", List.of("x"), List.of("--force")).has("--force"));
  }

  @Test
  void parse_switchWithOtherValue_exits2() {
    DokkuException e = assertThrows(DokkuException.class, () -> Args.parse("c", List.of("--force=maybe"), List.of("--force")));
    assertEquals(2, e.exitCode());
    assertEquals("invalid value \"maybe\" for --force: expected true or false", e.getMessage());
  }

  @Test
  void parse_repeatableFlagsKeepEveryValueInOrder() {
    Args a = Args.parse("c", List.of("--label", "a=1", "x", "--label=b=2"), List.of("--label=*"));
    assertEquals(List.of("a=1", "b=2"), a.values("--label"));
    assertEquals(List.of(), a.values("--opt"));
  }

  @Test
  void parse_singleValuedFlagsKeepTheLast() {
    Args a = Args.parse("c", List.of("--format", "text", "--format", "json"), List.of("--format="));
    assertEquals(List.of("json"), a.values("--format"));
  }

  @Test
  void parse_doubleDashEndsFlags() {
    Args a = Args.parse("c", List.of("--", "--force", "-"), List.of("--force"));
    assertEquals(List.of("--force", "-"), a.positional());
    assertFalse(a.has("--force"));
  }

  @Test
  void parse_unknownFlag_exits2AndNamesTheValidOnes() {
    DokkuException e = assertThrows(DokkuException.class, () -> Args.parse("network:list", List.of("--bogus"), List.of("--format=", "--dokku-managed")));
    assertEquals(2, e.exitCode());
    assertEquals("unknown flag: --bogus for network:list (valid flags: --format, --dokku-managed)", e.getMessage());
  }

  @Test
  void parse_unknownFlagOnACommandWithoutFlags() {
    DokkuException e = assertThrows(DokkuException.class, () -> Args.parse("network:exists", List.of("n", "-x")));
    assertEquals(2, e.exitCode());
    assertEquals("unknown flag: -x for network:exists (it takes no flags)", e.getMessage());
  }

  @Test
  void parse_valueFlagAtTheEnd_exits2() {
    DokkuException e = assertThrows(DokkuException.class, () -> Args.parse("network:info", List.of("n", "--format"), List.of("--format=")));
    assertEquals(2, e.exitCode());
    assertEquals("flag needs an argument: --format", e.getMessage());
  }

  @Test
  void atMost_rejectsExtraPositionalsWithTheUsageOfTheCommandSpec() {
    Args a = Args.parse("acl:list", List.of("a", "b", "c"));
    assertEquals(a, a.atMost(3));
    DokkuException e = assertThrows(DokkuException.class, () -> a.atMost(1));
    assertEquals(1, e.exitCode());
    assertEquals("Too many arguments: b c (usage: acl:list [<app>])", e.getMessage());
  }

  @Test
  void atMost_quotesEveryFormOfACommandWithSeveral() {
    DokkuException e = assertThrows(DokkuException.class, () -> Args.parse("proxy:set", List.of("a", "b", "c", "d")).atMost(3));
    assertEquals("Too many arguments: d (usage: proxy:set <app> [type] <proxy-type> | proxy:set --global <listen|nginx-conf|type> [<value>])", e.getMessage());
  }
}
