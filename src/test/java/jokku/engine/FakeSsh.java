package jokku.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import jokku.Jokku;

/**
 * An {@code ssh} first on PATH that logs in nowhere: it runs the real {@code docker system dial-stdio} against a
 * {@link FakeEngine} on this machine, so the ssh transport's framing, half-close and error paths meet real
 * dial-stdio processes with scripted engine faults. It records each of its command lines. (The docker CLI itself
 * opens one more engine connection per dial-stdio, a HEAD /_ping of its own: count links here, not engine connections.)
 */
final class FakeSsh {
  static final String URL = "ssh://tester@fake-remote";

  /** The environment for jokku: PATH with the fake ssh first, the fake engine it dials. */
  final Map<String, String> env;
  private final Path log;

  FakeSsh(FakeEngine fake) {
    try {
      Path dir = Jokku.tempDir("jokku-fake-ssh-");
      log = dir.resolve("ssh.log");
      Path ssh = dir.resolve("ssh");
      Files.writeString(ssh, "#!/bin/sh\necho \"$*\" >>'" + dir.resolve("ssh.log") + "'\necho $$ >>'" + dir.resolve("ssh.pids") + "'\nexec docker -H \"$JOKKU_TEST_FAKE_ENGINE\" system dial-stdio\n");
      Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxr-xr-x"));
      env = Map.of("PATH", dir + ":" + System.getenv("PATH"), "JOKKU_TEST_FAKE_ENGINE", fake.host());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The process ids of the ssh processes started so far (each one execs dial-stdio, keeping its id). */
  List<Long> pids() {
    try {
      Path pids = log.resolveSibling("ssh.pids");
      return Files.exists(pids) ? Files.readAllLines(pids).stream().map(Long::valueOf).toList() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ssh command lines run so far (each one a handshake with a real server). */
  List<String> invocations() {
    try {
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
