package jokku.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over the engine's unix socket, with API version negotiation through {@code /_ping}. Simple calls
 * share one keep-alive connection; streaming calls (logs, builds, attach) get their own.
 */
public final class DockerClient implements AutoCloseable {
  /** The newest Engine API version this client is written against. */
  static final String MAX_API = "1.47";

  private final String address;
  private final UnixDomainSocketAddress socket;
  private final PrintStream trace;
  private String version;
  private HttpWire.Conn shared;

  public DockerClient(String dockerHost, PrintStream trace) {
    String host = dockerHost == null || dockerHost.isBlank() ? "unix:///var/run/docker.sock" : dockerHost;
    if (!host.startsWith("unix://")) {
      throw new EngineUnreachable(host, "only unix:// addresses are supported");
    }
    this.address = host;
    this.socket = UnixDomainSocketAddress.of(host.substring("unix://".length()));
    this.trace = trace;
  }

  public String address() {
    return address;
  }

  /** A response whose body has been read completely. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public Object json() {
      return body.length == 0 ? null : Json.parse(text());
    }
  }

  public Response call(String method, String path, Object jsonBody) {
    byte[] body = jsonBody == null ? null : Json.write(jsonBody).getBytes(StandardCharsets.UTF_8);
    return exchange(method, versioned(path), body, "application/json");
  }

  public Response callBytes(String method, String path, byte[] body, String contentType) {
    return exchange(method, versioned(path), body, contentType);
  }

  /** The engine error message inside an error response. */
  public static String message(Response r) {
    try {
      Object j = r.json();
      if (j instanceof Map && ((Map<?, ?>) j).get("message") != null) {
        return String.valueOf(((Map<?, ?>) j).get("message"));
      }
    } catch (RuntimeException ignored) {
      // not JSON: fall through
    }
    String t = r.text().trim();
    return t.isEmpty() ? "HTTP " + r.status() : t;
  }

  /** Checks the status and returns the response, or throws the engine's message. */
  public Response ok(Response r) {
    if (r.status() >= 400) throw new EngineException(r.status(), message(r));
    return r;
  }

  /** Opens a dedicated connection, sends a request with a streamed body, and returns the open response. */
  public Stream stream(String method, String path, InputStream body, String contentType) {
    String p = versioned(path);
    long t0 = System.nanoTime();
    HttpWire.Conn c = open();
    try {
      c.writeHead(method, p, contentType, body == null ? 0 : -1, false);
      if (body != null) c.writeChunked(body);
      Stream s = new Stream(c, c.readHead());
      traceLine(method, p, s.status, t0);
      return s;
    } catch (IOException e) {
      c.closeQuietly();
      throw new EngineUnreachable(address, e.getMessage());
    }
  }

  /** A hijacked connection: read the multiplexed output from {@code in}, write stdin to {@code out}. */
  public record Hijacked(InputStream in, OutputStream out, SocketChannel channel) implements AutoCloseable {
    /** Half-closes the connection so the container sees end-of-file on stdin. */
    public void closeStdin() {
      try {
        out.flush();
        channel.shutdownOutput();
      } catch (IOException ignored) {
        // the container may already be gone
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** Sends a request that upgrades the connection (attach) and returns it. */
  public Hijacked hijack(String method, String path) {
    return hijack(method, path, null);
  }

  /** As {@link #hijack(String, String)}, with a JSON body (exec start). */
  public Hijacked hijack(String method, String path, Object jsonBody) {
    String p = versioned(path);
    long t0 = System.nanoTime();
    HttpWire.Conn c = open();
    byte[] body = jsonBody == null ? new byte[0] : Json.write(jsonBody).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      c.writeHead(method, p, "application/json", body.length, true);
      if (body.length > 0) {
        c.out.write(body);
        c.out.flush();
      }
      Stream s = new Stream(c, c.readHead());
      traceLine(method, p, s.status, t0);
      if (s.status >= 400) {
        String msg = message(new Response(s.status, s.head.headers(), s.readAll()));
        throw new EngineException(s.status, msg);
      }
      return new Hijacked(c.in, c.out, c.ch);
    } catch (IOException e) {
      c.closeQuietly();
      throw new EngineUnreachable(address, e.getMessage());
    }
  }

  /** An open response body; close it to release the connection. */
  public static final class Stream implements AutoCloseable {
    public final int status;
    private final HttpWire.Head head;
    private final InputStream body;
    private final HttpWire.Conn conn;

    Stream(HttpWire.Conn conn, HttpWire.Head head) throws IOException {
      this.conn = conn;
      this.head = head;
      this.status = head.status();
      this.body = conn.body(head);
    }

    public InputStream body() {
      return body;
    }

    public byte[] readAll() throws IOException {
      return body.readAllBytes();
    }

    @Override
    public void close() {
      conn.closeQuietly();
    }
  }

  private String versioned(String path) {
    if (version == null) version = negotiate();
    return "/v" + version + path;
  }

  private String negotiate() {
    Response r = exchange("GET", "/_ping", null, null);
    String server = r.headers().get("api-version");
    if (server == null || server.isBlank()) return "1.41";
    return compare(server, MAX_API) < 0 ? server : MAX_API;
  }

  static int compare(String a, String b) {
    String[] x = a.split("\\."), y = b.split("\\.");
    for (int k = 0; k < Math.max(x.length, y.length); k++) {
      int d = Integer.compare(k < x.length ? Integer.parseInt(x[k]) : 0, k < y.length ? Integer.parseInt(y[k]) : 0);
      if (d != 0) return d;
    }
    return 0;
  }

  private Response exchange(String method, String path, byte[] body, String contentType) {
    long t0 = System.nanoTime();
    for (int attempt = 0; ; attempt++) {
      boolean reused = shared != null;
      if (shared == null) shared = open();
      try {
        shared.writeHead(method, path, contentType, body == null ? 0 : body.length, false);
        if (body != null) shared.out.write(body);
        shared.out.flush();
        HttpWire.Head h = shared.readHead();
        byte[] data = shared.body(h).readAllBytes();
        if (h.close()) {
          shared.closeQuietly();
          shared = null;
        }
        traceLine(method, path, h.status(), t0);
        return new Response(h.status(), h.headers(), data);
      } catch (IOException e) {
        shared.closeQuietly();
        shared = null;
        if (!reused || attempt > 0) throw new EngineUnreachable(address, e.getMessage());
      }
    }
  }

  private void traceLine(String method, String path, int status, long t0) {
    if (trace != null) {
      trace.printf(Locale.ROOT, " ?     engine: %s %s -> %d (%.1f ms)%n", method, path, status, (System.nanoTime() - t0) / 1e6);
    }
  }

  private HttpWire.Conn open() {
    try {
      return new HttpWire.Conn(SocketChannel.open(socket));
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new EngineUnreachable(address, reason);
    } catch (UnsupportedOperationException e) {
      throw new EngineUnreachable(address, "unix sockets are not supported");
    }
  }

  @Override
  public void close() {
    if (shared != null) shared.closeQuietly();
    shared = null;
  }
}
