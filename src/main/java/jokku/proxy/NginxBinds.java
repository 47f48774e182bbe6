package jokku.proxy;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import jokku.DokkuException;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * The {@code listen} sockets a change of one app's proxy configuration makes nginx bind, checked before anything is
 * written ({@link LowPorts#refusal}): when jokku starts nginx, every socket of every app; on a reload, only sockets no
 * app's configuration holds yet (the master keeps the ones it has).
 */
final class NginxBinds {
  private final Store store;
  private final Nginx nginx;

  NginxBinds(Store store, Nginx nginx) {
    this.store = store;
    this.nginx = nginx;
  }

  /** Refuses writing {@code text} as the app's configuration (previously {@code previous}, null: none) when nginx could not bind it. */
  void require(String app, String previous, String text, boolean starting) {
    Set<String> wanted = ListenChange.sockets(text);
    if (!starting && previous != null) wanted.removeAll(ListenChange.sockets(previous));
    refuse(app, wanted, starting);
  }

  /** Refuses port maps whose host ports nginx could not bind, before they are saved ({@code ports:set|add}). */
  void requirePorts(String app, Collection<PortMap> maps, Listen listen) {
    Set<String> wanted = new TreeSet<>();
    for (PortMap m : maps) if (m.scheme().equals("http") || m.scheme().equals("https")) wanted.add(listen.on(m.host()));
    boolean starting = nginx.layout().managed() && !nginx.running();
    if (!starting) wanted.removeAll(socketsOf(app));
    refuse(app, wanted, starting);
  }

  private void refuse(String app, Set<String> wanted, boolean starting) {
    if (LowPorts.low(wanted).isEmpty()) return; // the common case: no low port, no other app's file read
    Set<String> held = new TreeSet<>();
    for (String other : store.apps()) {
      if (!other.equals(app)) held.addAll(socketsOf(other));
    }
    if (starting) wanted.addAll(held);
    else wanted.removeAll(held);
    String refusal = LowPorts.refusal(wanted, starting, nginx.master().orElse(0L));
    if (refusal != null) throw new DokkuException("Cannot proxy " + app + ": " + refusal);
  }

  /** The sockets the app's current configuration listens on; none when it has no configuration. */
  private Set<String> socketsOf(String app) {
    return store.appFileExists(app, ProxyService.CONF) ? ListenChange.sockets(store.readAppFile(app, ProxyService.CONF)) : Set.of();
  }
}
