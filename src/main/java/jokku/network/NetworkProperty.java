package jokku.network;

import jokku.access.HostReach;
import jokku.property.PluginProperties;
import jokku.property.Property;

/**
 * The six network properties: key, whether a global value is allowed, the default and the host reach, each declared
 * once as a {@link Property} ({@link #property}) that {@link NetworkSettings} reads through the property model.
 */
public enum NetworkProperty {
  ATTACH_POST_CREATE("attach-post-create", true, ""),
  ATTACH_POST_DEPLOY("attach-post-deploy", true, ""),
  BIND_ALL_INTERFACES("bind-all-interfaces", true, "false"),
  INITIAL_NETWORK("initial-network", true, "", NetworkProperty::namespace),
  STATIC_WEB_LISTENER("static-web-listener", false, "",
      HostReach.unless("nginx would send the app's requests to this address instead of the app's containers: any address the host reaches")),
  TLD("tld", true, "");

  public static final String PLUGIN = "network";
  /** The declarations in Dokku's order: the messages of {@code network:set} come from them. */
  public static final PluginProperties PROPERTIES = PluginProperties.of(PLUGIN, declarations());

  public final String key;
  public final boolean global;
  public final String defaultValue;
  /** Whether a value reaches the host or other apps (refused for keys that are not admins); see {@link HostReach}. */
  public final HostReach reach;
  /** This property's declaration in the property model. */
  public final Property property;

  NetworkProperty(String key, boolean global, String defaultValue) {
    this(key, global, defaultValue, HostReach.NONE);
  }

  NetworkProperty(String key, boolean global, String defaultValue, HostReach reach) {
    this.key = key;
    this.global = global;
    this.defaultValue = defaultValue;
    this.reach = reach;
    Property p = Property.of("network", key).defaultValue(defaultValue).reach(reach);
    this.property = global ? p : p.appOnly().reportsOwnValueOnly();
  }

  private static Property[] declarations() {
    NetworkProperty[] all = values();
    Property[] l = new Property[all.length];
    for (int i = 0; i < all.length; i++) l[i] = all[i].property;
    return l;
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

}
