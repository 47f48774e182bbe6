package jokku.proxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import jokku.Out;
import jokku.certs.Certificates;
import jokku.domains.Domains;
import jokku.network.Listeners;
import jokku.network.NetworkProperty;
import jokku.network.NetworkSettings;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * What building an app's proxy does to its {@code nginx.conf}: leave it, remove it, or write {@code text}, worked out
 * from the current settings ({@link #of}, which prints Dokku's lines and changes nothing). {@code printed} is what a
 * written file's plan printed, when no warning came first: a deploy's second build may replay it
 * ({@link ConfirmedBuilds}).
 */
record AppConfigPlan(Kind kind, String text, ConfirmedBuilds.Printed printed) {
  enum Kind { KEEP, REMOVE, WRITE }

  static final AppConfigPlan KEEP = new AppConfigPlan(Kind.KEEP, null, null);
  static final AppConfigPlan REMOVE = new AppConfigPlan(Kind.REMOVE, null, null);

  static AppConfigPlan of(Store store, Out out, ProxySettings settings, NginxLayout l, Supplier<NginxSettings> nginx, String app) {
    if (!settings.enabled(app)) {
      out.info1Quiet("Nginx support is disabled for app (" + app + ")");
      return REMOVE;
    }
    if (!settings.type(app).equals("nginx")) return KEEP;
    List<String> listeners = new Listeners(store).of(app, "web");
    if (listeners.isEmpty()) {
      if (!out.quiet()) out.warn("No web listeners specified for " + app);
      if (!store.appFileExists(app, ProxyService.CONF)) return KEEP;
    }
    Path tls = Certificates.dir(store, app);
    List<PortMap> http = servedMaps(store, out, app, tls != null);
    if (http.isEmpty()) {
      out.warn("No http port mappings for " + app + ", so it is not proxied");
      return REMOVE;
    }
    List<String> domains = new ArrayList<>(new TreeSet<>(new Domains(store).of(app)));
    String staticListener = new NetworkSettings(store).app(app, NetworkProperty.STATIC_WEB_LISTENER);
    String text = NginxAppConfig.render(new NginxAppConfig.Input(app, domains, http, listeners, !staticListener.isEmpty(),
        settings.listen(), ipv6(), store.appDir(app).toAbsolutePath(), l.logRoot(), l.errorPages(), nginx.get().computed(app), tls));
    ConfirmedBuilds.Printed lines = new ConfirmedBuilds.Printed(domains, tls != null);
    lines.print(out);
    return new AppConfigPlan(Kind.WRITE, text, listeners.isEmpty() ? null : lines); // with no listener a warning came first: not replayed
  }

  /** The maps the template serves: http, and https when the app has a certificate (skipped without, as Dokku does). */
  private static List<PortMap> servedMaps(Store store, Out out, String app, boolean tls) {
    List<PortMap> l = new ArrayList<>();
    for (PortMap m : ProxySettings.ports(store).effective(app)) {
      if (m.scheme().equals("http") || tls && m.scheme().equals("https")) l.add(m);
      else if (m.scheme().equals("https")) out.info1Quiet("Ignoring detected https port mapping without an accompanying ssl certificate (" + m + ")");
    }
    return l;
  }

  private static boolean ipv6() {
    Path f = Path.of("/proc/net/if_inet6");
    return Files.isRegularFile(f) && !Store.read(f).isBlank();
  }
}
