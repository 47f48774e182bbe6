package jokku.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jokku.Jokku;

/** Test helpers: HTTP/1.1 requests with any Host header over a fresh connection, free loopback ports, a polling client. */
public final class Http {
  /** A response: status (0 when the connection failed) and body. */
  public record Response(int status, String body) {}

  private Http() {}

  /** What a test server answers to one request (status 200). */
  public interface Answer {
    String to(com.sun.net.httpserver.HttpExchange request) throws IOException;
  }

  /** A started HTTP server on a free loopback port, answering every request with {@code answer}. */
  public static com.sun.net.httpserver.HttpServer serve(Answer answer) throws IOException {
    com.sun.net.httpserver.HttpServer s =
        com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", ex -> {
      byte[] b = answer.to(ex).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    s.start();
    return s;
  }

  /** {@code GET path} on 127.0.0.1:port with the given Host header and {@code Connection: close}. */
  public static Response get(int port, String host, String path) {
    return get("127.0.0.1", port, host, path);
  }

  /** {@code GET path} on address:port (a loopback address) with the given Host header and {@code Connection: close}. */
  public static Response get(String address, int port, String host, String path) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 5000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nUser-Agent: jokku-test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int sp = raw.indexOf(' ');
      if (!raw.startsWith("HTTP/") || sp < 0) return new Response(0, raw);
      int status = Integer.parseInt(raw.substring(sp + 1, sp + 4));
      int bodyAt = raw.indexOf("\r\n\r\n");
      String head = bodyAt < 0 ? raw : raw.substring(0, bodyAt);
      String body = bodyAt < 0 ? "" : raw.substring(bodyAt + 4);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) body = unchunk(body);
      return new Response(status, body);
    } catch (IOException e) {
      return new Response(0, e.toString());
    }
  }

  /** Sends a raw request to 127.0.0.1:port and returns the raw response (status line, headers and body). */
  public static String exchange(int port, String request) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String unchunk(String body) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int nl = body.indexOf("\r\n", i);
      if (nl < 0) break;
      int len = Integer.parseInt(body.substring(i, nl).trim().split(";")[0], 16);
      if (len == 0) break;
      b.append(body, nl + 2, nl + 2 + len);
      i = nl + 2 + len + 2;
    }
    return b.toString();
  }

  /** Points jokku's proxy ({@code proxy:set --global listen}) at a free port of 127.0.0.1; that port. */
  public static int proxyOnLoopback(Jokku j) {
    int port = freePort();
    j.ok("proxy:set", "--global", "listen", "127.0.0.1:" + port);
    return port;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  /** A client that keeps requesting until stopped, counting answers that are not 200 with the expected prefix. */
  public static final class Poller implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    public final AtomicLong ok = new AtomicLong();
    public final AtomicInteger failed = new AtomicInteger();
    public final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    public Poller(int port, String host, String expectPrefix) {
      thread = new Thread(() -> {
        while (running) {
          Response r = get(port, host, "/");
          if (r.status() == 200 && r.body().startsWith(expectPrefix)) ok.incrementAndGet();
          else {
            failed.incrementAndGet();
            if (failures.size() < 10) failures.add(r.status() + " " + r.body().strip());
          }
        }
      }, "poller");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }

  /**
   * The run's nginx worker pids once they have settled (the same non-empty set on two reads, none of them in
   * {@code replaced}, none shutting down): nginx forks its workers, and after a reload replaces them, asynchronously.
   * Fails after a generous deadline, e.g. when a reload that should have happened did not.
   */
  public static java.util.Set<Long> nginxWorkers(Jokku j, java.util.Set<Long> replaced) {
    jokku.store.Store store = new jokku.store.Store(j.root, j.lib);
    long deadline = System.currentTimeMillis() + 60_000;
    java.util.Set<Long> last = java.util.Set.of();
    while (true) {
      long master = new ProxyService(store, new jokku.Out(System.out, System.err, true)).master().orElseThrow();
      java.util.Set<Long> now = new java.util.TreeSet<>();
      ProcessHandle.of(master).orElseThrow().children()
          .filter(c -> !jokku.store.Store.read(Path.of("/proc", String.valueOf(c.pid()), "cmdline")).contains("shutting down"))
          .forEach(c -> now.add(c.pid()));
      if (!now.isEmpty() && now.equals(last) && java.util.Collections.disjoint(now, replaced)) return now;
      if (System.currentTimeMillis() > deadline) throw new AssertionError("nginx workers did not settle (replacing " + replaced + "): " + now);
      last = now;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static Path nginxConf(Jokku j, String app) {
    return j.root.resolve(app).resolve("nginx.conf");
  }
}
