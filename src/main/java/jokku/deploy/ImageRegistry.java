package jokku.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.store.Store;

/**
 * Dokku's {@code registry} plugin: {@code config/registry/<app|--global>/{server,image-repo,push-on-release}}, and
 * the push of an app's image to {@code <server>/<image-repo>:<tag>} that returns the digest reference
 * ({@code <server>/<image-repo>@sha256:...}) the swarm's nodes pull.
 */
public final class ImageRegistry {
  public static final String PLUGIN = "registry";
  public static final java.util.List<String> KEYS = java.util.List.of("image-repo", "push-on-release", "server");
  private final Store store;

  public ImageRegistry(Store store) {
    this.store = store;
  }

  public String computed(String app, String key) {
    String own = store.property(PLUGIN, app, key);
    if (!own.isEmpty()) return own;
    String global = store.property(PLUGIN, Store.GLOBAL, key);
    if (!global.isEmpty() || !key.equals("image-repo")) return global;
    return "dokku/" + app;
  }

  public String server(String app) {
    String s = computed(app, "server");
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  public boolean pushOnRelease(String app) {
    return "true".equals(computed(app, "push-on-release"));
  }

  /** Dokku's {@code registry:report} flags for an app or {@code --global}. */
  public Map<String, String> report(String scope) {
    Map<String, String> f = new LinkedHashMap<>();
    boolean global = scope.equals(Store.GLOBAL);
    for (String k : KEYS) {
      if (global && k.equals("image-repo")) continue;
      String computed = global ? store.property(PLUGIN, Store.GLOBAL, k) : computed(scope, k);
      f.put("--registry-computed-" + k, computed.isEmpty() && k.equals("push-on-release") ? "false" : computed); // Dokku's default
      if (!global) f.put("--registry-" + k, store.property(PLUGIN, scope, k));
      if (!k.equals("image-repo")) f.put("--registry-global-" + k, store.property(PLUGIN, Store.GLOBAL, k));
    }
    return f;
  }

  public static void validate(String key, String value) {
    if (!KEYS.contains(key)) throw new DokkuException("Invalid property specified, valid properties include: " + String.join(", ", KEYS));
    if (key.equals("push-on-release") && !value.isEmpty() && !value.equals("true") && !value.equals("false")) {
      throw new DokkuException("Invalid push-on-release value " + value + ": true or false");
    }
    if (key.equals("server") && !value.isEmpty() && !value.matches("[A-Za-z0-9.-]+(:\\d{1,5})?(/[a-z0-9._/-]*)?")) {
      throw new DokkuException("Invalid registry server " + value + ": expected host[:port]");
    }
  }

  /**
   * Tags {@code image} as {@code <server>/<image-repo>:<tag>}, pushes it and returns the digest reference. Throws
   * with the registry's message when the push fails (nothing is deployed then).
   */
  public String push(Engine engine, java.util.function.Consumer<String> progress, String app, String image, String tag) {
    String repo = server(app) + "/" + computed(app, "image-repo");
    engine.images().tag(image, repo, tag);
    String digest;
    try {
      digest = engine.images().push(repo, tag, progress);
    } catch (EngineException e) {
      throw new DokkuException("Unable to push " + repo + ":" + tag + ": " + e.getMessage());
    }
    if (digest.isEmpty()) throw new DokkuException("The registry reported no digest for " + repo + ":" + tag);
    return repo + "@" + digest;
  }
}
