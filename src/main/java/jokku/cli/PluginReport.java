package jokku.cli;

import java.util.List;
import java.util.Map;
import jokku.apps.AppName;
import jokku.property.Scope;

/**
 * The one {@code <plugin>:report [<app>|--global] [--format stdout|json] [<flag>]} command every plugin uses.
 * A plugin only says which flags and values an app (or {@code --global}) has; this class parses the arguments
 * ({@link ReportView#parse}), checks the app (exit 20 when missing), the format and the info flag, prints the
 * text, single-value or JSON form, and loops over every app when none is named (with no apps: Dokku's warning
 * and exit 0). Register it directly, as it is a {@link Command}:
 *
 * <pre>{@code
 * r.command("nginx:report", PluginReport.of("nginx", (ctx, scope) -> flags).global().strippedKeys());
 * }</pre>
 */
public final class PluginReport implements Command {
  public static final String NO_APPS = "You haven't deployed any applications yet";

  /** A plugin's flags ({@code --<type>-...}) and values for one app, or for the global scope. */
  @FunctionalInterface
  public interface Values {
    Map<String, String> of(Ctx ctx, Scope scope);
  }

  private final String plugin;
  private final Values values;
  private String type;
  private String title;
  private boolean global;
  private ReportView.Keys keys = ReportView.Keys.FLAG;

  private PluginReport(String plugin, Values values) {
    this.plugin = plugin;
    this.values = values;
    this.type = plugin;
    this.title = plugin;
  }

  /** The report of {@code <plugin>:report}; its flags start {@code --<plugin>-} unless {@link #type} says otherwise. */
  public static PluginReport of(String plugin, Values values) {
    return new PluginReport(plugin, values);
  }

  /** Accepts {@code --global}: the values are then asked for {@link Scope#GLOBAL}. */
  public PluginReport global() {
    global = true;
    return this;
  }

  /** JSON carries each {@code --<type>-x} flag twice: as {@code <type>-x} and as {@code x} (Dokku's Go plugins). */
  public PluginReport strippedKeys() {
    keys = ReportView.Keys.BOTH;
    return this;
  }

  /** JSON carries each {@code --<type>-x} flag as {@code x} only (Dokku's newer Go reports: nginx, ssl, builder). */
  public PluginReport strippedKeysOnly() {
    keys = ReportView.Keys.STRIPPED;
    return this;
  }

  /** The flags' prefix word, also the header's ({@code apps:report} prints {@code app information}). */
  public PluginReport type(String type) {
    this.type = type;
    this.title = type;
    return this;
  }

  /** The header's word when it differs from the type ({@code docker options information}). */
  public PluginReport title(String title) {
    this.title = title;
    return this;
  }

  @Override
  public int run(Ctx ctx, List<String> raw) {
    ReportView.Request r = ReportView.parse(plugin, raw, global);
    if (!r.app().isEmpty()) AppName.verify(ctx.store(), r.app());
    ReportView.checkFormat(r);
    if (r.global()) {
      print(ctx, r, Scope.GLOBAL, Map.of());
      return 0;
    }
    if (!r.app().isEmpty()) {
      print(ctx, r, Scope.app(r.app()), Map.of());
      return 0;
    }
    List<String> apps = ctx.visibleApps();
    if (apps.isEmpty()) {
      ctx.out.warn(NO_APPS);
      return 0;
    }
    for (String app : apps) print(ctx, r, Scope.app(app), Map.of("app", app));
    return 0;
  }

  /** One scope's report; the header names the app, or {@code --global} as the command line does. */
  private void print(Ctx ctx, ReportView.Request r, Scope scope, Map<String, String> extra) {
    Map<String, String> flags = values.of(ctx, scope);
    ReportView.checkFlag(r, flags.keySet());
    ReportView.print(ctx.out, type, title, scope.isGlobal() ? "--global" : scope.app(), flags, r, keys, extra);
  }
}
