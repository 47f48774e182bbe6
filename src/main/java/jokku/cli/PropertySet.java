package jokku.cli;

import java.util.List;
import java.util.function.Supplier;
import jokku.apps.AppName;
import jokku.property.PluginProperties;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The one {@code <plugin>:set [--global|<app>] <key> [<value>]} (Dokku's {@code CommandPropertySet}), derived from
 * a plugin's {@link PluginProperties}: the scope (the app must exist), the key and the value are checked with the
 * declaration's messages, a value that reaches the host needs an admin key, and only then does the effect run. The
 * default effect says "Setting"/"Unsetting" and writes the value under the scope's lock; a plugin whose change does
 * more (moving apps to another scheduler, rebuilding nginx configs) gives its own.
 */
final class PropertySet implements Command {
  /** What a checked change does. */
  @FunctionalInterface
  interface Effect {
    void apply(Ctx ctx, Scope scope, Property p, String value);
  }

  private final Supplier<PluginProperties> declarations;
  private Effect effect = PropertySet::store;

  private PropertySet(Supplier<PluginProperties> declarations) {
    this.declarations = declarations;
  }

  /**
   * {@code <plugin>:set}, whose usage (in errors) is its {@link CommandSpec}'s. The declarations are read when the
   * command runs: registering every command at start-up initialises no plugin's properties.
   */
  static PropertySet of(Supplier<PluginProperties> declarations) {
    return new PropertySet(declarations);
  }

  PropertySet effect(Effect effect) {
    this.effect = effect;
    return this;
  }

  @Override
  public int run(Ctx ctx, List<String> raw) {
    PluginProperties properties = declarations.get();
    String cmd = properties.plugin + ":set";
    Args a = Args.parse(cmd, raw);
    boolean global = a.has("--global");
    int first = global ? 0 : 1;
    a.atMost(first + 2);
    if (!global) AppName.verify(ctx.store(), a.arg(0));
    Scope scope = global ? Scope.GLOBAL : Scope.app(a.arg(0));
    String key = a.arg(first), value = a.arg(first + 1);
    Property p = properties.check(scope, key, value);
    String why = p.reaches(value);
    if (why != null) ctx.requireHostAccess(properties.plugin + " " + key + " " + value, why);
    effect.apply(ctx, scope, p, value);
    return 0;
  }

  /** Dokku's line for a change: {@code Setting <key> to <value>} or {@code Unsetting <key>}. */
  static void announce(Ctx ctx, String key, String value) {
    ctx.out.info2Quiet(value.isEmpty() ? "Unsetting " + key : "Setting " + key + " to " + value);
  }

  /** The default effect: announce, then write under the scope's lock. */
  static void store(Ctx ctx, Scope scope, Property p, String value) {
    announce(ctx, p.key, value);
    PropertyValues values = new PropertyValues(ctx.store());
    try (Store.Lock l = values.lock(scope)) {
      values.set(p, scope, value);
    }
  }
}
