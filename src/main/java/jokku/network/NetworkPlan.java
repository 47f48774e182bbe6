package jokku.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Which networks a container of an app joins at each moment of its life, and under which DNS aliases. Pure logic
 * over the computed properties: callers do the engine work.
 */
public final class NetworkPlan {
  /** A network to connect, with the aliases to register on it (empty for run, build and task containers). */
  public record Attachment(String network, List<String> aliases) {}

  private final NetworkSettings settings;

  public NetworkPlan(NetworkSettings settings) {
    this.settings = settings;
  }

  /** The network the container is created on ({@code HostConfig.NetworkMode}); "" means the engine's default bridge. */
  public String initialNetwork(String app) {
    return settings.computed(app, NetworkProperty.INITIAL_NETWORK);
  }

  /** The network whose IP address is the container's listener: the initial network, else {@code bridge}. */
  public String addressNetwork(String app) {
    String n = initialNetwork(app);
    return n.isEmpty() ? "bridge" : n;
  }

  /** {@code <app>.<proc>[.<tld>]} and {@code <hostname>.<app>.<proc>[.<tld>]}; none unless it is a deploy container. */
  public List<String> aliases(String app, String proc, String hostname, boolean deploy) {
    if (!deploy || proc == null || proc.isEmpty()) return List.of();
    return aliases(app, proc, hostname, settings.computed(app, NetworkProperty.TLD));
  }

  /** {@code <app>.<proc>[.<tld>]} and, with a hostname, {@code <hostname>.<app>.<proc>[.<tld>]}. */
  public static List<String> aliases(String app, String proc, String hostname, String tld) {
    String alias = app + "." + proc + (tld.isEmpty() ? "" : "." + tld);
    List<String> l = new ArrayList<>();
    l.add(alias);
    if (hostname != null && !hostname.isEmpty()) l.add(hostname + "." + alias);
    return l;
  }

  /** Every attach-post-create network (all of them, unlike Dokku), in the configured order. */
  public List<Attachment> postCreate(String app, String proc, String hostname, boolean deploy) {
    return attachments(app, NetworkProperty.ATTACH_POST_CREATE, proc, hostname, deploy);
  }

  /** Every attach-post-deploy network, with deploy aliases. */
  public List<Attachment> postDeploy(String app, String proc, String hostname) {
    return attachments(app, NetworkProperty.ATTACH_POST_DEPLOY, proc, hostname, true);
  }

  private List<Attachment> attachments(String app, NetworkProperty p, String proc, String hostname, boolean deploy) {
    List<Attachment> l = new ArrayList<>();
    List<String> aliases = aliases(app, proc, hostname, deploy);
    for (String n : settings.computedList(app, p)) l.add(new Attachment(n, aliases));
    return l;
  }

  /** True when web containers publish their exposed ports on all interfaces. */
  public boolean bindAllInterfaces(String app) {
    return "true".equals(settings.computed(app, NetworkProperty.BIND_ALL_INTERFACES));
  }

  /** The app's static web listener ({@code host:port}), or "". */
  public String staticWebListener(String app) {
    return settings.app(app, NetworkProperty.STATIC_WEB_LISTENER);
  }
}
