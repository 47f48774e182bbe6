package jokku.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import jokku.DokkuException;

/** {@code tail -n N} and {@code tail -F} of a log file, in Java: rotation and truncation are followed. */
final class FileTail {
  private static final long POLL_MS = 200;

  private FileTail() {}

  /** Prints the last {@code lines} lines; with {@code follow}, then what is appended until interrupted. */
  static void run(Path file, int lines, boolean follow, PrintStream out) {
    long pos = 0;
    if (Files.isRegularFile(file)) pos = printLast(file, lines, out);
    else if (!follow) throw new DokkuException("cannot open '" + file + "' for reading: No such file or directory");
    while (follow && !Thread.currentThread().isInterrupted() && !out.checkError()) {
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        return;
      }
      long size = size(file);
      if (size < pos) pos = 0; // truncated or replaced by a new file: read it from the start
      if (size > pos) pos = copy(file, pos, size, out);
    }
  }

  private static long printLast(Path file, int lines, PrintStream out) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long end = f.length(), start = end;
      if (start > 0) {
        f.seek(start - 1);
        if (f.read() == '\n') start--; // the last line's own newline does not start a line
      }
      int seen = 0;
      while (start > 0) {
        f.seek(start - 1);
        if (f.read() == '\n' && ++seen == lines) break;
        start--;
      }
      return copy(file, start, end, out);
    } catch (IOException e) {
      throw new DokkuException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static long copy(Path file, long from, long to, PrintStream out) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      f.seek(from);
      byte[] buf = new byte[8192];
      long pos = from;
      while (pos < to) {
        int n = f.read(buf, 0, (int) Math.min(buf.length, to - pos));
        if (n < 0) break;
        out.write(buf, 0, n);
        pos += n;
      }
      out.flush();
      return pos;
    } catch (IOException e) {
      return from;
    }
  }

  private static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
