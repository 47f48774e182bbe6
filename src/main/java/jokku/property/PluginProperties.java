package jokku.property;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;

/**
 * A plugin's declared properties, in Dokku's order, and the words its {@code :set} uses for a missing or unknown
 * one (Dokku's plugins say "property" or "key"). {@link #settable} turns the key of a {@code :set} into its
 * declaration, with Dokku's messages; the value is then {@link #check checked}. {@link #report} derives the
 * {@code <plugin>:report} rows.
 */
public final class PluginProperties {
  public final String plugin;
  private final List<Property> properties;
  private String word = "property";
  private boolean listWhenMissing;
  private boolean computedGlobally = true;

  /** How a report computes a property's value in a scope (most plugins: {@link PropertyValues#computed}). */
  @FunctionalInterface
  public interface Computed {
    String of(Property p, Scope scope);
  }

  private PluginProperties(String plugin, List<Property> properties) {
    this.plugin = plugin;
    this.properties = properties;
  }

  public static PluginProperties of(String plugin, Property... properties) {
    return new PluginProperties(plugin, List.of(properties));
  }

  /** Messages say "key" ("No key specified", "Invalid key specified, valid keys include: ..."). */
  public PluginProperties saysKey() {
    word = "key";
    return this;
  }

  /** A missing key names the valid ones too ({@code ps:set}). */
  public PluginProperties listsKeysWhenMissing() {
    listWhenMissing = true;
    return this;
  }

  /** The {@code --global} report shows the global values only, no computed ones (Dokku's builder and nginx). */
  public PluginProperties globalReportWithoutComputed() {
    computedGlobally = false;
    return this;
  }

  public List<Property> all() {
    return properties;
  }

  /** {@link #report(PropertyValues, Scope, Computed)} with the model's "app, else global, else default". */
  public Map<String, String> report(PropertyValues values, Scope scope) {
    return report(values, scope, values::computed);
  }

  /**
   * The report rows of the declared properties, in Dokku's format: for each {@link Property#reported} one, in an
   * app's report {@code --<plugin>-<key>} (the app's own value) when it has the app scope, {@code
   * --<plugin>-global-<key>} when it has the global scope, and {@code --<plugin>-computed-<key>} (unless {@link
   * Property#reportsOwnValueOnly}); the {@code --global} report has the global and computed rows of the global
   * properties. The plugin adds its rows that are not properties.
   */
  public Map<String, String> report(PropertyValues values, Scope scope, Computed computed) {
    Map<String, String> rows = new LinkedHashMap<>();
    String prefix = "--" + plugin + "-";
    for (Property p : properties) {
      if (!p.reported() || scope.isGlobal() && !p.hasGlobal()) continue;
      if (!scope.isGlobal() && p.hasApp()) rows.put(prefix + p.key, values.get(p, scope));
      if (p.hasGlobal()) rows.put(prefix + "global-" + p.key, values.global(p));
      if (p.hasComputedRow() && (computedGlobally || !scope.isGlobal())) rows.put(prefix + "computed-" + p.key, computed.of(p, scope));
    }
    return rows;
  }

  /** The declaration of a key {@code :set} knows, or null. */
  public Property find(String key) {
    for (Property p : properties) if (p.key.equals(key) && p.known()) return p;
    return null;
  }

  /** The settable keys, comma-separated, in declaration order. */
  public String validKeys() {
    List<String> keys = new ArrayList<>();
    for (Property p : properties) if (p.settable()) keys.add(p.key);
    return String.join(", ", keys);
  }

  /** The property a {@code :set} names in a scope, refused with Dokku's messages when missing, unknown or read-only. */
  public Property settable(Scope scope, String key) {
    if (key == null || key.isEmpty()) {
      throw new DokkuException("No " + word + " specified" + (listWhenMissing ? ", valid " + plural() + " include: " + validKeys() : ""));
    }
    Property p = find(key);
    if (p != null && !p.settable()) throw new DokkuException(key + " is a read-only property");
    if (p == null) throw new DokkuException("Invalid " + word + " specified, valid " + plural() + " include: " + validKeys());
    if (scope.isGlobal() && !p.hasGlobal()) throw new DokkuException("Property cannot be specified globally");
    return p;
  }

  /** {@link #settable}, then the value's check. */
  public Property check(Scope scope, String key, String value) {
    Property p = settable(scope, key);
    p.checkValue(value);
    return p;
  }

  private String plural() {
    return word.equals("key") ? "keys" : "properties";
  }
}
