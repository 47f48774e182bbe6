package jokku.proxy;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.store.Store;

/**
 * Where nginx's files live. Managed mode (the default): jokku's own main configuration, pid file, logs and temp
 * folders under {@code $DOKKU_LIB_ROOT/data/nginx-vhosts/_jokku/}. Host mode ({@code proxy:set --global nginx-conf <path>}):
 * the host's main configuration, its pid file and {@code /var/log/nginx}. Both include the per-app
 * {@code $DOKKU_ROOT/<app>/nginx.conf} files and use the error pages in {@code data/nginx-vhosts/dokku-errors}.
 */
public record NginxLayout(
    boolean managed, Path dir, Path mainConf, Path pidFile, Path errorLog, Path logRoot, Path tempDir, Path errorPages, Path appsGlob) {
  /** jokku's own folder in {@code data/nginx-vhosts}: not a valid app name, so no app's data folder can clash with it. */
  public static final String OWN = "_jokku";
  private static final Pattern PID = Pattern.compile("(?m)^\\s*pid\\s+\"?([^\";\\s]+)\"?\\s*;");

  public static NginxLayout of(Store store, ProxySettings settings) {
    Path plugin = store.dataDir("nginx-vhosts").toAbsolutePath();
    Path dir = plugin.resolve(OWN);
    Path errors = plugin.resolve("dokku-errors");
    Path apps = store.root().toAbsolutePath().resolve("*").resolve("nginx.conf");
    String host = settings.nginxConf();
    if (host.isEmpty()) {
      Path logs = dir.resolve("logs");
      return new NginxLayout(true, dir, dir.resolve("nginx.conf"), dir.resolve("nginx.pid"), logs.resolve("error.log"), logs,
          dir.resolve("tmp"), errors, apps);
    }
    Path main = Path.of(host);
    Matcher m = PID.matcher(Store.read(main));
    Path pid = m.find() ? Path.of(m.group(1)) : Path.of("/run/nginx.pid");
    Path logs = Path.of("/var/log/nginx");
    return new NginxLayout(false, dir, main, pid, logs.resolve("error.log"), logs, dir.resolve("tmp"), errors, apps);
  }
}
