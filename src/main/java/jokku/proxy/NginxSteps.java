package jokku.proxy;

import java.util.Locale;
import jokku.DokkuException;
import jokku.Out;

/**
 * The proxy's steps on nginx once an app's file is written: test the whole configuration, reload, or reload an
 * address-only change ({@link AddressChange}) without testing first. Each step says under {@code --trace} what it did
 * and how long it took ({@code  ?     nginx: ...} on stderr, as the engine client traces its requests).
 */
final class NginxSteps {
  private final Nginx nginx;
  private final Out out;

  NginxSteps(Nginx nginx, Out out) {
    this.nginx = nginx;
    this.out = out;
  }

  /** {@code nginx -t}; throws, naming the app ({@code null}: the whole configuration), when nginx rejects it. */
  void test(String app) {
    long t0 = System.nanoTime();
    Nginx.Result t = nginx.test();
    trace("nginx -t -> " + (t.ok() ? "ok" : "rejected"), t0);
    if (t.ok()) return;
    String what = app == null ? "nginx rejected its configuration: " : "nginx rejected the configuration of " + app + ", the previous one stays live: ";
    throw new DokkuException(what + t.error());
  }

  /** Reloads; returns once the new configuration serves new connections (see {@link Nginx#reload}). */
  void reload() {
    long t0 = System.nanoTime();
    nginx.reload();
    trace("reloaded, new configuration serving", t0);
  }

  /**
   * Reloads a configuration whose only change is upstream addresses, without {@code nginx -t} first: the master
   * parses it and keeps the old one if it refuses it. Should it refuse (another file changed by hand meanwhile),
   * {@code nginx -t} names the reason with the usual message; the caller restores the previous file, still served.
   */
  void reloadAddresses(String app) {
    out.trace("nginx: only upstream server addresses changed, reloading without nginx -t");
    try {
      reload();
    } catch (DokkuException e) {
      test(app);
      throw e;
    }
  }

  private void trace(String what, long t0) {
    out.trace(String.format(Locale.ROOT, "nginx: %s (%.1f ms)", what, (System.nanoTime() - t0) / 1e6));
  }
}
