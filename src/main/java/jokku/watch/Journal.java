package jokku.watch;

import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * The watcher's output: one line per action, in jokku's style ({@code -----> }, seven spaces, {@code  !     } on
 * stderr) behind a UTC timestamp, flushed at once (a service manager's journal reads a pipe). Thread-safe.
 */
public final class Journal {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public Journal(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** {@code <time> -----> text}. */
  public void info(String text) {
    line(out, "-----> ", text);
  }

  /** {@code <time>        text}: a detail of the action on the line before. */
  public void detail(String text) {
    line(out, "       ", text);
  }

  /** {@code <time>  !     text} on stderr. */
  public void warn(String text) {
    line(err, " !     ", text);
  }

  private synchronized void line(PrintStream s, String prefix, String text) {
    s.println(TIME.format(clock.instant()) + " " + prefix + text);
    s.flush();
  }
}
