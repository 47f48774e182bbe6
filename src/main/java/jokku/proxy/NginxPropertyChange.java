package jokku.proxy;

import java.util.Map;
import jokku.DokkuException;
import jokku.Out;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * {@code nginx:set [--global|<app>] <property> [<value>]}: the value is checked against the directive's shape, then
 * tried by nginx itself in a sample server, and only then stored; the apps it applies to are rebuilt at once. When
 * nginx rejects a rebuilt configuration, the previous value comes back and nginx keeps serving the previous files.
 */
public final class NginxPropertyChange {
  private final ProxyService proxy;
  private final Store store;
  private final Out out;

  public NginxPropertyChange(ProxyService proxy, Store store, Out out) {
    this.proxy = proxy;
    this.store = store;
    this.out = out;
  }

  public void apply(Scope scope, NginxProperty p, String value) {
    p.check(value);
    NginxSettings settings = proxy.nginxSettings();
    boolean global = scope.isGlobal();
    if (proxy.nginx().installed()) {
      String sample = global ? "jokku-sample" : scope.app();
      Map<NginxProperty, String> props = settings.computed(sample);
      String fallback = global ? "" : settings.global(p);
      props.put(p, !value.isEmpty() ? value : !fallback.isEmpty() ? fallback : p.fallback(sample, proxy.nginx().layout().logRoot()));
      new NginxTrial(proxy.nginx()).value(sample, props, store.appDir(sample).toAbsolutePath());
    }
    String previous = settings.raw(scope, p);
    out.info2Quiet(value.isEmpty() ? "Unsetting " + p.key : "Setting " + p.key + " to " + value);
    save(settings, scope, p, value);
    try {
      rebuild(scope);
    } catch (DokkuException e) {
      save(settings, scope, p, previous);
      if (global) proxy.rebuildConfigured(app -> true);
      throw e;
    }
  }

  private void save(NginxSettings settings, Scope scope, NginxProperty p, String value) {
    try (Store.Lock lock = store.lock(scope.folder())) {
      settings.set(scope, p, value);
    }
  }

  private void rebuild(Scope scope) {
    if (!scope.isGlobal()) {
      if (store.appFileExists(scope.app(), ProxyService.CONF)) proxy.build(scope.app());
      return;
    }
    int failed = proxy.rebuildConfigured(app -> true);
    if (failed > 0) throw new DokkuException("nginx rejected the new value for " + failed + " app(s); the previous value stays");
  }
}
