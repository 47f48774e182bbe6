package jokku.proxy;

import java.util.List;
import jokku.DokkuException;
import jokku.Out;
import jokku.store.Store;

/**
 * {@code nginx:validate-config [<app>] [--clean]}, as Dokku does it: when {@code nginx -t} accepts the whole
 * configuration nothing is printed; otherwise each app's {@code nginx.conf} is tried on its own, a rejected one is
 * shown (and with {@code --clean} removed, nginx reloaded), and the command fails while nginx still refuses.
 */
public final class NginxValidation {
  private final ProxyService proxy;
  private final Store store;
  private final Out out;

  public NginxValidation(ProxyService proxy, Store store, Out out) {
    this.proxy = proxy;
    this.store = store;
    this.out = out;
  }

  public void validate(List<String> apps, boolean clean) {
    Nginx nginx = proxy.nginx();
    try (Store.Lock lock = store.lock(ProxyService.LOCK)) {
      if (nginx.test().ok()) return;
      boolean removed = false;
      for (String app : apps) {
        if (!store.appFileExists(app, ProxyService.CONF)) {
          if (!out.quiet()) out.warn("No nginx config found for " + app);
          continue;
        }
        if (new NginxTrial(nginx).app(store.appDir(app).resolve(ProxyService.CONF).toAbsolutePath()).ok()) continue;
        out.warn("Failed to validate nginx config for " + app + ". Contents below...");
        out.print(store.readAppFile(app, ProxyService.CONF));
        if (clean) {
          out.warn("Removing invalid nginx file");
          store.deleteAppFile(app, ProxyService.CONF);
          removed = true;
        }
      }
      Nginx.Result after = nginx.test();
      if (!after.ok()) throw new DokkuException("nginx rejects its configuration: " + after.error());
      if (removed && nginx.running()) nginx.reload();
    }
  }
}
