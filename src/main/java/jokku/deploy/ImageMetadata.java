package jokku.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jokku.engine.Engine;
import jokku.engine.ImageConfig;
import jokku.image.ImageFiles;
import jokku.image.Procfile;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * What a deploy reads from the app's image: its config (id, exposed ports, working dir, labels) and the
 * {@code Procfile} and {@code app.json} found in its WORKDIR, copied out through one created-never-started
 * container as Dokku does. After a successful deploy they are committed to {@code data/ps/<app>/Procfile} and
 * {@code data/app-json/<app>/app.json}, and reused while the image is the same.
 */
public record ImageMetadata(ImageConfig image, Procfile procfile, AppJson appJson) {
  private static final String PS = "ps";
  private static final String APP_JSON = "app-json";
  private static final String MARKER = "release-image-id";

  /** The committed copies when they were read from this image, else a fresh read from the image. */
  static ImageMetadata load(Platform p, String app, ImageConfig image) {
    Store s = p.store();
    if (image.id().equals(s.readData(PS, app, MARKER).trim())) {
      String procfile = s.readData(PS, app, "Procfile");
      return new ImageMetadata(image, procfile.isBlank() ? Procfile.empty() : Procfile.parseStrict(procfile),
          AppJson.parse(s.readData(APP_JSON, app, "app.json")));
    }
    String procfilePath = procfilePath(s, app);
    Map<String, Optional<String>> files = new ImageFiles(p.engine(), p.extraLabels()).read(app, image, List.of(procfilePath, "app.json"));
    return new ImageMetadata(image, files.get(procfilePath).map(Procfile::parseStrict).orElse(Procfile.empty()),
        files.get("app.json").map(AppJson::parse).orElse(AppJson.NONE));
  }

  /**
   * The Procfile a one-off container of the app sees (for {@code run <app> <key>}): the committed copy when it was
   * read from this image, else the image's own (lenient: unreadable lines are skipped, nothing fails).
   */
  public static Procfile procfileFor(Store s, Engine engine, Map<String, String> extraLabels, String app, ImageConfig image) {
    if (image.id().equals(s.readData(PS, app, MARKER).trim())) return Procfile.parse(s.readData(PS, app, "Procfile"));
    return new ImageFiles(engine, extraLabels).read(app, image, procfilePath(s, app)).map(Procfile::parse).orElse(Procfile.empty());
  }

  /** The {@code ps} procfile-path property (app, else global, else {@code Procfile}). */
  static String procfilePath(Store store, String app) {
    String v = store.property(PS, app, "procfile-path");
    if (v.isEmpty()) v = store.property(PS, Store.GLOBAL, "procfile-path");
    return v.isEmpty() ? "Procfile" : v;
  }

  /** Records what this deploy ran with; a missing file deletes the committed copy. */
  void commit(Store s, String app) {
    if (!procfile.isEmpty()) s.writeData(PS, app, "Procfile", procfile.text());
    else s.deleteData(PS, app, "Procfile");
    if (appJson.exists()) s.writeData(APP_JSON, app, "app.json", appJson.text());
    else s.deleteData(APP_JSON, app, "app.json");
    s.writeData(PS, app, MARKER, image.id());
  }

  /** Dokku's port detection: each exposed port as {@code http:p:p} ({@code https} for 443, {@code udp} for UDP). */
  List<PortMap> detectedPorts() {
    List<PortMap> l = new ArrayList<>();
    for (String e : image.exposedPorts()) {
      String[] parts = e.split("/");
      if (!parts[0].matches("\\d{1,5}")) continue;
      int port = Integer.parseInt(parts[0]);
      if (port < 1 || port > 65535) continue;
      String proto = parts.length > 1 ? parts[1] : "tcp";
      String scheme = proto.equals("udp") ? "udp" : port == 443 ? "https" : "http";
      l.add(new PortMap(scheme, port, port));
    }
    l.sort(Comparator.comparingInt(PortMap::container).thenComparing(PortMap::scheme));
    return l;
  }
}
