package jokku.property;

import java.util.function.UnaryOperator;
import jokku.access.HostReach;

/**
 * One declared property of a plugin ({@code $DOKKU_LIB_ROOT/config/<plugin>/<app|--global>/<key>}): its key, the
 * scopes it has (app, global or both), its default, the values it takes ({@link Check}) and whether a value reaches
 * the host ({@link HostReach}, refused for keys that are not admins). {@link PropertyValues} reads and writes it;
 * the plugin's {@code :set} and {@code :report} are derived from its {@link PluginProperties}. Declared once, in a
 * static field; no reflection.
 */
public final class Property {
  public final String plugin;
  public final String key;
  private boolean app = true;
  private boolean global = true;
  private boolean settable = true;
  private boolean internal;
  private boolean reported = true;
  private boolean computedRow = true;
  private UnaryOperator<String> fallback = app -> "";
  private Check check = Check.ANY;
  private HostReach reach = HostReach.NONE;

  private Property(String plugin, String key) {
    this.plugin = plugin;
    this.key = key;
  }

  /** An app and global property with no default (""). */
  public static Property of(String plugin, String key) {
    return new Property(plugin, key);
  }

  /** Only per app: {@code --global} is refused ("Property cannot be specified globally"). */
  public Property appOnly() {
    global = false;
    return this;
  }

  /** Only global: an app's folder is never read. */
  public Property globalOnly() {
    app = false;
    return this;
  }

  /** Written by jokku itself (e.g. builder {@code detected}): {@code :set} refuses it as read-only. */
  public Property readOnly() {
    settable = false;
    return this;
  }

  /** Read by jokku but not a {@code :set} key: {@code :set} calls it invalid, as any unknown key. */
  public Property internal() {
    settable = false;
    internal = true;
    return this;
  }

  /** In {@code :report} only as its own value ({@code --<plugin>-<key>}), with no computed row. */
  public Property reportsOwnValueOnly() {
    computedRow = false;
    return this;
  }

  /** Left out of the rows {@link PluginProperties#report} derives: its plugin shows it in a row of its own. */
  public Property reportedByPlugin() {
    reported = false;
    return this;
  }

  public Property defaultValue(String value) {
    fallback = app -> value;
    return this;
  }

  /** A default that depends on the app (given "" for the global scope). */
  public Property defaultFor(UnaryOperator<String> byApp) {
    fallback = byApp;
    return this;
  }

  public Property check(Check check) {
    this.check = check;
    return this;
  }

  public Property reach(HostReach reach) {
    this.reach = reach;
    return this;
  }

  public boolean hasApp() {
    return app;
  }

  public boolean hasGlobal() {
    return global;
  }

  public boolean settable() {
    return settable;
  }

  /** Whether {@code :set} knows the key at all (settable or read-only). */
  public boolean known() {
    return !internal;
  }

  /** Whether {@code :report} derives rows from this declaration (internal properties: no). */
  public boolean reported() {
    return reported && !internal;
  }

  /** Whether its {@code :report} has a {@code --<plugin>-computed-<key>} row. */
  public boolean hasComputedRow() {
    return computedRow;
  }

  /** The default for an app ("" for the global scope). */
  public String defaultFor(Scope scope) {
    return fallback.apply(scope.isGlobal() ? "" : scope.app());
  }

  /** Throws Dokku's message for a value this property does not take; "" (unset) always passes. */
  public void checkValue(String value) {
    if (!value.isEmpty()) check.check(value);
  }

  /** Why the value reaches the host, or null when it stays within the app. */
  public String reaches(String value) {
    return reach.why(value);
  }
}
