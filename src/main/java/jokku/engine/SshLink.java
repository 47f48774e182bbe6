package jokku.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A link over one {@code ssh ... docker system dial-stdio} process: requests go to its stdin, responses come from
 * its stdout, and its stderr is kept to say why the engine was not reached (ssh could not connect or log in, an
 * unknown host key, no docker CLI on the remote).
 */
final class SshLink extends Link {
  private static final int MAX_STDERR = 8192;

  private final Process p;
  private final InputStream stdout;
  private final EngineUrl url;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread stderrReader;

  SshLink(Process p, EngineUrl url) {
    super(p.getInputStream(), p.getOutputStream());
    this.p = p;
    this.stdout = p.getInputStream();
    this.url = url;
    this.stderrReader = new Thread(this::keepStderr, "jokku-ssh-stderr");
    stderrReader.setDaemon(true);
    stderrReader.start();
  }

  private void keepStderr() {
    byte[] buf = new byte[1024];
    try (InputStream e = p.getErrorStream()) {
      int n;
      while ((n = e.read(buf)) > 0) {
        synchronized (stderr) {
          if (stderr.size() < MAX_STDERR) stderr.write(buf, 0, Math.min(n, MAX_STDERR - stderr.size()));
        }
      }
    } catch (IOException ignored) {
      // the process is gone
    }
  }

  @Override
  void write(ByteBuffer b) throws IOException {
    writeOut(b);
  }

  @Override
  void shutdownOutput() throws IOException {
    synchronized (out) {
      out.close();
    }
  }

  @Override
  boolean stale() {
    try {
      return in.buffered() > 0 || stdout.available() > 0 || !p.isAlive();
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  boolean readable(long millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      if (in.buffered() > 0 || stdout.available() > 0 || !p.isAlive()) return true;
      if (System.nanoTime() > deadline) return false;
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** The ssh side's reason, read from its exit status and stderr once it ended; null when it says nothing useful. */
  @Override
  String unreachable() {
    int code;
    try {
      if (!p.waitFor(3, TimeUnit.SECONDS)) return null;
      code = p.exitValue();
      stderrReader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    String err;
    synchronized (stderr) {
      err = stderr.toString(StandardCharsets.UTF_8);
    }
    return SshErrors.explain(code, err, url);
  }

  /**
   * Ends ssh and reaps it before returning: a child still running when the JVM exits would keep the JDK's reaper
   * thread (and the stderr reader) in native code, and HotSpot holds the exit up to 300 ms for such threads (see
   * {@code jokku.KeptShell}). ssh is stopped as the docker CLI stops it, without waiting for the remote dial-stdio.
   */
  @Override
  void close() {
    try {
      synchronized (out) {
        out.close();
      }
    } catch (IOException ignored) {
      // the process may be gone
    }
    // Process.destroy also closes stderr, which unreachable() may still need: only a running ssh is stopped
    if (p.isAlive()) p.destroy();
    try {
      if (!p.waitFor(REAP_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(REAP_SECONDS, TimeUnit.SECONDS);
      }
      stderrReader.join(TimeUnit.SECONDS.toMillis(REAP_SECONDS)); // ssh's stderr ends with it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final long REAP_SECONDS = 2;
}
