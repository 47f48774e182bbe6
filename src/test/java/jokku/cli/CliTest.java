package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import jokku.Jokku;
import jokku.Jokku.Result;
import jokku.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The command line around the commands: help, unknown commands, global flags, and reaching the engine. */
@Tag("engine")
class CliTest {
  final Jokku j = new Jokku();

  @AfterEach
  void cleanup() {
    TestEngine.cleanup(j.runId);
  }

  @Test
  void help_listsThePlugins() {
    for (String[] args : new String[][] {{}, {"help"}, {"--help"}, {"-h"}, {"--quiet", "help"}}) {
      Result r = j.run(args);
      assertEquals(0, r.code());
      assertEquals("", r.err());
      assertTrue(r.out().startsWith("Usage: dokku [--quiet|--trace|--force] COMMAND <app> [command-specific-options]\n\n"
          + "Primary help options, type \"dokku COMMAND:help\" for more details:\n\nCommands:\n\n"), r.out());
      assertTrue(Pattern.compile("\n    network +Manage network settings for an app\n").matcher(r.out()).find(), r.out());
    }
  }

  @Test
  void networkAndNetworkHelp_printDokkusUsageIdentically() {
    assertEquals(new Result(0, RegistryTest.NETWORK_HELP, ""), j.run("network"));
    assertEquals(new Result(0, RegistryTest.NETWORK_HELP, ""), j.run("network:help"));
  }

  @Test
  void commandHelp_printsItsUsageLine() {
    assertEquals(new Result(0, "Usage: dokku network:list [--format text|json] [--dokku-managed]\n\nLists all docker networks\n", ""),
        j.run("network:list", "--help"));
    assertEquals(new Result(0, "Usage: dokku network:create <network>\n\nCreates an attachable docker network\n", ""),
        j.run("network:create", "backend", "-h"));
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void unknownCommand_suggestsTheNearest() {
    assertEquals(new Result(1, "", " !     `network:lst` is not a dokku command. Did you mean `network:list`?\n"
        + " !     See `dokku help` for a list of available commands.\n"), j.run("network:lst"));
    assertEquals(new Result(1, "", " !     `network:craete backend --internal` is not a dokku command. Did you mean `network:create`?\n"
        + " !     See `dokku help` for a list of available commands.\n"), j.run("network:craete", "backend", "--internal"));
  }

  @Test
  void unknownCommand_withNothingClose() {
    assertEquals(new Result(1, "", " !     `frobnicate` is not a dokku command.\n !     See `dokku help` for a list of available commands.\n"), j.run("frobnicate"));
    assertEquals(new Result(1, "", " !     `__aot-train` is not a dokku command.\n !     See `dokku help` for a list of available commands.\n"), j.run("__aot-train"));
  }

  @Test
  void engineUnreachable_isOneLineExit1ForEveryCommand() {
    j.env.put("DOCKER_HOST", "unix:///nonexistent");
    String line = " !     Cannot connect to the Docker engine at unix:///nonexistent: No such file or directory\n";
    String net = j.name("x");
    assertEquals(new Result(1, "", line), j.run("network:list"));
    assertEquals(new Result(1, "", line), j.run("network:exists", net));
    assertEquals(new Result(1, "", line), j.run("network:info", net));
    assertEquals(new Result(1, "", line), j.run("--force", "network:destroy", net));
    assertEquals(new Result(1, "-----> Creating network " + net + "\n", line), j.run("network:create", net));
  }

  @Test
  void engineUnreachable_socketWithoutListener() throws IOException {
    Path dir = Jokku.tempDir("jokku-sock-");
    Path sock = dir.resolve("dead.sock");
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(sock));
    s.close(); // the socket file stays, nobody listens
    j.env.put("DOCKER_HOST", "unix://" + sock);
    assertEquals(new Result(1, "", " !     Cannot connect to the Docker engine at unix://" + sock + ": Connection refused\n"), j.run("network:list"));
  }

  @Test
  void engineUnreachable_otherSchemes() {
    j.env.put("DOCKER_HOST", "tcp://127.0.0.1:2375");
    assertEquals(new Result(1, "", " !     Cannot connect to the Docker engine at tcp://127.0.0.1:2375: tcp:// needs TLS: set DOCKER_TLS_VERIFY=1"
        + " and DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), or JOKKU_ENGINE_PLAINTEXT=1 to send the engine API unencrypted\n"), j.run("network:list"));
    j.env.put("DOCKER_HOST", "npipe:////./pipe/docker_engine");
    assertEquals(new Result(1, "", " !     Cannot connect to the Docker engine at npipe:////./pipe/docker_engine: unsupported scheme npipe://;"
        + " jokku speaks unix://, ssh:// and tcp://\n"), j.run("network:list"));
    j.env.put("DOCKER_HOST", "ssh://root:hunter2@example.invalid");
    assertEquals(new Result(1, "", " !     Cannot connect to the Docker engine at ssh://root:xxxxx@example.invalid: plain-text password is not supported\n"),
        j.run("network:list"));
    j.env.put("DOCKER_HOST", "ssh://root@example.invalid?socket=x");
    assertEquals(new Result(1, "", " !     Cannot connect to the Docker engine at ssh://root@example.invalid?socket=x: extra query after the host: \"socket=x\"\n"),
        j.run("network:list"));
  }

  @Test
  void dockerHost_isHonoured() throws IOException {
    Path dir = Jokku.tempDir("jokku-host-");
    Path link = Files.createSymbolicLink(dir.resolve("engine.sock"), Path.of("/var/run/docker.sock"));
    j.env.put("DOCKER_HOST", "unix://" + link);
    Result r = j.run("--quiet", "network:list");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().lines().toList().containsAll(List.of("bridge", "host", "none")), r.out());
  }

  @Test
  void trace_showsEachEngineRequestOnStderr() {
    Result r = j.run("--trace", "network:exists", "bridge");
    assertEquals(0, r.code());
    assertEquals("-----> Network exists\n", r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).matches(" \\?     engine: GET /_ping -> 200 \\(\\d+\\.\\d ms\\)"), lines.get(0));
    assertTrue(lines.get(1).matches(" \\?     engine: GET /v1\\.\\d+/networks -> 200 \\(\\d+\\.\\d ms\\)"), lines.get(1));
    String timeless = r.err().replaceAll("\\(\\d+\\.\\d ms\\)", "");
    assertEquals(timeless, j.run("network:exists", "--trace", "bridge").err().replaceAll("\\(\\d+\\.\\d ms\\)", ""));
  }

  @Test
  void globalFlags_mayStandAnywhere() {
    String net = j.name("flags");
    assertEquals(new Result(0, "", ""), j.run("network:create", net, "--quiet"));
    assertEquals(new Result(0, "", ""), j.run("network:destroy", "--quiet", net, "--force"));
    assertEquals(List.of(), TestEngine.networks(j.runId));
  }

  @Test
  void appFlag_isTheCommandsFirstArgument() {
    j.ok("apps:create", "api");
    j.ok("--app", "api", "config:set", "--no-restart", "A=1");
    assertEquals(new Result(0, "1\n", ""), j.run("--app", "api", "config:get", "A"));
    assertEquals(new Result(0, "1\n", ""), j.run("config:get", "--app=api", "A"));
    assertEquals(new Result(0, "A\n", ""), j.run("--quiet", "config:keys", "--app", "api"));
    assertEquals(new Result(20, "", " !     App ghost does not exist\n"), j.run("--app", "ghost", "config:show"));
    assertEquals(new Result(1, "", " !     --app needs an app name\n"), j.run("config:show", "--app"));
  }
}
