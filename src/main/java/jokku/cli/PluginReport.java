package jokku.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jokku.DokkuException;
import jokku.store.Store;

/** A whole {@code <plugin>:report [<app>|--global] [--format stdout|json] [<flag>]} command on top of {@link ReportView}. */
final class PluginReport {
  private PluginReport() {}

  /**
   * @param values the report's flags and values for an app, or for {@code --global} (checking the app is the function's job)
   */
  static int run(Ctx ctx, String type, List<String> raw, boolean hasGlobal, boolean strippedKeys, Function<String, Map<String, String>> values) {
    ReportView.Request r = ReportView.parse(type, raw, hasGlobal);
    ReportView.checkFormat(r);
    if (r.global()) {
      Map<String, String> flags = values.apply(Store.GLOBAL);
      ReportView.checkFlag(r, flags.keySet());
      ReportView.print(ctx.out, type, Store.GLOBAL, flags, r, strippedKeys, Map.of());
      return 0;
    }
    List<String> targets = r.app().isEmpty() ? ctx.store().apps() : List.of(r.app());
    if (targets.isEmpty()) throw new DokkuException("You haven't deployed any applications yet");
    for (String app : targets) {
      Map<String, String> flags = values.apply(app);
      ReportView.checkFlag(r, flags.keySet());
      ReportView.print(ctx.out, type, app, flags, r, strippedKeys, r.app().isEmpty() ? Map.of("app", app) : Map.of());
    }
    return 0;
  }
}
