package jokku.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.Out;
import jokku.store.Store;

/**
 * {@code proxy:set --global listen}: moves every proxied app to a new address and port all at once, or not at all.
 * Every app's {@code nginx.conf} is written, the whole nginx configuration is checked once ({@code nginx -t}), then
 * nginx is switched: when jokku runs nginx and the set of listen sockets changes it is restarted (graceful stop, then
 * start), because a reload keeps the old sockets while binding the new ones and so cannot go from
 * {@code 127.0.0.1:80} to {@code 0.0.0.0:80}; otherwise it is reloaded. On any failure the previous setting and files
 * come back and the previous nginx keeps (or resumes) serving. Runs under the proxy lock, so no build writes a file
 * in between.
 */
final class ListenChange {
  private static final Pattern LISTEN = Pattern.compile("(?m)^\\s*listen\\s+([^\\s;]+)");

  private final ProxyService proxy;
  private final Store store;
  private final Out out;
  private final Nginx nginx;

  ListenChange(ProxyService proxy, Store store, Out out) {
    this.proxy = proxy;
    this.store = store;
    this.out = out;
    this.nginx = proxy.nginx();
  }

  void apply(String value) {
    Listen next = Listen.parse(value);
    try (Store.Lock lock = store.lock(ProxyService.LOCK)) {
      String oldValue = proxy.settings().global("listen");
      Listen old = proxy.settings().listen();
      save(value); // the default port map follows the setting, so the apps' files are rendered with it saved
      try {
        Map<String, String> previous = new LinkedHashMap<>();
        Map<String, String> changes = new LinkedHashMap<>();
        Set<String> before = new TreeSet<>();
        Set<String> after = new TreeSet<>();
        for (String app : store.apps()) {
          if (!store.appFileExists(app, ProxyService.CONF)) continue;
          String text = store.readAppFile(app, ProxyService.CONF);
          before.addAll(sockets(text));
          AppConfigPlan plan = proxy.plan(app);
          if (plan.kind() == AppConfigPlan.Kind.KEEP) {
            after.addAll(sockets(text));
            continue;
          }
          previous.put(app, text);
          changes.put(app, plan.text());
          if (plan.text() != null) after.addAll(sockets(plan.text()));
        }
        if (!changes.isEmpty()) switchTo(changes, previous, before, after, old, next);
      } catch (RuntimeException e) {
        save(oldValue);
        throw e;
      }
    }
  }

  private void save(String value) {
    try (Store.Lock global = store.globalLock()) {
      proxy.settings().setGlobal("listen", value);
    }
  }

  private void switchTo(Map<String, String> changes, Map<String, String> previous, Set<String> before, Set<String> after,
      Listen old, Listen next) {
    boolean wasRunning = nginx.running();
    refuseUnbindable(before, after, old, next, wasRunning);
    boolean restarting = false;
    try {
      proxy.prepare();
      for (Map.Entry<String, String> c : changes.entrySet()) {
        if (c.getValue() != null) {
          store.writeAppFile(c.getKey(), ProxyService.CONF, c.getValue());
        } else {
          store.deleteAppFile(c.getKey(), ProxyService.CONF);
          out.verboseQuiet("Deleted " + ProxyService.CONF);
        }
      }
      proxy.check(null);
      boolean managed = nginx.layout().managed();
      if (managed && !wasRunning) {
        if (after.isEmpty()) return;
        out.verboseQuiet("Starting nginx");
        nginx.start();
      } else if (managed && !after.equals(before)) {
        out.verboseQuiet("Restarting nginx");
        restarting = true;
        nginx.stop();
        nginx.start();
      } else {
        out.verboseQuiet("Reloading nginx");
        nginx.reload();
      }
    } catch (RuntimeException e) {
      for (Map.Entry<String, String> p : previous.entrySet()) proxy.restore(p.getKey(), p.getValue());
      String resumed = restarting ? resume() : "";
      if (!(e instanceof DokkuException)) throw e;
      throw new DokkuException("Cannot listen on " + next + ", listen stays " + old + ": " + e.getMessage() + resumed);
    }
  }

  /**
   * Refuses, before any file changes, sockets nginx could not bind: jokku starting nginx (first start, or the restart a
   * change of sockets needs) binds every socket with its own privileges, which over ssh do not include ports below
   * 1024; the running master binds only the new ones on reload. Without this, a restart would stop the master that
   * holds port 80 and fail to start another, leaving nothing serving.
   */
  private void refuseUnbindable(Set<String> before, Set<String> after, Listen old, Listen next, boolean wasRunning) {
    boolean managed = nginx.layout().managed();
    if (managed && !wasRunning && after.isEmpty()) return;
    boolean starting = managed && (!wasRunning || !after.equals(before));
    Set<String> binding = new TreeSet<>(after);
    if (!starting) binding.removeAll(before);
    String refusal = LowPorts.refusal(binding, starting, nginx.master().orElse(0L));
    if (refusal != null) throw new DokkuException("Cannot listen on " + next + ", listen stays " + old + ": " + refusal);
  }

  /** Brings the previous configuration back up after a failed restart; what went wrong, else "". */
  private String resume() {
    try {
      if (nginx.running()) nginx.stop();
      nginx.start();
      return "";
    } catch (DokkuException e) {
      return "; the previous configuration did not start again either: " + e.getMessage();
    }
  }

  /** The {@code listen} arguments (address and port) of an app's configuration. */
  static Set<String> sockets(String config) {
    Set<String> s = new TreeSet<>();
    Matcher m = LISTEN.matcher(config);
    while (m.find()) s.add(m.group(1));
    return s;
  }
}
