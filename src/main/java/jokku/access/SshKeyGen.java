package jokku.access;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jokku.DokkuException;

/**
 * {@code ssh-keygen -lf -} (Debian's openssh-client): the fingerprints of the keys sshd can read in authorized_keys
 * text given on stdin. The only judge of a key's validity jokku uses, as Dokku's ssh-keys plugin does.
 */
final class SshKeyGen {
  private SshKeyGen() {}

  /** The SHA256 fingerprints of every key ssh-keygen accepts in {@code text} (lines it cannot read are skipped). */
  static Set<String> fingerprints(String text) {
    Set<String> fps = new LinkedHashSet<>();
    if (text.isBlank()) return fps;
    Path out = null;
    try {
      out = Files.createTempFile("jokku-ssh-keygen-", ".out");
      Process p = new ProcessBuilder(binary(), "-E", "sha256", "-lf", "-").redirectErrorStream(true).redirectOutput(out.toFile()).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException gone) {
        // ssh-keygen stopped reading: its exit status tells
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DokkuException("ssh-keygen did not finish within 60 seconds");
      }
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        if (f.length >= 2 && f[1].startsWith("SHA256:")) fps.add(f[1]);
      }
      return fps;
    } catch (IOException e) {
      throw new DokkuException("Cannot run ssh-keygen: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DokkuException("Interrupted while running ssh-keygen");
    } finally {
      if (out != null) out.toFile().delete();
    }
  }

  private static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ssh-keygen"))) return Path.of(dir, "ssh-keygen").toString();
    }
    if (Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))) return "/usr/bin/ssh-keygen";
    throw new DokkuException("ssh-keygen is not installed (on Debian: apt-get install -y openssh-client)");
  }
}
