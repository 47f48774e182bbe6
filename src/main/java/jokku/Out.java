package jokku;

import java.io.PrintStream;

/**
 * Dokku's output primitives: {@code -----> }, {@code =====> }, seven-space verbose lines, {@code  !     } warnings.
 * Shared by the CLI and the domain packages (a deploy prints its progress), so it lives beside
 * {@link DokkuException}, outside {@code jokku.cli}: the domain never depends on the CLI layer.
 */
public final class Out {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean quiet;
  private final boolean trace;

  public Out(PrintStream out, PrintStream err, boolean quiet) {
    this(out, err, quiet, false);
  }

  /** @param trace {@code --trace}: {@link #trace} lines go to stderr */
  public Out(PrintStream out, PrintStream err, boolean quiet, boolean trace) {
    this.out = out;
    this.err = err;
    this.quiet = quiet;
    this.trace = trace;
  }

  public boolean quiet() {
    return quiet;
  }

  public PrintStream stdout() {
    return out;
  }

  public PrintStream stderr() {
    return err;
  }

  /** {@code -----> text}, printed even under --quiet. */
  public void info1(String text) {
    out.println("-----> " + text);
  }

  /** {@code -----> text}, dropped under --quiet. */
  public void info1Quiet(String text) {
    if (!quiet) out.println("-----> " + text);
  }

  /** {@code =====> text}, printed even under --quiet. */
  public void info2(String text) {
    out.println("=====> " + text);
  }

  /** {@code =====> text}, dropped under --quiet. */
  public void info2Quiet(String text) {
    if (!quiet) out.println("=====> " + text);
  }

  /** Seven spaces and the text, printed even under --quiet. */
  public void verbose(String text) {
    out.println("       " + text);
  }

  public void verboseQuiet(String text) {
    if (!quiet) out.println("       " + text);
  }

  /** {@code  !     text} on stderr. */
  public void warn(String text) {
    err.println(" !     " + text);
  }

  /** {@code  ?     text} on stderr under {@code --trace} (as the engine client traces its requests), else nothing. */
  public void trace(String text) {
    if (trace) err.println(" ?     " + text);
  }

  /** A raw line on stdout. */
  public void println(String text) {
    out.println(text);
  }

  public void print(String text) {
    out.print(text);
    out.flush();
  }
}
