package jokku.run;

import java.io.IOException;
import java.io.OutputStream;
import jokku.Out;

/**
 * Task output as Dokku prints it: {@code =====> Start of <app> <phase> task (<id9>) output}, the container's lines
 * as seven-space verbose lines, {@code =====> End of ...}; all of it dropped under --quiet. Lines stream as the
 * task runs instead of after it ends.
 */
public final class TaskLog implements OneOff.TaskOutput {
  private final Out out;
  private Indented current;

  public TaskLog(Out out) {
    this.out = out;
  }

  @Override
  public void start(String app, String phase, String id9) {
    out.info2Quiet("Start of " + app + " " + phase + " task (" + id9 + ") output");
  }

  @Override
  public OutputStream lines() {
    if (out.quiet()) return OutputStream.nullOutputStream();
    current = new Indented(out.stdout());
    return current;
  }

  @Override
  public void end(String app, String phase, String id9) {
    if (current != null) current.endLine();
    out.info2Quiet("End of " + app + " " + phase + " task (" + id9 + ") output");
  }

  /** Prefixes every line with seven spaces. */
  static final class Indented extends OutputStream {
    private final OutputStream target;
    private boolean lineStart = true;

    Indented(OutputStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      if (lineStart) target.write("       ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      target.write(b);
      lineStart = b == '\n';
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      int from = off;
      for (int i = off; i < off + len; i++) {
        if (lineStart) {
          target.write("       ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          lineStart = false;
        }
        if (b[i] == '\n') {
          target.write(b, from, i + 1 - from);
          from = i + 1;
          lineStart = true;
        }
      }
      if (from < off + len) target.write(b, from, off + len - from);
    }

    @Override
    public synchronized void flush() throws IOException {
      target.flush();
    }

    /** Ends a last line that had no newline. */
    synchronized void endLine() {
      try {
        if (!lineStart) target.write('\n');
        lineStart = true;
        target.flush();
      } catch (IOException ignored) {
        // stdout is gone
      }
    }
  }
}
