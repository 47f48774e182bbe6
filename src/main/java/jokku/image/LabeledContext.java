package jokku.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A build context (a tar, or a gzip-compressed tar) passed through with one {@code LABEL} instruction appended to
 * its root {@code Dockerfile} ({@link DockerfileLabels#append}), every other byte unchanged, and a few named files
 * (the Procfile, app.json) read on the way. Whether the Dockerfile was labelled and what the files hold are known
 * once the stream has been read ({@link #labeled()}, {@link #files()}); neither is when the archive is compressed
 * in a way the JDK cannot read (bzip2, xz, zstd: passed through as they are), when the Dockerfile is not a plain
 * file, ends in a continuation, or is given twice, or when the archive is not a tar the walk understands (passed
 * through from there on, for the engine to judge).
 */
public final class LabeledContext extends InputStream {
  private static final int BLOCK = TarHeaders.BLOCK;
  private static final int MAX_FILE = 1 << 20;

  private final InputStream in;
  private final String instruction;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private byte[] buf = new byte[0];
  private int pos;
  private long copy;
  private boolean rest;
  private boolean labeled;
  private boolean seen;
  private String longName;
  private boolean paxSize;
  private final Set<String> wanted;
  private final Map<String, byte[]> found = new HashMap<>();
  private final Set<String> unreadable = new HashSet<>();
  private boolean complete;

  private LabeledContext(InputStream in, String instruction, Set<String> wanted, boolean passThrough) {
    this.in = in;
    this.instruction = instruction;
    this.wanted = wanted;
    this.rest = passThrough;
  }

  /**
   * The context with {@code instruction} (one Dockerfile line; null: none) appended to its Dockerfile where it can
   * be, reading the files at the paths {@code read} (relative to the context's root).
   */
  public static LabeledContext of(InputStream context, String instruction, Set<String> read) throws IOException {
    BufferedInputStream b = new BufferedInputStream(context, 1 << 16);
    b.mark(8);
    byte[] m = b.readNBytes(6);
    b.reset();
    if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) return new LabeledContext(new GZIPInputStream(b, 1 << 16), instruction, read, false);
    boolean bzip2 = m.length >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h';
    boolean xz = m.length >= 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z' && m[5] == 0;
    boolean zstd = m.length >= 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f && (m[3] & 0xff) == 0xfd;
    return new LabeledContext(b, instruction, read, bzip2 || xz || zstd);
  }

  /** Whether the Dockerfile the engine will build carries the instruction (known once the stream is read). */
  public boolean labeled() {
    return labeled;
  }

  /**
   * Each wanted path with its content (empty: not in the context), once the whole archive was walked; empty when it
   * could not be (not a tar the walk understands, or one of the paths is not a plain file, e.g. a symlink).
   */
  public Optional<Map<String, Optional<String>>> files() {
    if (!complete || !unreadable.isEmpty()) return Optional.empty();
    Map<String, Optional<String>> files = new HashMap<>();
    for (String path : wanted) files.put(path, Optional.ofNullable(found.get(path)).map(b -> new String(b, StandardCharsets.UTF_8)));
    return Optional.of(files);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (pos >= buf.length) {
      if (!fill()) return -1;
    }
    int n = Math.min(len, buf.length - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The next piece of output into {@code buf}; false at the end of the input. */
  private boolean fill() throws IOException {
    pos = 0;
    if (rest || copy > 0) {
      buf = in.readNBytes((int) Math.min(1 << 16, rest ? 1 << 16 : copy));
      if (copy > 0) copy = buf.length == 0 ? 0 : copy - buf.length;
      if (buf.length == 0) rest = true;
      return buf.length > 0;
    }
    byte[] h = in.readNBytes(BLOCK);
    if (h.length == BLOCK && TarHeaders.zero(h)) complete = true;
    if (h.length < BLOCK || TarHeaders.zero(h) || !TarHeaders.checksumValid(h)) return passRest(h);
    char type = (char) h[156];
    long size = TarHeaders.octal(h, 124, 12);
    int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
    if (type == 'x' || type == 'L') {
      if (size > MAX_FILE) return passRest(h);
      byte[] data = in.readNBytes((int) size + padding);
      if (data.length < size + padding) return passRest(h, data);
      String name = type == 'x' ? TarHeaders.paxRecord(data, (int) size, "path") : TarHeaders.nulTerminated(data, 0, (int) size);
      if (name != null) longName = name;
      if (type == 'x' && TarHeaders.paxRecord(data, (int) size, "size") != null) paxSize = true;
      pending.writeBytes(h);
      pending.writeBytes(data);
      buf = new byte[0];
      return true;
    }
    String name = longName != null ? longName : TarHeaders.ustarName(h);
    boolean sizeOverridden = paxSize;
    longName = null;
    paxSize = false;
    String path = relative(name);
    if (type != 'g' && wanted.contains(path)) {
      found.remove(path);
      unreadable.remove(path);
      if ((type == '0' || type == 0 || type == '7') && !sizeOverridden && size <= MAX_FILE) {
        byte[] content = in.readNBytes((int) size);
        byte[] pad = in.readNBytes(padding);
        if (content.length + pad.length < size + padding) return passRest(h, content, pad);
        found.put(path, content);
        emit(h, content, pad);
        return true;
      }
      unreadable.add(path);
    }
    if (type != 'g' && path.equals("Dockerfile") && instruction != null) {
      boolean first = !seen;
      seen = true;
      labeled = false;
      if (first && (type == '0' || type == 0) && !sizeOverridden && size <= MAX_FILE) {
        byte[] content = in.readNBytes((int) size);
        byte[] pad = in.readNBytes(padding);
        if (content.length + pad.length < size + padding) return passRest(h, content, pad);
        Optional<byte[]> appended = DockerfileLabels.append(content, instruction);
        if (appended.isPresent()) {
          byte[] nh = h.clone();
          byte[] c = appended.get();
          TarHeaders.resize(nh, c.length);
          emit(nh, c, new byte[(BLOCK - c.length % BLOCK) % BLOCK]);
          labeled = true;
        } else {
          emit(h, content, pad);
        }
        return true;
      }
    }
    emit(h);
    copy = size + padding;
    return true;
  }

  private void emit(byte[]... parts) {
    for (byte[] p : parts) pending.writeBytes(p);
    buf = pending.toByteArray();
    pending.reset();
  }

  /** Passes {@code parts} and everything after them through unchanged. */
  private boolean passRest(byte[]... parts) {
    emit(parts);
    rest = true;
    return true;
  }

  /** A path relative to the context's root: no leading {@code ./} or {@code /}. */
  public static String relative(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) n = n.substring(n.startsWith("./") ? 2 : 1);
    return n;
  }
}
