package jokku.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal HTTP/1.1 GET from the host to a container's listener, as Dokku's healthchecker does. */
final class HttpProbe {
  /** The answer: status code and body (at most 1 MiB). */
  record Response(int status, String body) {}

  private HttpProbe() {}

  static Response get(String ip, int port, String path, int timeoutSeconds) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), timeoutSeconds * 1000);
      s.setSoTimeout(timeoutSeconds * 1000);
      String host = ip.contains(":") ? "[" + ip + "]" : ip;
      String req = "GET " + (path.startsWith("/") ? path : "/" + path) + " HTTP/1.1\r\nHost: " + host + ":" + port
          + "\r\nAccept: */*\r\nUser-Agent: jokku-healthcheck\r\nConnection: close\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(req.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] b = new byte[8192];
      int n;
      while ((n = in.read(b)) > 0 && buf.size() < (1 << 20)) buf.write(b, 0, n);
      String text = buf.toString(StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.") || text.length() < 12) throw new IOException("not an HTTP response");
      int status = Integer.parseInt(text.substring(9, 12));
      int bodyAt = text.indexOf("\r\n\r\n");
      return new Response(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4));
    } catch (NumberFormatException e) {
      throw new IOException("malformed HTTP status line");
    }
  }
}
