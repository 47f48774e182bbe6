package jokku.network;

import java.util.ArrayList;
import java.util.List;

/** The six network properties: key, whether a global value is allowed, and the default. */
public enum NetworkProperty {
  ATTACH_POST_CREATE("attach-post-create", true, ""),
  ATTACH_POST_DEPLOY("attach-post-deploy", true, ""),
  BIND_ALL_INTERFACES("bind-all-interfaces", true, "false"),
  INITIAL_NETWORK("initial-network", true, ""),
  STATIC_WEB_LISTENER("static-web-listener", false, ""),
  TLD("tld", true, "");

  public static final String PLUGIN = "network";

  public final String key;
  public final boolean global;
  public final String defaultValue;

  NetworkProperty(String key, boolean global, String defaultValue) {
    this.key = key;
    this.global = global;
    this.defaultValue = defaultValue;
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
