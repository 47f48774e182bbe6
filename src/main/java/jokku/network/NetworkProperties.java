package jokku.network;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * {@code network:set}: validates a value for one of the six properties, then writes it (or clears it) under the
 * app's (or {@code --global}'s) lock. Validation is complete before anything is written.
 */
public final class NetworkProperties {
  /** Networks a container can never be attached to after creation. */
  public static final Set<String> NOT_ATTACHABLE = Set.of("host", "bridge", "none");
  private static final Pattern TLD = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");

  /** A validated change: the value to store ("" clears) and the networks it names. */
  public record Change(Scope scope, NetworkProperty property, String value, List<String> networks) {
    public boolean clears() {
      return value.isEmpty();
    }
  }

  private final Store store;
  private final NetworkSettings settings;

  public NetworkProperties(Store store) {
    this.store = store;
    this.settings = new NetworkSettings(store);
  }

  /** The property named by a key, with Dokku's messages for a missing or unknown one and for a bad global. */
  public static NetworkProperty property(Scope scope, String key) {
    return NetworkProperty.of(NetworkProperty.PROPERTIES.settable(scope, key).key);
  }

  /** Checks the words given for a property and turns them into the stored value. The app must exist. */
  public Change validate(Scope scope, String key, List<String> words) {
    NetworkProperty p = property(scope, key);
    if (p.isList()) {
      List<String> networks = attachList(scope, p, words);
      return new Change(scope, p, String.join(",", networks), networks);
    }
    if (words.size() > 1) {
      throw new DokkuException("Property " + p.key + " takes a single value, got " + words.size() + ": " + String.join(" ", words));
    }
    String v = words.isEmpty() ? "" : words.get(0);
    if (v.isEmpty()) return new Change(scope, p, "", List.of());
    switch (p) {
      case BIND_ALL_INTERFACES:
        if (!v.equals("true") && !v.equals("false")) throw new DokkuException("Invalid value for bind-all-interfaces: '" + v + "' (expected true or false)");
        return new Change(scope, p, v, List.of());
      case INITIAL_NETWORK:
        NetworkService.validateName(v);
        return new Change(scope, p, v, List.of(v));
      case STATIC_WEB_LISTENER:
        if (!Addresses.isHostPort(v)) throw new DokkuException("Invalid static-web-listener '" + v + "': expected host:port, such as 10.0.0.5:8080");
        return new Change(scope, p, v, List.of());
      case TLD:
        if (!TLD.matcher(v).matches()) throw new DokkuException("Invalid tld '" + v + "': expected lowercase DNS labels such as svc.cluster.local");
        return new Change(scope, p, v, List.of());
      default:
        throw new IllegalStateException(p.key);
    }
  }

  /**
   * Network names for an attach property: words may also be comma-separated lists; duplicates are dropped; names
   * follow the engine's rule; {@code host}, {@code bridge} and {@code none} are refused, as is a network already
   * named by the other attach property (its computed value for an app, its global value for {@code --global}).
   */
  private List<String> attachList(Scope scope, NetworkProperty p, List<String> words) {
    Set<String> names = new LinkedHashSet<>();
    for (String w : words) for (String n : w.split(",")) if (!n.isEmpty()) names.add(n);
    NetworkProperty other = p == NetworkProperty.ATTACH_POST_CREATE ? NetworkProperty.ATTACH_POST_DEPLOY : NetworkProperty.ATTACH_POST_CREATE;
    List<String> taken = scope.isGlobal() ? NetworkSettings.split(settings.global(other)) : settings.computedList(scope.app(), other);
    for (String n : names) {
      if (NOT_ATTACHABLE.contains(n)) throw new DokkuException("Invalid network name specified for attach: " + n);
      NetworkService.validateName(n);
      if (taken.contains(n)) {
        throw new DokkuException(scope.isGlobal()
            ? "Network name already associated globally with " + other.key + ": " + n
            : "Network name already associated with this app: " + n);
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * Writes a validated change under the scope's lock, checking again that the app still exists and that the other
   * attach property has not taken one of the networks meanwhile.
   */
  public void apply(Change c) {
    try (Store.Lock l = store.lock(c.scope().folder())) {
      if (!c.scope().isGlobal() && !store.appExists(c.scope().app())) throw DokkuException.appMissing(c.scope().app());
      if (c.property().isList()) attachList(c.scope(), c.property(), c.networks());
      settings.set(c.scope(), c.property(), c.value());
    }
  }
}
