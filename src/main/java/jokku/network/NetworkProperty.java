package jokku.network;

import java.util.ArrayList;
import java.util.List;
import jokku.access.HostReach;

/** The six network properties: key, whether a global value is allowed, and the default. */
public enum NetworkProperty {
  ATTACH_POST_CREATE("attach-post-create", true, ""),
  ATTACH_POST_DEPLOY("attach-post-deploy", true, ""),
  BIND_ALL_INTERFACES("bind-all-interfaces", true, "false"),
  INITIAL_NETWORK("initial-network", true, "", NetworkProperty::namespace),
  STATIC_WEB_LISTENER("static-web-listener", false, "",
      HostReach.unless("nginx would send the app's requests to this address instead of the app's containers: any address the host reaches")),
  TLD("tld", true, "");

  public static final String PLUGIN = "network";

  public final String key;
  public final boolean global;
  public final String defaultValue;
  /** Whether a value reaches the host or other apps (refused for keys that are not admins); see {@link HostReach}. */
  public final HostReach reach;

  NetworkProperty(String key, boolean global, String defaultValue) {
    this(key, global, defaultValue, HostReach.NONE);
  }

  NetworkProperty(String key, boolean global, String defaultValue, HostReach reach) {
    this.key = key;
    this.global = global;
    this.defaultValue = defaultValue;
    this.reach = reach;
  }

  /** {@code initial-network host} or {@code container:<c>}: a namespace beyond the app's. */
  private static String namespace(String value) {
    if (value.equals("host")) return "the containers would share the host's network namespace";
    if (value.startsWith("container:")) return "the containers would share another container's network namespace";
    return null;
  }

  public boolean isList() {
    return this == ATTACH_POST_CREATE || this == ATTACH_POST_DEPLOY;
  }

  public static NetworkProperty of(String key) {
    for (NetworkProperty p : values()) if (p.key.equals(key)) return p;
    return null;
  }

  /** "attach-post-create, attach-post-deploy, ..." in Dokku's order. */
  public static String validKeys() {
    List<String> keys = new ArrayList<>();
    for (NetworkProperty p : values()) keys.add(p.key);
    return String.join(", ", keys);
  }
}
