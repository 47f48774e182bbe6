package jokku.proxy;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.store.Store;

/**
 * Ports below 1024: only root, or a process with CAP_NET_BIND_SERVICE, may bind them. jokku runs as the dokku user;
 * the capability comes with the jokku-nginx service's drop-in and with jokku run by root (which re-executes itself as
 * dokku keeping just that one), never with a plain ssh command. Which process binds a new {@code listen} socket
 * depends on the switch: nginx started by jokku (a first start, or the restart a listen change needs) binds with
 * jokku's own privileges, a reload with the running master's. A change whose binder cannot bind is refused before
 * anything changes ({@link #refusal}); nginx's own line, when it fails anyway, says only "Permission denied", so
 * {@link #explain} names the way out.
 */
final class LowPorts {
  private static final long CAP_NET_BIND_SERVICE = 1L << 10;
  private static final Pattern DENIED = Pattern.compile("bind\\(\\) to \\S*:(\\d+) failed \\(13: Permission denied\\)");
  private static final Pattern PORT = Pattern.compile("(?:^|:)(\\d+)$");
  private static final String WAY_OUT = "ports below 1024 need CAP_NET_BIND_SERVICE, which nginx gets when the jokku-nginx service"
      + " or root starts it (systemctl start jokku-nginx, or jokku proxy:start as root)";

  private LowPorts() {}

  /** nginx's error line, with what to do added when it is a low port this process may not bind; else as it is. */
  static String explain(String nginxError) {
    Matcher m = DENIED.matcher(nginxError);
    if (!m.find() || Integer.parseInt(m.group(1)) >= 1024) return nginxError;
    return nginxError + "; " + WAY_OUT;
  }

  /**
   * Why nginx cannot take {@code sockets} ({@code listen} arguments: {@code 80}, {@code 127.0.0.1:80},
   * {@code [::]:80}), or null when it can: when {@code starting}, jokku starts nginx, which binds with this process's
   * privileges; otherwise the running master ({@code master}, its pid) binds them on reload. Sockets with a port of
   * 1024 or above never need a privilege.
   */
  static String refusal(Collection<String> sockets, boolean starting, long master) {
    Set<String> low = low(sockets);
    if (low.isEmpty()) return null;
    if (starting ? mayBind(Path.of("/proc/self/status")) : mayBind(Path.of("/proc", Long.toString(master), "status"))) return null;
    String binder = starting
        ? "jokku would start nginx as " + System.getProperty("user.name") + " without CAP_NET_BIND_SERVICE"
        : "the running nginx master (pid " + master + ") lacks CAP_NET_BIND_SERVICE";
    return "nginx would have to bind " + String.join(" ", low) + ", and " + binder + "; " + WAY_OUT;
  }

  /** The sockets among {@code sockets} whose port is below 1024. */
  static Set<String> low(Collection<String> sockets) {
    Set<String> low = new TreeSet<>();
    for (String s : sockets) {
      Matcher m = PORT.matcher(s);
      if (m.find() && m.group(1).length() <= 4 && Integer.parseInt(m.group(1)) < 1024) low.add(s);
    }
    return low;
  }

  /** Whether this process may bind ports below 1024: root, or CAP_NET_BIND_SERVICE in its effective set. */
  static boolean mayBindHere() {
    return mayBind(Path.of("/proc/self/status"));
  }

  /** Whether the process whose {@code /proc/<pid>/status} this is has CAP_NET_BIND_SERVICE in its effective set. */
  private static boolean mayBind(Path status) {
    for (String line : Store.read(status).split("\n")) {
      if (line.startsWith("CapEff:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & CAP_NET_BIND_SERVICE) != 0;
    }
    return true; // no such file: not Linux (nothing to work around), or a master gone (the reload says so)
  }
}
