package jokku.deploy;

import java.util.ArrayList;
import java.util.List;
import jokku.network.Listeners;
import jokku.store.Store;

/**
 * The proxy's two moments in a deploy: after every web instance passed its checks, and again after the
 * attach-post-deploy networks are connected (before old containers are retired); plus the URLs printed at the end.
 */
public interface ProxyHook {
  /** Rebuilds the app's proxy configuration from the current listeners. */
  void build(String app);

  /**
   * The second moment when the deploy changed nothing the proxy reads since the first (no network attached after
   * deploy): a proxy may confirm what it built then instead of building again; the same lines are printed.
   */
  default void buildUnchanged(String app) {
    build(app);
  }

  /** The app's URLs for the deploy's closing lines. */
  List<String> urls(String app);

  /** No proxy: nothing to rebuild; the URLs are the web listeners themselves. */
  static ProxyHook none(Store store) {
    return new ProxyHook() {
      @Override
      public void build(String app) {
        // no proxy configured
      }

      @Override
      public List<String> urls(String app) {
        List<String> l = new ArrayList<>();
        for (String listener : new Listeners(store).of(app, "web")) l.add("http://" + listener);
        return l;
      }
    };
  }
}
