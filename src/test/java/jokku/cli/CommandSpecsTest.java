package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every command is declared once in {@link CommandSpecs} and bound to code once, and nothing else is bound. */
@Tag("unit")
class CommandSpecsTest {
  @Test
  void everyDeclaredCommandIsBoundAndEveryBoundCommandIsDeclared() {
    Set<String> declared = new TreeSet<>();
    for (CommandSpecs.Plugin p : CommandSpecs.plugins()) {
      for (CommandSpec c : p.commands()) {
        declared.add(c.name());
        assertTrue(c.name().equals(p.name()) || c.name().startsWith(p.name() + ":") || c.hidden(), c.name() + " is in plugin " + p.name());
      }
    }
    List<String> bound = new ArrayList<>();
    Commands.registry().names().forEach(bound::add);
    assertEquals(declared, new TreeSet<>(bound));
    assertEquals(bound.size(), new TreeSet<>(bound).size(), "a command bound twice: " + bound);
  }

  @Test
  void bindingAnUndeclaredCommandFails() {
    assertThrows(IllegalArgumentException.class, () -> new Registry().command("network:frobnicate", (ctx, args) -> 0));
  }

  @Test
  void usage_isTheHelpLinesUsage() {
    assertEquals("network:info <network> [--format text|json]", CommandSpecs.usage("network:info"));
    assertEquals("git-hook <app>", CommandSpecs.usage("git-hook"));
    assertThrows(IllegalArgumentException.class, () -> CommandSpecs.usage("network:frobnicate"));
  }

  @Test
  void argsTakeTheFlagsTheSpecDeclares() {
    assertTrue(Args.parse("apps:destroy", List.of("app", "--force")).has("--force"));
    assertEquals("net", Args.parse("network:create", List.of("--label", "a=1", "net", "--label=b=2")).arg(0));
    assertEquals(List.of("--driver=", "--internal", "--ipv6", "--subnet=*", "--gateway=*", "--ip-range=*", "--opt=*", "--label=*"),
        CommandSpecs.find("network:create").flags());
    jokku.DokkuException e = assertThrows(jokku.DokkuException.class, () -> Args.parse("apps:create", List.of("app", "--force")));
    assertEquals("unknown flag: --force for apps:create (it takes no flags)", e.getMessage());
    e = assertThrows(jokku.DokkuException.class, () -> Args.parse("apps:clone", List.of("--force")));
    assertEquals("unknown flag: --force for apps:clone (valid flags: --skip-deploy, --ignore-existing)", e.getMessage());
  }

  /** A flag a command's help line shows is one it accepts (reports, run, enter and docker-options parse their own). */
  @Test
  void everyFlagInAUsageIsDeclared() {
    List<String> wrong = new ArrayList<>();
    for (CommandSpecs.Plugin p : CommandSpecs.plugins()) {
      for (CommandSpec c : p.commands()) {
        if (c.name().endsWith(":report") || c.passthrough() || c.name().startsWith("docker-options:")) continue;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\w-])(--?[a-z][a-z-]*)").matcher(c.usage());
        while (m.find()) {
          String flag = m.group(1);
          boolean declared = CommandSpecs.find(c.name()).flags().stream().anyMatch(f -> f.replaceAll("=\\*?$", "").equals(flag));
          if (!declared && !flag.equals("-h")) wrong.add(c.name() + " " + flag);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void engineWords_areTheTablesEngineKinds() {
    List<String> expected = new ArrayList<>(), wrong = new ArrayList<>();
    for (CommandSpecs.Plugin p : CommandSpecs.plugins()) {
      if (EngineWords.contains(p.name()) && CommandSpecs.find(p.name()) == null) wrong.add(p.name());
      for (CommandSpec c : p.commands()) {
        CommandSpec first = CommandSpecs.find(c.name());
        if (first != c) continue;
        if (c.engine()) expected.add('"' + c.name() + '"');
        if (c.engine() != EngineWords.contains(c.name())) wrong.add(c.name());
      }
    }
    assertEquals(List.of(), wrong, "EngineWords differs from CommandSpecs; its case labels should be:\n" + String.join(", ", expected));
    assertTrue(EngineWords.contains("network:list") && EngineWords.contains("git-hook") && EngineWords.contains("run"));
    for (String word : List.of("apps:list", "git-receive-pack", "network:lst", "network", "url", "run:", "help", "", "NETWORK:LIST")) {
      assertFalse(EngineWords.contains(word), word);
    }
  }

  @Test
  void commandUsage_isTheCommandsFirstHelpLine() {
    Registry r = Commands.registry();
    assertEquals("Usage: dokku proxy:set <app> [type] <proxy-type>\n\nSet proxy type for app\n", r.commandUsage("proxy:set"));
    assertEquals("Usage: dokku git-hook\n", r.commandUsage("git-hook"));
    assertTrue(r.isPassthrough("run") && r.isPassthrough("docker-options:add") && !r.isPassthrough("run:list"));
  }
}
