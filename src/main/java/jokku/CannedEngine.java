package jokku;

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
import java.nio.file.Path;
import java.util.Locale;

/**
 * A throwaway Engine API server on a unix socket, answering with canned replies, for {@link Train}: it lets the
 * real client run its whole path (socket, HTTP, JSON) with no Docker Engine. One connection at a time, keep-alive.
 */
final class CannedEngine implements AutoCloseable {
  static final String NETWORKS = "["
      + network("bridge", "b1f2a3c4d5e6", "bridge", "{}", "[{\"Subnet\":\"172.17.0.0/16\",\"Gateway\":\"172.17.0.1\"}]", "{}") + ","
      + network("host", "a9b8c7d6e5f4", "host", "{}", "[]", "{}") + ","
      + network("none", "c0d1e2f3a4b5", "null", "{}", "[]", "{}") + ","
      + network("idle", "d4e5f6a7b8c9", "bridge", "{\"com.dokku.network-name\":\"idle\"}", "[]", "{}") + ","
      + network("train", "e7f8a9b0c1d2", "bridge", "{\"com.dokku.network-name\":\"train\",\"com.example.team\":\"a<b>&c\"}",
          "[{\"Subnet\":\"10.98.0.0/24\",\"Gateway\":\"10.98.0.1\",\"IPRange\":\"10.98.0.128/25\"}]",
          "{\"f00dfeedcafe0001\":{\"Name\":\"web.1\",\"IPv4Address\":\"10.98.0.130/24\",\"IPv6Address\":\"\"}}")
      + "]";

  private final ServerSocketChannel server;
  private final Thread thread;
  private volatile boolean closed;

  private CannedEngine(ServerSocketChannel server) {
    this.server = server;
    this.thread = new Thread(this::serve, "canned-engine");
    thread.setDaemon(true);
    thread.start();
  }

  /** Listens on {@code socket} (which must not exist yet) until closed. */
  static CannedEngine start(Path socket) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    return new CannedEngine(s);
  }

  private static String network(String name, String id, String driver, String labels, String ipam, String containers) {
    return "{\"Name\":\"" + name + "\",\"Id\":\"" + id + "0123456789abcdef0123456789abcdef0123456789abcdef0123\",\"Created\":\"2026-02-25T01:55:24.275184461+01:00\","
        + "\"Scope\":\"local\",\"Driver\":\"" + driver + "\",\"EnableIPv6\":false,\"IPAM\":{\"Driver\":\"default\",\"Options\":null,\"Config\":" + ipam + "},"
        + "\"Internal\":false,\"Attachable\":" + !driver.equals("null") + ",\"Ingress\":false,\"ConfigFrom\":{\"Network\":\"\"},\"ConfigOnly\":false,"
        + "\"Containers\":" + containers + ",\"Options\":{},\"Labels\":" + labels + "}";
  }

  private void serve() {
    while (!closed) {
      try (SocketChannel ch = server.accept()) {
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
        OutputStream out = Channels.newOutputStream(ch);
        while (answer(in, out)) {
          // keep-alive: next request on the same connection
        }
      } catch (IOException | RuntimeException e) {
        if (closed) return;
      }
    }
  }

  /** Reads one request and writes its reply; false at the end of the connection. */
  private static boolean answer(InputStream in, OutputStream out) throws IOException {
    String request = line(in);
    if (request == null || request.isEmpty()) return false;
    long length = 0;
    for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
      if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Long.parseLong(h.substring(15).trim());
    }
    in.skipNBytes(length);
    String[] parts = request.split(" ");
    String method = parts[0];
    String path = parts[1].replaceFirst("^/v1\\.\\d+", "").replaceFirst("\\?.*$", "");
    reply(out, method, path);
    return true;
  }

  private static void reply(OutputStream out, String method, String path) throws IOException {
    if (path.equals("/_ping")) {
      write(out, 200, "text/plain", "OK", false);
    } else if (method.equals("GET") && path.equals("/networks")) {
      write(out, 200, "application/json", NETWORKS, true);
    } else if (method.equals("GET") && path.startsWith("/networks/")) {
      String key = path.substring("/networks/".length());
      String found = find(key);
      if (found == null) write(out, 404, "application/json", "{\"message\":\"network " + key + " not found\"}", false);
      else write(out, 200, "application/json", found, false);
    } else if (method.equals("POST") && path.equals("/networks/create")) {
      write(out, 201, "application/json", "{\"Id\":\"f1e2d3c4b5a6f1e2d3c4b5a6f1e2d3c4b5a6f1e2d3c4b5a6f1e2d3c4b5a6f1e2\",\"Warning\":\"\"}", false);
    } else if (method.equals("DELETE") && path.startsWith("/networks/")) {
      write(out, 204, null, "", false);
    } else if (method.equals("POST") && path.startsWith("/networks/")) {
      write(out, 200, "text/plain", "OK", false);
    } else if (method.equals("GET") && (path.equals("/containers/json") || path.equals("/images/json"))) {
      write(out, 200, "application/json", "[]", true);
    } else {
      write(out, 404, "application/json", "{\"message\":\"page not found\"}", false);
    }
  }

  /** The canned network whose id starts with, or whose name is, {@code key}. */
  private static String find(String key) {
    for (String n : NETWORKS.substring(1, NETWORKS.length() - 1).split(",(?=\\{\"Name\")")) {
      if (n.startsWith("{\"Name\":\"" + key + "\"") || n.contains("\"Id\":\"" + key)) return n;
    }
    return null;
  }

  private static void write(OutputStream out, int status, String type, String body, boolean chunked) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(status < 300 ? " OK" : " Error").append("\r\n");
    h.append("Api-Version: 1.41\r\nServer: jokku-canned-engine\r\n");
    if (type != null) h.append("Content-Type: ").append(type).append("\r\n");
    if (chunked) h.append("Transfer-Encoding: chunked\r\n\r\n").append(Integer.toHexString(b.length)).append("\r\n");
    else h.append("Content-Length: ").append(b.length).append("\r\n\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    if (chunked) out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      if (c != '\r') b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
