package jokku.proxy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why nginx could not bind a port below 1024: only root, or a process with CAP_NET_BIND_SERVICE, may. jokku runs as
 * the dokku user; the capability comes with the jokku-nginx service's drop-in and with jokku run by root (which
 * re-executes itself as dokku keeping just that one), never with a plain ssh command. nginx's own line says only
 * "Permission denied", so this names the way out.
 */
final class LowPorts {
  private static final Pattern DENIED = Pattern.compile("bind\\(\\) to \\S*:(\\d+) failed \\(13: Permission denied\\)");

  private LowPorts() {}

  /** nginx's error line, with what to do added when it is a low port this process may not bind; else as it is. */
  static String explain(String nginxError) {
    Matcher m = DENIED.matcher(nginxError);
    if (!m.find() || Integer.parseInt(m.group(1)) >= 1024) return nginxError;
    return nginxError + "; ports below 1024 need CAP_NET_BIND_SERVICE, which nginx gets when the jokku-nginx service"
        + " or root starts it (systemctl start jokku-nginx, or jokku proxy:start as root)";
  }
}
