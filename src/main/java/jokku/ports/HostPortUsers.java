package jokku.ports;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import jokku.store.Store;

/**
 * Which apps a host port belongs to: the apps whose port maps (their own, else detected, else the default) use it.
 * The proxy's shared ports are nobody's: the global listen port (every app's default map) and 443, where nginx tells
 * apps apart by their domains. On any other port an app without a domain is nginx's default server for it, so a
 * second app there takes requests meant for the first; a key that is not an admin may map only host ports its own
 * apps use, or no app (see {@code Permissions.requireOwn}).
 */
public final class HostPortUsers {
  static final int HTTPS = 443;

  private HostPortUsers() {}

  /** The host ports of {@code maps} that no app shares by domain: every one but the listen port and 443. */
  public static Set<Integer> unshared(Ports ports, Collection<PortMap> maps) {
    int listen = ports.defaultHostPort();
    Set<Integer> unshared = new TreeSet<>();
    for (PortMap m : maps) if (m.host() != listen && m.host() != HTTPS) unshared.add(m.host());
    return unshared;
  }

  /** The apps other than {@code app} whose port maps use {@code hostPort}. */
  public static Set<String> of(Store store, Ports ports, int hostPort, String app) {
    Set<String> users = new TreeSet<>();
    for (String other : store.apps()) {
      if (other.equals(app)) continue;
      for (PortMap m : ports.effective(other)) if (m.host() == hostPort) users.add(other);
    }
    return users;
  }
}
