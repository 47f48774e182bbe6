package jokku;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.URLEncoder;
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
 * It knows a few networks and one deploy container (listed to requests whose label filter it matches, inspected by
 * id), so that the state reading of {@code network:rebuild} and {@code network:check} runs in training too; and the
 * image of {@link #DEPLOY_APP} with the one container its deploy creates, starts, inspects and renames.
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

  /** The one canned deploy container's id: app {@value #APP}'s worker.1, on the bridge and the {@code train} network. */
  static final String CONTAINER_ID = "f00dfeedcafe0001" + "0123456789abcdef".repeat(3);
  /** The app whose deploy container the canned engine lists. */
  static final String APP = "train-net";
  private static final String HOSTNAME = "f00dfeedcafe";
  private static final String LABELS = "{\"com.dokku.app-name\":\"" + APP + "\",\"com.dokku.container-type\":\"deploy\","
      + "\"com.dokku.dyno\":\"worker.1\",\"com.dokku.process-type\":\"worker\",\"com.jokku.train\":\"1\"}";
  /** The container in a list answer (no hostname, no aliases: what the engine leaves out there). */
  static final String LISTED = "{\"Id\":\"" + CONTAINER_ID + "\",\"Names\":[\"/" + APP + ".worker.1\"],\"Image\":\"dokku/" + APP + ":latest\","
      + "\"ImageID\":\"sha256:15afbb63e663ac7153aa6a2bfc306c8a232ec8397f1441d76c95d918b31e33a4\",\"Command\":\"sleep 3600\","
      + "\"Created\":1796684466,\"Ports\":[],\"Labels\":" + LABELS + ",\"State\":\"running\",\"Status\":\"Up 3 minutes\","
      + "\"HostConfig\":{\"NetworkMode\":\"default\"},\"NetworkSettings\":{\"Networks\":" + endpoints(false) + "},\"Mounts\":[]}";
  /** The same container inspected. */
  static final String INSPECTED = "{\"Id\":\"" + CONTAINER_ID + "\",\"Name\":\"/" + APP + ".worker.1\",\"RestartCount\":0,"
      + "\"State\":{\"Status\":\"running\",\"Running\":true,\"Restarting\":false,\"ExitCode\":0,\"StartedAt\":\"2026-12-07T22:01:02.123456789Z\"},"
      + "\"Config\":{\"Hostname\":\"" + HOSTNAME + "\",\"Image\":\"dokku/" + APP + ":latest\",\"Labels\":" + LABELS + "},"
      + "\"HostConfig\":{\"NetworkMode\":\"default\"},\"NetworkSettings\":{\"Networks\":" + endpoints(true) + "}}";

  /** The app {@link Train} deploys: its image, and the container the deploy creates, starts, inspects and renames. */
  static final String DEPLOY_APP = "train-deploy";
  static final String DEPLOY_IMAGE_ID = "sha256:" + "5eed0f1a2b3c4d5e".repeat(4);
  private static final String DEPLOYED_ID = "f00dfeedcafe0002" + "0123456789abcdef".repeat(3);
  private static final String DEPLOY_LABELS = "{\"com.dokku.app-name\":\"" + DEPLOY_APP + "\",\"com.dokku.container-type\":\"deploy\","
      + "\"com.dokku.dyno\":\"web.1\",\"com.dokku.process-type\":\"web\",\"com.jokku.train\":\"1\"}";
  private static final String DEPLOY_IMAGE = "{\"Id\":\"" + DEPLOY_IMAGE_ID + "\",\"RepoTags\":[\"dokku/" + DEPLOY_APP + ":latest\"],"
      + "\"Config\":{\"WorkingDir\":\"/app\",\"Cmd\":[\"sh\"],\"Entrypoint\":null,\"ExposedPorts\":{\"5000/tcp\":{}},"
      + "\"Labels\":{\"com.dokku.app-name\":\"" + DEPLOY_APP + "\"}}}";
  /** The deployed container inspected right after its start. */
  private static final String DEPLOYED = "{\"Id\":\"" + DEPLOYED_ID + "\",\"Name\":\"/" + DEPLOY_APP + ".web.1.upcoming-1234\",\"RestartCount\":0,"
      + "\"State\":{\"Status\":\"running\",\"Running\":true,\"Restarting\":false,\"ExitCode\":0,\"StartedAt\":\"2026-12-07T22:01:02.123456789Z\"},"
      + "\"Config\":{\"Hostname\":\"f00dfeedcafe\",\"Image\":\"dokku/" + DEPLOY_APP + ":latest\",\"Labels\":" + DEPLOY_LABELS + "},"
      + "\"HostConfig\":{\"NetworkMode\":\"bridge\"},\"NetworkSettings\":{\"Networks\":{\"bridge\":{\"IPAMConfig\":null,\"Links\":null,"
      + "\"Aliases\":null,\"NetworkID\":\"b1f2a3c4d5e6\",\"EndpointID\":\"0011dd4eef30b9928a12dbfc886b073f5ab73547bf7c9db6d70539ed2babead8\","
      + "\"Gateway\":\"172.17.0.1\",\"IPAddress\":\"172.17.0.6\",\"IPPrefixLen\":16,\"MacAddress\":\"02:42:ac:11:00:06\",\"DriverOpts\":null}}}}";

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

  private static String endpoints(boolean inspected) {
    String aliases = inspected ? "[\"" + APP + ".worker\",\"" + HOSTNAME + "." + APP + ".worker\"]" : "null";
    return "{\"bridge\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"NetworkID\":\"b1f2a3c4d5e6\","
        + "\"EndpointID\":\"0011dd4eef30b9928a12dbfc886b073f5ab73547bf7c9db6d70539ed2babead9\",\"Gateway\":\"172.17.0.1\","
        + "\"IPAddress\":\"172.17.0.5\",\"IPPrefixLen\":16,\"MacAddress\":\"02:42:ac:11:00:05\",\"DriverOpts\":null},"
        + "\"train\":{\"IPAMConfig\":{},\"Links\":null,\"Aliases\":" + aliases + ",\"NetworkID\":\"e7f8a9b0c1d2\","
        + "\"EndpointID\":\"d5e2b697a82e4ec24684925a7db0e6fd9fed531c8f757e6143efd049c784ee16\",\"Gateway\":\"10.98.0.1\","
        + "\"IPAddress\":\"10.98.0.130\",\"IPPrefixLen\":24,\"MacAddress\":\"02:42:0a:62:00:82\",\"DriverOpts\":null}}";
  }

  /**
   * The canned containers a list request with {@code query} gets: the one container when it carries every label
   * of the query's label filter ({@code key} or {@code key=value}), else none.
   */
  private static String listed(String query) {
    String filters = URLDecoder.decode(query.replaceFirst("^.*[?&]filters=([^&]*).*$", "$1"), StandardCharsets.UTF_8);
    int label = filters.indexOf("\"label\":{");
    if (label < 0) return "[" + LISTED + "]";
    String wanted = filters.substring(label + 9, filters.indexOf('}', label));
    for (String term : wanted.split(",")) {
      String key = term.substring(term.indexOf('"') + 1, term.lastIndexOf("\":"));
      if (!LABELS.contains(key.contains("=") ? "\"" + key.replace("=", "\":\"") + "\"" : "\"" + key + "\":")) return "[]";
    }
    return "[" + LISTED + "]";
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
    reply(out, method, path, parts[1]);
    return true;
  }

  private static void reply(OutputStream out, String method, String path, String target) throws IOException {
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
    } else if (method.equals("GET") && path.equals("/containers/json")) {
      write(out, 200, "application/json", listed(target), true);
    } else if (method.equals("GET") && path.equals("/containers/" + CONTAINER_ID + "/json")) {
      write(out, 200, "application/json", INSPECTED, false);
    } else if (method.equals("GET") && path.equals("/images/" + URLEncoder.encode("dokku/" + DEPLOY_APP + ":latest", StandardCharsets.UTF_8) + "/json")) {
      write(out, 200, "application/json", DEPLOY_IMAGE, false);
    } else if (method.equals("POST") && path.equals("/containers/create")) {
      write(out, 201, "application/json", "{\"Id\":\"" + DEPLOYED_ID + "\",\"Warnings\":[]}", false);
    } else if (method.equals("POST") && (path.equals("/containers/" + DEPLOYED_ID + "/start") || path.equals("/containers/" + DEPLOYED_ID + "/rename"))) {
      write(out, 204, null, "", false);
    } else if (method.equals("GET") && path.equals("/containers/" + DEPLOYED_ID + "/json")) {
      write(out, 200, "application/json", DEPLOYED, false);
    } else if (method.equals("GET") && path.equals("/images/json")) {
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
