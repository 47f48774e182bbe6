package jokku.deploy;

import java.util.Map;
import jokku.Out;
import jokku.engine.Containers;
import jokku.engine.Engine;
import jokku.engine.Images;
import jokku.store.Store;

/**
 * What the deploy lifecycle works with: the engine's calls, the store, the output, the labels every created
 * resource carries, the environment (for the background retirement process), the proxy and the global flags.
 */
public record Platform(
    Engine engine,
    Containers containers,
    Images images,
    Store store,
    Out out,
    Map<String, String> extraLabels,
    Map<String, String> env,
    ProxyHook proxy,
    boolean force) {

  public static Platform of(Engine engine, Store store, Out out, Map<String, String> extraLabels, Map<String, String> env, ProxyHook proxy, boolean force) {
    return new Platform(engine, engine.containers(), engine.images(),
        store, out, extraLabels, env, proxy, force);
  }
}
