package jokku.deploy;

import java.util.Map;
import java.util.List;
import jokku.DokkuException;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.property.Check;
import jokku.property.PluginProperties;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * Dokku's {@code registry} plugin: {@code config/registry/<app|--global>/{server,image-repo,push-on-release}}, and
 * the push of an app's image to {@code <server>/<image-repo>:<tag>} that returns the digest reference
 * ({@code <server>/<image-repo>@sha256:...}) the swarm's nodes pull.
 */
public final class ImageRegistry {
  public static final Property IMAGE_REPO = Property.of("registry", "image-repo").appOnly().defaultFor(app -> "dokku/" + app);
  public static final Property PUSH_ON_RELEASE = Property.of("registry", "push-on-release").defaultValue("false")
      .check(Check.oneOf(List.of("true", "false"), v -> "Invalid push-on-release value " + v + ": true or false"));
  public static final Property SERVER = Property.of("registry", "server")
      .check(Check.matches("[A-Za-z0-9.-]+(:\\d{1,5})?(/[a-z0-9._/-]*)?", v -> "Invalid registry server " + v + ": expected host[:port]"));
  public static final PluginProperties PROPERTIES = PluginProperties.of("registry", IMAGE_REPO, PUSH_ON_RELEASE, SERVER);
  private final PropertyValues values;

  public ImageRegistry(Store store) {
    this.values = new PropertyValues(store);
  }

  public String server(String app) {
    String s = values.computed(SERVER, app);
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  public boolean pushOnRelease(String app) {
    return "true".equals(values.computed(PUSH_ON_RELEASE, app));
  }

  /** Dokku's {@code registry:report} flags for an app or {@code --global} (no image-repo there: it is per app). */
  public Map<String, String> report(Scope scope) {
    return PROPERTIES.report(values, scope);
  }

  /**
   * Tags {@code image} as {@code <server>/<image-repo>:<tag>}, pushes it and returns the digest reference. Throws
   * with the registry's message when the push fails (nothing is deployed then).
   */
  public String push(Engine engine, java.util.function.Consumer<String> progress, String app, String image, String tag) {
    String repo = server(app) + "/" + values.computed(IMAGE_REPO, app);
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
