package jokku.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The audit of the {@code DOKKU_*} and {@code JOKKU_*} variables jokku reads (docs/commands/config.md, "Variables jokku
 * reads"): where each comes from and what it reaches. A key that is not an admin may {@code config:set} any variable
 * of its app because none read from an app's config reaches beyond the app; the process environment is the
 * launcher's and sshd's, which a key holder does not set. A new variable in the sources fails here until it is
 * classified (and, should it reach the host from an app's config, refused for non-admins like the other host-reaching
 * values).
 */
@Tag("unit")
class VariablesAuditTest {
  private static final Pattern NAME = Pattern.compile("\"((?:DOKKU|JOKKU)_[A-Z0-9_]*)");

  static final Map<String, String> AUDITED = new TreeMap<>(Map.ofEntries(
      Map.entry("DOKKU_", "a prefix: ps:inspect shows DOKKU_* values of a container's env unmasked, as Dokku"),
      Map.entry("DOKKU_APP_RESTORE", "app config: 0 skips the restart after config:set|unset of that app"),
      Map.entry("DOKKU_APP_SHELL", "app config: the command of a run without one, inside the app's one-off container"),
      Map.entry("DOKKU_DOCKER_STOP_TIMEOUT", "app config: seconds the engine waits when stopping the app's one-off container"),
      Map.entry("DOKKU_APPS_FORCE_DELETE", "process: apps:destroy without confirmation"),
      Map.entry("DOKKU_ROOT", "process: the data folders (launcher, /etc/default/jokku)"),
      Map.entry("DOKKU_LIB_ROOT", "process: the data folders (launcher, /etc/default/jokku)"),
      Map.entry("DOKKU_LIB_PATH", "process: the data folders (launcher, /etc/default/jokku)"),
      Map.entry("JOKKU_BIN", "process: the launcher's path, exported by bin/jokku"),
      Map.entry("JOKKU_LABELS", "process: labels scoping every container jokku lists (tests, benches)"),
      Map.entry("JOKKU_SSH_OPTS", "process: ssh options for an ssh:// DOCKER_HOST"),
      Map.entry("JOKKU_ENGINE_PLAINTEXT", "process: allows a tcp:// engine without TLS")));

  @Test
  void everyVariableJokkuReadsIsAudited() throws IOException {
    TreeSet<String> read = new TreeSet<>();
    try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = NAME.matcher(Files.readString(f));
        while (m.find()) read.add(m.group(1));
      }
    }
    assertEquals(AUDITED.keySet(), read, "classify a new variable here and in docs/commands/config.md");
  }

  @Test
  void theDocsListTheAuditedVariables() throws IOException {
    String docs = Files.readString(Path.of("docs/commands/config.md"));
    TreeSet<String> missing = new TreeSet<>();
    for (String v : AUDITED.keySet()) if (!v.endsWith("_") && !docs.contains("`" + v + "`")) missing.add(v);
    assertEquals(new TreeSet<>(), missing);
  }
}
