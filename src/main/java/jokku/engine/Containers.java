package jokku.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import jokku.engine.DockerClient.Response;

/** Container lifecycle calls beyond listing: create, start, wait, logs, rename, kill, update, attach. */
public final class Containers {
  private final DockerClient c;

  Containers(DockerClient client) {
    this.c = client;
  }

  /** Creates a container; returns the full id. */
  public String create(String name, ContainerSpec spec) {
    return create(name, spec.body());
  }

  /** Creates a container from an Engine API create body; returns the full id. */
  @SuppressWarnings("unchecked")
  String create(String name, Map<String, Object> body) {
    String q = name == null || name.isEmpty() ? "" : "?name=" + Engine.enc(name);
    Map<String, Object> r = (Map<String, Object>) c.ok(c.call("POST", "/containers/create" + q, body)).json();
    return String.valueOf(r.get("Id"));
  }

  public void start(String id) {
    Response r = c.call("POST", "/containers/" + Engine.enc(id) + "/start", null);
    if (r.status() != 304) c.ok(r);
  }

  /** Blocks until the container exits; returns its exit code. */
  @SuppressWarnings("unchecked")
  public int await(String id) {
    DockerClient.Stream s = c.stream("POST", "/containers/" + Engine.enc(id) + "/wait", null, null);
    try (s) {
      byte[] b = s.readAll();
      if (s.status >= 400) throw new EngineException(s.status, DockerClient.message(new Response(s.status, Map.of(), b)));
      return ContainerWait.statusCode(new Response(s.status, Map.of(), b), HttpFraming.request(s.body()));
    } catch (IOException e) {
      throw HttpFraming.broke(s.body(), e);
    }
  }

  /** The container's stdout and stderr so far (non-TTY containers), as text. */
  public String logs(String id) {
    Response r = c.ok(c.call("GET", "/containers/" + Engine.enc(id) + "/logs?stdout=1&stderr=1", null));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      demux(new java.io.ByteArrayInputStream(r.body()), out, out);
    } catch (IOException e) {
      return r.text();
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  public void rename(String id, String newName) {
    c.ok(c.call("POST", "/containers/" + Engine.enc(id) + "/rename?name=" + Engine.enc(newName), null));
  }

  public void kill(String id, String signal) {
    Response r = c.call("POST", "/containers/" + Engine.enc(id) + "/kill?signal=" + Engine.enc(signal), null);
    if (r.status() != 409 && r.status() != 404) c.ok(r);
  }

  /** {@code docker container update --restart=<policy>}, e.g. "no". */
  public void updateRestartPolicy(String id, String name, int maxRetries) {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Name", name);
    if (maxRetries > 0) policy.put("MaximumRetryCount", maxRetries);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RestartPolicy", policy);
    Response r = c.call("POST", "/containers/" + Engine.enc(id) + "/update", body);
    if (r.status() != 404) c.ok(r);
  }

  /** Attaches to a created (not yet started) container's stdio; start it afterwards. */
  public Hijacked attach(String id, boolean stdin) {
    return c.hijack("POST", "/containers/" + Engine.enc(id) + "/attach?stream=1&stdout=1&stderr=1" + (stdin ? "&stdin=1" : ""), null);
  }

  /**
   * Splits the engine's multiplexed stream (8-byte frame headers: stream type, 3 zero bytes, big-endian length)
   * into stdout and stderr until end of stream, as the docker CLI's stdcopy does: a type-3 frame is the engine's own
   * error (an {@link EngineException} "error from daemon in stream: ..."), and a stream that ends inside a frame is an
   * {@link EngineResponseError}, never a quiet end of output.
   */
  public static void demux(InputStream in, OutputStream out, OutputStream err) throws IOException {
    byte[] header = new byte[8];
    byte[] buf = new byte[32768];
    String stream = outputStream(in);
    while (true) {
      int got = in.readNBytes(header, 0, 8);
      if (got == 0) return;
      if (got < 8) throw new EngineResponseError(stream + " ended in the middle of a frame header (" + got + " of 8 bytes)");
      long len = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      int type = header[0];
      if (type == 3) {
        byte[] message = in.readNBytes((int) Math.min(len, 65536));
        if (message.length < Math.min(len, 65536)) throw cutFrame(stream, message.length, len);
        throw new EngineException(500, "error from daemon in stream: " + new String(message, java.nio.charset.StandardCharsets.UTF_8).strip());
      }
      if (type < 0 || type > 2) throw new EngineResponseError(stream + " has a frame of unknown type " + type);
      OutputStream target = type == 2 ? err : out;
      long done = 0;
      while (done < len) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, len - done));
        if (n < 0) throw cutFrame(stream, done, len);
        target.write(buf, 0, n);
        done += n;
      }
      target.flush();
    }
  }

  /** "The Docker engine's output stream for GET /containers/c1/logs?follow=1", as messages name a multiplexed stream. */
  static String outputStream(InputStream in) {
    String what = HttpFraming.request(in);
    return "The Docker engine's output stream" + (what == null ? "" : " for " + what);
  }

  static EngineResponseError cutFrame(String stream, long done, long len) {
    return new EngineResponseError(stream + " ended in the middle of a frame (" + done + " of " + len + " bytes)");
  }
}
