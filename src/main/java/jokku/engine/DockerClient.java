package jokku.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 to one engine, with API version negotiation through {@code /_ping}, over the {@link Transport} its URL
 * names ({@code unix://}, {@code ssh://}, {@code tcp://}). Simple calls share one keep-alive connection; streaming
 * calls (logs, builds, attach) get their own.
 *
 * <p>A request is repeated automatically at most once, and only when it cannot have been acted on twice (RFC 9110
 * 9.2.2): a kept-alive connection found closed before or while the request was written, or an idempotent method
 * (GET, HEAD, PUT, DELETE, OPTIONS) on a kept-alive connection that closed before any byte of the answer. Never after
 * a byte of the response arrived. Everything else that breaks is an {@link EngineResponseError} saying what happened.
 */
final class DockerClient implements AutoCloseable {
  private final String address;
  private final Transport transport;
  private final PrintStream trace;
  private String version;
  private HttpWire.Conn shared;

  /** The engine at {@code dockerHost} (null or blank: the default socket), with TLS and ssh settings from this process's environment. */
  public DockerClient(String dockerHost, PrintStream trace) {
    this(dockerHost, System.getenv(), trace);
  }

  /**
   * The engine at {@code dockerHost} (null or blank: the default socket), with the settings {@code env} holds:
   * {@code DOCKER_TLS_VERIFY}, {@code DOCKER_TLS}, {@code DOCKER_CERT_PATH}, {@code JOKKU_ENGINE_PLAINTEXT},
   * {@code JOKKU_SSH_OPTS} and the {@code PATH} ssh is found on. A URL jokku cannot use is an {@link EngineUnreachable}.
   */
  public DockerClient(String dockerHost, Map<String, String> env, PrintStream trace) {
    this(dockerHost == null || dockerHost.isBlank() ? "unix:///var/run/docker.sock" : dockerHost, null, env, trace);
  }

  private DockerClient(String address, Transport transport, Map<String, String> env, PrintStream trace) {
    this.address = address;
    this.transport = transport != null ? transport : Transport.of(address, env);
    this.trace = trace;
  }

  /** Another client of the same engine (same transport and settings), with a connection of its own. */
  public DockerClient another() {
    return new DockerClient(address, transport, null, trace);
  }

  public String address() {
    return address;
  }

  /** A response whose body has been read completely. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a body that is not JSON is an {@link EngineResponseError}. */
    public Object json() {
      if (body.length == 0) return null;
      try {
        return Json.parse(body);
      } catch (IllegalArgumentException e) {
        throw new EngineResponseError("The Docker engine sent a response that is not valid JSON: " + e.getMessage());
      }
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
    } catch (EngineResponseError ignored) {
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
      HttpFraming.Head early = null;
      try {
        c.writeHead(method, p, contentType, body == null ? 0 : -1, false);
        if (body != null) c.writeChunked(body);
      } catch (IOException e) {
        early = EarlyAnswer.read(c); // the engine may have refused the request before reading all of its body
        if (early == null) throw unreachableOr(c, sending(c, e));
      }
      Stream s = new Stream(c, early != null ? early : readHead(c));
      traceLine(method, p, s.status, t0);
      return s;
    } catch (RuntimeException e) {
      c.closeQuietly();
      throw e;
    }
  }

  /** Sends a request that upgrades the connection (attach; exec start with its JSON body) and returns it. */
  public Hijacked hijack(String method, String path, Object jsonBody) {
    String p = versioned(path);
    long t0 = System.nanoTime();
    HttpWire.Conn c = open();
    byte[] body = jsonBody == null ? new byte[0] : Json.write(jsonBody).getBytes(StandardCharsets.UTF_8);
    try {
      try {
        c.writeHead(method, p, "application/json", body.length, true);
        if (body.length > 0) {
          c.out.write(body);
          c.out.flush();
        }
      } catch (IOException e) {
        throw unreachableOr(c, sending(c, e));
      }
      Stream s = new Stream(c, readHead(c));
      traceLine(method, p, s.status, t0);
      if (s.status >= 400) {
        String msg = message(new Response(s.status, s.head.headers(), s.body.readAllBytes()));
        throw new EngineException(s.status, msg);
      }
      return new Hijacked(h101(c, s), c.link);
    } catch (IOException e) {
      throw HttpFraming.broke(c.what, "during the error", e);
    } catch (RuntimeException e) {
      c.closeQuietly();
      throw e;
    }
  }

  /** The raw stream after a 101 (or whatever the engine sent instead): a broken connection is an EngineResponseError. */
  private static InputStream h101(HttpWire.Conn c, Stream s) {
    return s.status == 101 ? new HttpFraming.UntilClose(c) : s.body;
  }

  /** An open response body; close it to release the connection. */
  public static final class Stream implements AutoCloseable {
    public final int status;
    private final HttpFraming.Head head;
    private final InputStream body;
    private final HttpWire.Conn conn;

    Stream(HttpWire.Conn conn, HttpFraming.Head head) {
      this.conn = conn;
      this.head = head;
      this.status = head.status();
      this.body = conn.body(head);
    }

    /**
     * The body, ending exactly where the response's framing says; reading past a cut-off throws an
     * {@link EngineResponseError} (unchecked) instead of ending early.
     */
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
    return ApiVersion.choose(r.headers().get("api-version"));
  }

  private Response exchange(String method, String path, byte[] body, String contentType) {
    long t0 = System.nanoTime();
    boolean repeated = false;
    while (true) {
      boolean reused = shared != null;
      if (reused && shared.stale()) {
        drop();
        reused = false;
      }
      if (shared == null) shared = open();
      HttpWire.Conn c = shared;
      try {
        c.send(method, path, contentType, body);
      } catch (IOException e) {
        // The request did not arrive whole, so the engine cannot have acted on it: one more try on a new connection.
        if (reused && !repeated) {
          drop();
          repeated = true;
          continue;
        }
        EngineUnreachable why = unreachableOr(c, sending(c, e));
        drop();
        throw why;
      }
      try {
        HttpFraming.Head h = c.readHead();
        byte[] data = c.body(h).readAllBytes();
        if (h.close()) drop();
        traceLine(method, path, h.status(), t0);
        return new Response(h.status(), h.headers(), data);
      } catch (HttpWire.NoAnswer e) {
        if (reused && !repeated && IDEMPOTENT.contains(method)) {
          drop();
          repeated = true;
          continue;
        }
        EngineUnreachable why = unreachableOr(c, new EngineResponseError(e.getMessage() + (IDEMPOTENT.contains(method) ? "" : UNKNOWN_OUTCOME)));
        drop();
        throw why;
      } catch (IOException e) {
        drop();
        throw HttpFraming.broke(c.what, "after " + c.received() + " bytes", e);
      } catch (RuntimeException e) {
        drop();
        throw e;
      }
    }
  }

  private static final java.util.Set<String> IDEMPOTENT = java.util.Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  private static final String UNKNOWN_OUTCOME = " (the engine may or may not have carried it out; jokku does not send it twice)";

  private HttpFraming.Head readHead(HttpWire.Conn c) {
    try {
      return c.readHead();
    } catch (HttpWire.NoAnswer e) {
      throw unreachableOr(c, new EngineResponseError(e.getMessage() + (IDEMPOTENT.contains(c.what.substring(0, c.what.indexOf(' '))) ? "" : UNKNOWN_OUTCOME)));
    } catch (IOException e) {
      throw HttpFraming.broke(c.what, "after " + c.received() + " bytes", e);
    }
  }

  private static EngineResponseError sending(HttpWire.Conn c, IOException e) {
    return new EngineResponseError("The Docker engine closed the connection while jokku was sending " + c.what + ": " + EngineUnreachable.reason(e));
  }

  /** The link's own reason when the engine was never reached through it (ssh failed), else {@code otherwise}. */
  private EngineUnreachable unreachableOr(HttpWire.Conn c, EngineUnreachable otherwise) {
    String why = c.link.unreachable();
    return why == null ? otherwise : new EngineUnreachable(address, why);
  }

  private void drop() {
    if (shared != null) shared.closeQuietly();
    shared = null;
  }

  private void traceLine(String method, String path, int status, long t0) {
    if (trace != null) {
      trace.printf(Locale.ROOT, " ?     engine: %s %s -> %d (%.1f ms)%n", method, path, status, (System.nanoTime() - t0) / 1e6);
    }
  }

  private HttpWire.Conn open() {
    return new HttpWire.Conn(transport.open());
  }

  @Override
  public void close() {
    if (shared != null) shared.closeQuietly();
    shared = null;
  }
}
