package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jokku.config.EnvFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many jokku processes (real, separate JVMs) changing one app at once: every config:set survives, property writes are
 * serialized (a check-then-write under the lock cannot interleave), and no temp file is left behind.
 */
@Tag("engine")
class ConcurrentWritesTest {
  private final Jokku j = new Jokku();

  private Process launch(Path logs, String name, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-cp", Path.of("target", "classes").toAbsolutePath().toString(), "jokku.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(j.env);
    pb.redirectOutput(logs.resolve(name + ".out").toFile());
    pb.redirectError(logs.resolve(name + ".err").toFile());
    return pb.start();
  }

  @Test
  void fiftyConfigSetsAndThirtyNetworkSets_loseNothing() throws Exception {
    String app = "busy";
    assertEquals(0, j.run("apps:create", app).code());
    Path logs = Jokku.tempDir("jokku-concurrency-");
    List<Process> config = new ArrayList<>(), create = new ArrayList<>(), deploy = new ArrayList<>(), tld = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      config.add(launch(logs, "config-" + i, "config:set", "--no-restart", app, "K" + i + "=v" + i + " with 'quotes' and\nnewline"));
      if (i % 5 == 0) create.add(launch(logs, "create-" + i, "network:set", app, "attach-post-create", "shared", "own-" + i));
      if (i % 5 == 1) deploy.add(launch(logs, "deploy-" + i, "network:set", app, "attach-post-deploy", "shared"));
      if (i % 5 == 2) tld.add(launch(logs, "tld-" + i, "network:set", app, "tld", "t" + i + ".local"));
    }
    List<Process> all = new ArrayList<>();
    Stream.of(config, create, deploy, tld).forEach(all::addAll);
    try {
      for (Process p : all) assertTrue(p.waitFor(300, TimeUnit.SECONDS), "a jokku process hung");
    } finally {
      for (Process p : all) p.destroyForcibly(); // none is left behind when one hung
    }

    for (int i = 0; i < config.size(); i++) assertEquals(0, config.get(i).exitValue(), Files.readString(logs.resolve("config-" + i + ".err")));
    Map<String, String> env = EnvFile.parse(Files.readString(j.root.resolve(app).resolve("ENV")));
    assertEquals(50, env.size(), env.keySet().toString());
    for (int i = 0; i < 50; i++) assertEquals("v" + i + " with 'quotes' and\nnewline", env.get("K" + i));

    // "shared" can end up in only one of the two attach properties: the other side was refused once it was written
    String createValue = read("attach-post-create"), deployValue = read("attach-post-deploy");
    long createOk = create.stream().filter(p -> p.exitValue() == 0).count();
    long deployOk = deploy.stream().filter(p -> p.exitValue() == 0).count();
    assertTrue(createOk == 0 || deployOk == 0, "both sides succeeded: " + createOk + " / " + deployOk);
    assertTrue(createOk + deployOk >= 1);
    if (createOk > 0) {
      assertTrue(createValue.matches("shared,own-\\d+"), createValue);
      assertEquals(null, deployValue);
    } else {
      assertEquals("shared", deployValue);
      assertEquals(null, createValue);
    }
    for (Process p : tld) assertEquals(0, p.exitValue());
    assertTrue(read("tld").matches("t\\d+\\.local"), read("tld"));

    try (Stream<Path> s = Stream.concat(Files.walk(j.root), Files.walk(j.lib))) {
      List<String> temps = s.map(Path::getFileName).map(Path::toString).filter(n -> n.contains(".tmp-")).toList();
      assertEquals(List.of(), temps);
    }
  }

  private String read(String key) throws Exception {
    Path f = j.lib.resolve("config/network/busy").resolve(key);
    return Files.exists(f) ? Files.readString(f) : null;
  }
}
