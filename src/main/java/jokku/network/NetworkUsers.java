package jokku.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jokku.DokkuLabels;
import jokku.engine.ContainerInfo;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.NetworkInfo;
import jokku.store.Store;

/**
 * Who is on a network besides one app: the other apps whose own network properties ({@code attach-post-create},
 * {@code attach-post-deploy}, {@code initial-network}) name it, and the app of every container attached to it now
 * ({@code com.dokku.app-name}; "" for a container of no app, such as a database started by hand). A key that is not an
 * admin may name a network for its app only when all of them are its apps (see {@code Permissions.requireOwn}).
 */
public final class NetworkUsers {

  private NetworkUsers() {}

  /** The apps other than {@code app} whose own network properties name {@code network}. */
  public static Set<String> configured(Store store, String network, String app) {
    Set<String> users = new TreeSet<>();
    NetworkSettings settings = new NetworkSettings(store);
    for (String other : store.apps()) {
      if (other.equals(app)) continue;
      for (NetworkProperty p : new NetworkProperty[] {NetworkProperty.ATTACH_POST_CREATE, NetworkProperty.ATTACH_POST_DEPLOY, NetworkProperty.INITIAL_NETWORK}) {
        if (NetworkSettings.split(settings.app(other, p)).contains(network)) users.add(other);
      }
    }
    return users;
  }

  /** The apps of the containers on {@code network} now, other than {@code app}'s ("" for a container of no app); none when it does not exist. */
  public static Set<String> attached(Engine engine, String network, String app) {
    Set<String> users = new TreeSet<>();
    NetworkInfo info;
    try {
      info = engine.inspectNetwork(network);
    } catch (EngineException e) {
      if (e.status() == 404) return users; // not created yet: nobody on it
      throw e;
    }
    if (info.containers().isEmpty()) return users;
    Map<String, String> appOf = new HashMap<>();
    for (ContainerInfo c : engine.listContainers(List.of(DokkuLabels.APP), true)) appOf.put(c.id(), c.label(DokkuLabels.APP));
    for (NetworkInfo.Endpoint e : info.containers()) {
      String owner = appOf.getOrDefault(e.id(), "");
      if (!owner.equals(app)) users.add(owner);
    }
    return users;
  }
}
