package jokku.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import jokku.Jokku;

/**
 * A scripted Docker engine on a unix socket, for faults a real engine cannot be made to produce: each request
 * ({@code "GET /networks"}, the API version prefix and the query dropped) is answered by the next scripted reply for it, which
 * writes exactly the bytes it was given and may close the connection; {@code /_ping} answers API 1.41 unless
 * scripted, anything else unscripted gets a 404. Counts every request it receives and every connection it accepted.
 * Public for the domain packages' fault tests (swarm's convergence), which drive the engine port against it.
 */
public final class FakeEngine implements AutoCloseable {
  /** What the fake does with one request. */
  public interface Reply {
    void answer(OutputStream out, SocketChannel ch) throws IOException;
  }

  public record Request(String method, String path, Map<String, String> headers, byte[] body) {}

  final Path socket;
  private final ServerSocketChannel server;
  private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, Reply> beforeBody = new ConcurrentHashMap<>();
  public final List<Request> received = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();

  public FakeEngine() throws IOException {
    socket = Jokku.tempDir("jokku-fake-engine-").resolve("docker.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread t = new Thread(this::acceptLoop, "fake-engine");
    t.setDaemon(true);
    t.start();
  }

  public String host() {
    return "unix://" + socket;
  }

  /** Scripts the replies to successive {@code key} requests ("POST /networks/create"). */
  public FakeEngine on(String key, Reply... replies) {
    script.computeIfAbsent(key, k -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  /**
   * Answers {@code key} requests as soon as their head arrived, without reading their body, then closes the
   * connection: an engine refusing a request from its head alone.
   */
  FakeEngine onHead(String key, Reply reply) {
    beforeBody.put(key, reply);
    return this;
  }

  public int count(String key) {
    AtomicInteger n = counts.get(key);
    return n == null ? 0 : n.get();
  }

  // ---- replies ----

  /** Sends these bytes (ISO-8859-1), keeps the connection open. */
  static Reply raw(String bytes) {
    return (out, ch) -> {
      out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    };
  }

  /** Sends these bytes, then closes the connection. */
  static Reply rawThenClose(String bytes) {
    return (out, ch) -> {
      raw(bytes).answer(out, ch);
      ch.close();
    };
  }

  /**
   * Sends these bytes, ends its sending side, then reads and drops whatever the client still sends until it goes
   * away, and closes: an answer that reaches the client whole however long its request body (dockerd's Go server
   * likewise shuts down its sending side before it tears down a connection whose body it did not read).
   */
  static Reply rawThenHalfClose(String bytes) {
    return (out, ch) -> {
      raw(bytes).answer(out, ch);
      ch.shutdownOutput();
      java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(65536);
      try {
        while (ch.read(sink.clear()) >= 0) {
          // dropped
        }
      } finally {
        ch.close();
      }
    };
  }

  /** Closes the connection without a byte of answer. */
  static Reply hangUp() {
    return (out, ch) -> ch.close();
  }

  /** A complete 200 response with a JSON body. */
  public static Reply json(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return raw("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n"
        + new String(b, StandardCharsets.ISO_8859_1));
  }

  static final String NETWORKS = "[{\"Name\":\"bridge\",\"Id\":\"b1\",\"Driver\":\"bridge\",\"Scope\":\"local\",\"Labels\":{}},"
      + "{\"Name\":\"db-net\",\"Id\":\"d1\",\"Driver\":\"bridge\",\"Scope\":\"local\",\"Labels\":{}}]";

  // ---- serving ----

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel ch = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(ch), "fake-engine-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(SocketChannel ch) {
    try (ch) {
      InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
      OutputStream out = Channels.newOutputStream(ch);
      while (ch.isOpen()) {
        Request head = readHead(in);
        if (head == null) return;
        String path = HttpWire.shown(head.path()).replaceFirst("\\?.*", "");
        String key = head.method() + " " + path;
        Reply early = beforeBody.get(key);
        if (early != null) {
          received.add(head);
          counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          early.answer(out, ch);
          return;
        }
        Request r = readBody(in, head);
        received.add(r);
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Deque<Reply> q = script.get(key);
        Reply reply = q == null ? null : q.poll();
        if (reply == null) {
          reply = path.equals("/_ping") ? raw("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK")
              : raw("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n{\"message\":\"not found\"}\n");
        }
        reply.answer(out, ch);
      }
    } catch (IOException | RuntimeException e) {
      // the client went away (possibly in the middle of a request it was sending)
    } finally {
      closed.incrementAndGet();
    }
  }

  /** A request's line and headers (its body not read yet); null when the client closed the connection. */
  private static Request readHead(InputStream in) throws IOException {
    String line = line(in);
    if (line == null) return null;
    String[] parts = line.split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    String h;
    while ((h = line(in)) != null && !h.isEmpty()) {
      int c = h.indexOf(':');
      headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
    }
    return new Request(parts[0], parts[1], headers, new byte[0]);
  }

  private static Request readBody(InputStream in, Request head) throws IOException {
    Map<String, String> headers = head.headers();
    byte[] body = new byte[0];
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equals(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int n;
      while ((n = Integer.parseInt(line(in), 16)) > 0) {
        b.write(in.readNBytes(n));
        line(in);
      }
      line(in);
      body = b.toByteArray();
    }
    return new Request(head.method(), head.path(), headers, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      if (c != '\r') b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
