package jokku.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import jokku.domains.Domains;
import jokku.network.Listeners;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * An app's URLs, as Dokku's {@code urls} prints them: with the proxy on, {@code http://<domain>} for each domain and
 * http port map (with {@code :<port>} unless it is 80); with no domains, the host (listen address,
 * {@code $DOKKU_ROOT/HOSTNAME}, else this machine's name) and the port; with the proxy off, the web listeners. An app
 * with no web listener that the proxy does not serve (never deployed, worker-only) has no URL.
 */
public final class AppUrls {
  private final Store store;

  public AppUrls(Store store) {
    this.store = store;
  }

  public List<String> of(String app) {
    ProxySettings settings = new ProxySettings(store);
    List<String> urls = new ArrayList<>();
    List<String> listeners = new Listeners(store).of(app, "web");
    if (!settings.enabled(app)) {
      for (String l : listeners) urls.add("http://" + l);
      return urls;
    }
    if (listeners.isEmpty() && !store.appFileExists(app, ProxyService.CONF)) return urls;
    List<String> domains = new ArrayList<>(new TreeSet<>(new Domains(store).of(app)));
    String host = domains.isEmpty() ? host(settings.listen()) : null;
    for (PortMap m : ProxySettings.ports(store).effective(app)) {
      if (!m.scheme().equals("http")) continue;
      String port = m.host() == 80 ? "" : ":" + m.host();
      if (host != null) urls.add("http://" + host + port);
      else for (String d : domains) urls.add("http://" + d + port);
    }
    return urls;
  }

  private String host(Listen listen) {
    if (!listen.allAddresses()) return listen.ipv6() ? "[" + listen.address() + "]" : listen.address();
    String named = store.readRootFile("HOSTNAME").trim();
    if (!named.isEmpty()) return named;
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
