package jokku.proxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * Runs {@code nginx -t} on configurations that are not (yet) live: one app's {@code nginx.conf} on its own
 * ({@code nginx:validate-config}), or a sample server rendered with a property value before {@code nginx:set}
 * stores it. Each is wrapped in a main configuration of its own in jokku's nginx folder, then removed.
 */
final class NginxTrial {
  private final Nginx nginx;

  NginxTrial(Nginx nginx) {
    this.nginx = nginx;
  }

  /** nginx's verdict on one app file, included alone. */
  Nginx.Result app(Path conf) {
    NginxLayout l = nginx.layout();
    Path dir = l.dir();
    Store.mkdirs(dir);
    Store.mkdirs(l.logRoot());
    Store.mkdirs(l.tempDir());
    Path main = null;
    try {
      main = Files.createTempFile(dir, ".trial-", ".conf");
      NginxLayout alone = new NginxLayout(l.managed(), dir, main, dir.resolve("trial.pid"), l.errorLog(), l.logRoot(), l.tempDir(), l.errorPages(), conf);
      Store.writeAtomic(main, NginxMainConfig.render(alone, ""), false);
      return nginx.test(main);
    } catch (java.io.IOException e) {
      throw new DokkuException("Cannot write a trial nginx configuration in " + dir + ": " + e.getMessage());
    } finally {
      if (main != null) Store.delete(main);
    }
  }

  /** Refuses a property value nginx rejects, trying it in a sample server of the app (a certificate-less http one). */
  void value(String app, Map<NginxProperty, String> props, Path appDir) {
    NginxLayout l = nginx.layout();
    NginxAppConfig.Input in = new NginxAppConfig.Input(app, List.of(), List.of(new PortMap("http", 80, 5000)), List.of("127.0.0.1:5000"),
        false, new Listen("127.0.0.1", 80), false, appDir, l.logRoot(), l.errorPages(), props, null);
    Path conf = null;
    try {
      Store.mkdirs(l.dir());
      conf = Files.createTempFile(l.dir(), ".trial-app-", ".conf");
      Store.writeAtomic(conf, NginxAppConfig.render(in), false);
      Nginx.Result r = app(conf);
      if (!r.ok()) throw new DokkuException("nginx rejects this value: " + r.error().replace(" in " + conf + ":", " at line ").replaceFirst(" at line \\d+$", ""));
    } catch (java.io.IOException e) {
      throw new DokkuException("Cannot write a trial nginx configuration in " + l.dir() + ": " + e.getMessage());
    } finally {
      if (conf != null) Store.delete(conf);
    }
  }
}
