package jokku.proxy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jokku.Out;

/**
 * Per app, the {@code nginx.conf} one {@link ProxyService} last wrote and nginx confirmed, with the lines its plan
 * printed: a deploy's second build, when the deploy changed nothing the proxy reads since the first, prints them
 * again instead of reading every setting and rendering the file again ({@link ProxyService#buildUnchanged}).
 */
final class ConfirmedBuilds {
  /** The lines a plan prints for a file it rendered: one per domain, then the file's kind. */
  record Printed(List<String> domains, boolean https) {
    void print(Out out) {
      for (String d : domains) out.info1Quiet("Configuring " + d + "...(using built-in template)");
      out.info1Quiet(https ? "Creating https nginx.conf" : "Creating http nginx.conf");
    }
  }

  private record Built(String text, Printed printed) {}

  private final Map<String, Built> built = new HashMap<>();

  void confirmed(String app, String text, Printed printed) {
    built.put(app, new Built(text, printed));
  }

  void forget(String app) {
    built.remove(app);
  }

  /** Prints what the app's confirmed build printed when {@code onDisk} is still the file it wrote; false otherwise. */
  boolean replay(String app, String onDisk, Out out) {
    Built b = built.get(app);
    if (b == null || !b.text().equals(onDisk)) return false;
    b.printed().print(out);
    out.verboseQuiet(ProxyService.CONF + " unchanged, nginx not reloaded");
    return true;
  }
}
