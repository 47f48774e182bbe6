package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jokku.Out;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RegistryTest {
  /** Dokku's lines, plus jokku's network:check, network:graph and network:watch (docs/commands/network.md). */
  static final String NETWORK_HELP = String.join("\n",
      "Usage: dokku network[:COMMAND]",
      "",
      "Manage network settings for an app",
      "",
      "Additional commands:",
      "    network:check [<app>|--all] [--format stdout|json] [--probe]                    Reports what network:rebuild would change, changing nothing",
      "    network:create <network>                                                        Creates an attachable docker network",
      "    network:destroy <network>                                                       Destroys a docker network",
      "    network:exists <network>                                                        Checks if a docker network exists",
      "    network:info <network> [--format text|json]                                     Outputs information about a docker network",
      "    network:graph [<app>...] [--format svg|png|dot|mermaid|json] [--output <file>]  Draws apps, networks, aliases and nginx",
      "    network:list [--format text|json] [--dokku-managed]                             Lists all docker networks",
      "    network:rebuild <app>                                                           Rebuilds network settings for an app",
      "    network:rebuildall                                                              Rebuild network settings for all apps",
      "    network:report [<app>] [<flag>]                                                 Displays a network report for one or more apps",
      "    network:set <app> <property> (<value>...)                                       Set or clear a network property for an app",
      "    network:watch                                                                   Keeps every app's network state in sync by following the Docker engine's events (runs until stopped)",
      "");

  @Test
  void usage_isDokkusNetworkHelpPlusNetworkWatch() {
    assertEquals(NETWORK_HELP, Registry.usage(Commands.registry().plugin("network")));
  }

  @Test
  void usage_padsTheFirstColumnToTheLongestShownEntry() {
    CommandSpecs.Plugin p = new CommandSpecs.Plugin("x", "Does x", java.util.List.of(new CommandSpec("x:a", "x:a <app>", "First", false, false),
        new CommandSpec("x:hidden", "x:hidden <much longer than the others>", null, false, false), new CommandSpec("x:longer", "x:longer [--flag]", "Second, with a comma", false, false)));
    assertEquals("Usage: dokku x[:COMMAND]\n\nDoes x\n\nAdditional commands:\n"
        + "    x:a <app>          First\n"
        + "    x:longer [--flag]  Second, with a comma\n", Registry.usage(p));
  }

  @Test
  void printHelp_listsPluginsInNameOrderWithAlignedDescriptions() {
    Registry r = new Registry(java.util.List.of(new CommandSpecs.Plugin("network", "Manage network settings for an app", java.util.List.of()),
        new CommandSpecs.Plugin("apps", "Manage apps", java.util.List.of())));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(b, true, StandardCharsets.UTF_8);
    Commands.printHelp(r, new Out(ps, ps, false));
    assertEquals(String.join("\n",
        "Usage: dokku [--quiet|--trace|--force] COMMAND <app> [command-specific-options]",
        "",
        "Primary help options, type \"dokku COMMAND:help\" for more details:",
        "",
        "Commands:",
        "",
        "    apps     Manage apps",
        "    network  Manage network settings for an app",
        ""), b.toString(StandardCharsets.UTF_8));
  }

  @Test
  void nearest_suggestsTheClosestCommand() {
    Registry r = Commands.registry();
    assertEquals("network:list", r.nearest("network:lst"));
    assertEquals("network:create", r.nearest("network:craete"));
    assertEquals("network:info", r.nearest("netwrk:info"));
    assertEquals("network:exists", r.nearest("network:exist"));
  }

  @Test
  void nearest_isNullWhenNothingIsClose() {
    assertNull(Commands.registry().nearest("frobnicate"));
    assertNull(Commands.registry().nearest("x"));
  }

  @Test
  void distance_isLevenshtein() {
    assertEquals(0, Registry.distance("abc", "abc"));
    assertEquals(1, Registry.distance("abc", "abd"));
    assertEquals(3, Registry.distance("kitten", "sitting"));
    assertEquals(3, Registry.distance("", "abc"));
  }

  @Test
  void find_knowsEveryNetworkLevelCommand() {
    Registry r = Commands.registry();
    for (String c : new String[] {"network:create", "network:destroy", "network:exists", "network:info", "network:list"}) {
      assertTrue(r.find(c) != null, c);
    }
  }
}
