package jokku.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jokku.engine.DockerClient.Response;

/** Image calls: build, load, pull, tag, list and remove (inspect is {@link ImageConfig#inspect}). Streamed progress goes to a line consumer. */
public final class Images {
  private final DockerClient c;

  Images(DockerClient client) {
    this.c = client;
  }

  /**
   * {@code POST /build} with the legacy builder: the context (a tar, optionally compressed) is streamed; the
   * query holds tag, labels and network mode. Build output goes to {@code output}; returns the image id.
   * A failed step throws {@link EngineException} with the builder's message; a broken answer an
   * {@link EngineResponseError}; a failure reading {@code context} (a local file, not the engine) a {@link LocalStreamError}.
   */
  public String build(InputStream context, String query, Consumer<String> output) {
    String[] id = {""};
    DockerClient.Stream s = c.stream("POST", "/build?" + query, context, "application/x-tar");
    try (s) {
      if (s.status >= 400) throw new EngineException(s.status, DockerClient.message(new Response(s.status, Map.of(), s.readAll())));
      messages(s.body(), m -> {
        Object aux = m.get("aux");
        if (aux instanceof Map && ((Map<?, ?>) aux).get("ID") != null) id[0] = String.valueOf(((Map<?, ?>) aux).get("ID"));
        if (m.get("stream") != null) output.accept(String.valueOf(m.get("stream")));
      });
    } catch (IOException e) {
      throw HttpFraming.broke(s.body(), e);
    }
    if (id[0].isEmpty()) throw new EngineException(500, "the engine reported no image id for the build");
    return id[0];
  }

  /** {@link #build} of a context tagged {@code tag}, its intermediate containers removed even when a step fails. */
  public String buildTagged(InputStream context, String tag, Consumer<String> output) {
    return build(context, "t=" + Engine.enc(tag) + "&rm=1&forcerm=1", output);
  }

  /**
   * {@code POST /images/load} of a {@code docker save} tarball; returns what was loaded ("name:tag" or an image id).
   * A failure reading {@code tar} is a {@link LocalStreamError}.
   */
  public List<String> load(InputStream tar, Consumer<String> output) {
    List<String> loaded = new ArrayList<>();
    DockerClient.Stream s = c.stream("POST", "/images/load?quiet=1", tar, "application/x-tar");
    try (s) {
      if (s.status >= 400) throw new EngineException(s.status, DockerClient.message(new Response(s.status, Map.of(), s.readAll())));
      messages(s.body(), m -> {
        if (m.get("stream") == null) return;
        String line = String.valueOf(m.get("stream")).trim();
        output.accept(line + "\n");
        if (line.startsWith("Loaded image: ")) loaded.add(line.substring("Loaded image: ".length()).trim());
        else if (line.startsWith("Loaded image ID: ")) loaded.add(line.substring("Loaded image ID: ".length()).trim());
      });
    } catch (IOException e) {
      throw HttpFraming.broke(s.body(), e);
    }
    return loaded;
  }

  /** {@code POST /images/create?fromImage=}: pulls an image; status lines go to {@code output}. */
  public void pull(String ref, Consumer<String> output) {
    DockerClient.Stream s = c.stream("POST", "/images/create?fromImage=" + Engine.enc(ref), null, null);
    try (s) {
      if (s.status >= 400) throw new EngineException(s.status, DockerClient.message(new Response(s.status, Map.of(), s.readAll())));
      messages(s.body(), m -> {
        if (m.get("status") != null && m.get("progress") == null) {
          Object id = m.get("id");
          output.accept((id == null ? "" : id + ": ") + m.get("status") + "\n");
        }
      });
    } catch (IOException e) {
      throw HttpFraming.broke(s.body(), e);
    }
  }

  public void tag(String image, String repo, String tag) {
    c.ok(c.call("POST", "/images/" + Engine.enc(image) + "/tag?repo=" + Engine.enc(repo) + "&tag=" + Engine.enc(tag), null));
  }

  /**
   * {@code POST /images/{repo}/push?tag=}: pushes {@code repo:tag}, status lines without a layer id going to
   * {@code progress}; returns the digest the registry reported ("" when none). The engine refusing the push, an error
   * line in its stream and a failure reading it are an {@link EngineException} with the engine's own text.
   */
  public String push(String repo, String tag, Consumer<String> progress) {
    String digest = "";
    DockerClient.Stream s = c.stream("POST", "/images/" + Engine.enc(repo) + "/push?tag=" + Engine.enc(tag),
        new java.io.ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), "application/json");
    try (s) {
      if (s.status >= 400) throw new EngineException(s.status, new String(s.readAll(), StandardCharsets.UTF_8).trim());
      BufferedReader r = new BufferedReader(new InputStreamReader(s.body(), StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) continue;
        Object o = Json.parse(line.trim());
        if (!(o instanceof Map<?, ?> m)) continue;
        if (m.get("error") != null) throw new EngineException(500, String.valueOf(m.get("error")));
        if (m.get("aux") instanceof Map<?, ?> aux && aux.get("Digest") != null) digest = String.valueOf(aux.get("Digest"));
        else if (m.get("status") != null && m.get("id") == null) progress.accept(String.valueOf(m.get("status")));
      }
    } catch (IOException e) {
      throw new EngineException(500, e.getMessage());
    }
    return digest;
  }

  /** Ids of images carrying all the given labels ({@code key=value}), only the untagged ones when {@code dangling}. */
  @SuppressWarnings("unchecked")
  List<String> ids(List<String> labels, boolean dangling) {
    Map<String, List<String>> f = dangling ? Map.of("dangling", List.of("true"), "label", labels) : Map.of("label", labels);
    String q = "/images/json?" + Engine.filters(f);
    List<String> ids = new ArrayList<>();
    for (Object o : (List<Object>) c.ok(c.call("GET", q, null)).json()) ids.add(NetworkInfo.str((Map<String, Object>) o, "Id"));
    return ids;
  }

  /** Removes an image (untagging it everywhere when {@code force}); false when it is gone or still used by a container. */
  public boolean remove(String image, boolean force) {
    Response r = c.call("DELETE", "/images/" + Engine.enc(image) + (force ? "?force=1" : ""), null);
    if (r.status() == 404 || r.status() == 409) return false;
    c.ok(r);
    return true;
  }

  /** Reads the engine's JSON-lines progress stream; an {@code error} message aborts with that message. */
  @SuppressWarnings("unchecked")
  private static void messages(InputStream body, Consumer<Map<String, Object>> each) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.isBlank()) continue;
      Object o;
      try {
        o = Json.parse(line.trim());
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (!(o instanceof Map)) continue;
      Map<String, Object> m = (Map<String, Object>) o;
      if (m.get("error") != null) throw new EngineException(500, String.valueOf(m.get("error")).trim());
      each.accept(m);
    }
  }
}
