package jokku.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The user's terminal during an interactive {@code run}: put in raw mode (so keys, Ctrl-C included, reach the
 * container's TTY) and restored on close. Only when jokku's own stdin and stdout are a terminal; {@code stty} does
 * the switching, so no native code is needed.
 */
final class Terminal implements AutoCloseable {
  private final String saved;
  final int rows;
  final int cols;

  private Terminal(String saved, int rows, int cols) {
    this.saved = saved;
    this.rows = rows;
    this.cols = cols;
  }

  /** A TTY for the container when forced or when jokku runs in a terminal; null for none. */
  static Terminal forRun(Ctx ctx, boolean force) {
    boolean interactive = ctx.in == System.in && System.console() != null;
    if (!interactive) return force ? new Terminal(null, 0, 0) : null;
    String saved = stty("-g");
    if (saved == null) return force ? new Terminal(null, 0, 0) : null;
    int rows = 0, cols = 0;
    String size = stty("size");
    if (size != null && size.matches("\\d+ \\d+")) {
      rows = Integer.parseInt(size.split(" ")[0]);
      cols = Integer.parseInt(size.split(" ")[1]);
    }
    if (stty("raw", "-echo") == null) return force ? new Terminal(null, 0, 0) : null;
    return new Terminal(saved, rows, cols);
  }

  @Override
  public void close() {
    if (saved != null) stty(saved);
  }

  private static String stty(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "stty";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
