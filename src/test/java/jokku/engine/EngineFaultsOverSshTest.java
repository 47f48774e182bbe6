package jokku.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineFaultsTest} with the engine behind {@code ssh://}: the same faults, the same one-line messages, no
 * request sent twice that might have been carried out, the same link counts (one ssh process for a command's
 * sequential requests), through real {@code docker system dial-stdio} processes.
 */
@Tag("unit")
class EngineFaultsOverSshTest extends EngineFaultsTest {
  FakeSsh ssh;

  @BeforeEach
  @Override
  void start() throws IOException {
    super.start();
    ssh = new FakeSsh(fake);
    jokku.env.putAll(ssh.env);
    jokku.env.put("DOCKER_HOST", FakeSsh.URL);
  }

  @Override
  int links() {
    return ssh.invocations().size();
  }

  /**
   * A command leaves no ssh behind: each is ended and reaped before the command returns (one still running at the
   * JVM's exit would hold the exit up to 300 ms, see KeptShell).
   */
  @Test
  void everySshACommandStarted_isEndedAndReaped_whenTheCommandReturns() {
    jokku.run("network:list");
    jokku.run("network:list");
    List<Long> pids = ssh.pids();
    assertTrue(pids.size() >= 2, pids.toString());
    for (long pid : pids) {
      assertFalse(Files.exists(Path.of("/proc/" + pid)), "ssh process " + pid + " still there (running, or not reaped)");
    }
  }

  @Test
  void theSshCommand_isTheDockerClis_inBatchMode_afterTheUsersOptions() {
    jokku.env.put("DOCKER_HOST", "ssh://deploy@fake-remote:2222/run/user/1000/docker.sock");
    jokku.env.put("JOKKU_SSH_OPTS", "-F /dev/null -o ConnectTimeout=5");
    jokku.run("network:list");
    assertEquals(List.of("-F /dev/null -o ConnectTimeout=5 -o BatchMode=yes -o ConnectTimeout=30 -T -l deploy -p 2222 -- fake-remote"
        + " docker '--host=unix:///run/user/1000/docker.sock' system dial-stdio"), ssh.invocations());
  }

  @Test
  @Override
  void anEngineThatIsNotThere_isStillCannotConnect() throws IOException {
    fake.close();
    assertFails("Cannot connect to the Docker engine at " + FakeSsh.URL + ": the docker CLI on fake-remote could not reach its engine:"
        + " failed to open the raw stream connection: dial unix " + fake.socket + ": connect: no such file or directory", jokku.run("network:list"));
  }
}
