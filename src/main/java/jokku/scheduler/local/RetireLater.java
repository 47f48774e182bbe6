package jokku.scheduler.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import jokku.Out;
import jokku.deploy.Platform;
import jokku.deploy.ProxyHook;
import jokku.engine.Engine;
import jokku.engine.JokkuLabels;
import jokku.store.Store;

/**
 * The detached process a deploy starts (after sleeping {@code wait-to-retire} seconds in its shell): retires what
 * is due, waiting for a running retirement rather than failing, so no deadline is skipped.
 */
public final class RetireLater {
  private RetireLater() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream());
    Store store = new Store(Path.of(value(env, "DOKKU_ROOT", "/home/dokku")), Path.of(value(env, "DOKKU_LIB_ROOT", value(env, "DOKKU_LIB_PATH", "/var/lib/dokku"))));
    // the same JOKKU_LABELS scope as the deploy that started it: it retires only what such a run may touch
    try (Engine engine = Engine.open(env)) {
      Map<String, String> labels = JokkuLabels.parse(env.get(JokkuLabels.VARIABLE));
      Platform p = Platform.of(engine, store, new Out(nowhere, nowhere, true), labels, env, ProxyHook.none(store), false);
      new Retirement(p).retireDue(true);
    }
    System.exit(0);
  }

  private static String value(Map<String, String> env, String key, String fallback) {
    String v = env.get(key);
    return v == null || v.isEmpty() ? fallback : v;
  }
}
