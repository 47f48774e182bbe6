package jokku.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jokku.engine.EngineException;
import jokku.engine.ImageInfo;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * What a deploy reads from the app's image: its config (id, exposed ports, working dir, labels) and the
 * {@code Procfile} and {@code app.json} found in its WORKDIR. Like Dokku, the files are copied out of a
 * created-never-started temporary container; after a successful deploy they are committed to
 * {@code data/ps/<app>/Procfile} and {@code data/app-json/<app>/app.json}, and reused while the image is the same.
 */
public record ImageMetadata(ImageInfo image, Procfile procfile, AppJson appJson) {
  private static final String PS = "ps";
  private static final String APP_JSON = "app-json";
  private static final String MARKER = "release-image-id";

  /** The committed copies when they were read from this image, else a fresh read from the image. */
  static ImageMetadata load(Platform p, String app, ImageInfo image) {
    Store s = p.store();
    if (image.id().equals(s.readData(PS, app, MARKER).trim())) {
      String procfile = s.readData(PS, app, "Procfile");
      return new ImageMetadata(image, procfile.isBlank() ? Procfile.NONE : Procfile.parse(procfile),
          AppJson.parse(s.readData(APP_JSON, app, "app.json")));
    }
    return extract(p, app, image);
  }

  /** Copies Procfile and app.json out of the image through a temporary container that is always removed. */
  static ImageMetadata extract(Platform p, String app, ImageInfo image) {
    String id = p.containers().create("", ContainerSpecs.extractBody(app, image.id(), p.extraLabels()));
    try {
      String procfilePath = procfilePath(p.store(), app);
      Optional<byte[]> procfile = p.files().read(id, resolve(image.workingDir(), procfilePath));
      Optional<byte[]> appJson = p.files().read(id, resolve(image.workingDir(), "app.json"));
      return new ImageMetadata(image,
          procfile.map(b -> Procfile.parse(new String(b, StandardCharsets.UTF_8))).orElse(Procfile.NONE),
          appJson.map(b -> AppJson.parse(new String(b, StandardCharsets.UTF_8))).orElse(AppJson.NONE));
    } finally {
      try {
        p.engine().removeContainer(id, true);
      } catch (EngineException ignored) {
        // a later deploy removes temporary containers it finds
      }
    }
  }

  /** The {@code ps} procfile-path property (app, else global, else {@code Procfile}). */
  static String procfilePath(Store store, String app) {
    String v = store.property(PS, app, "procfile-path");
    if (v.isEmpty()) v = store.property(PS, Store.GLOBAL, "procfile-path");
    return v.isEmpty() ? "Procfile" : v;
  }

  static String resolve(String workdir, String path) {
    if (path.startsWith("/")) return path;
    String dir = workdir.isEmpty() ? "/" : workdir;
    return dir.endsWith("/") ? dir + path : dir + "/" + path;
  }

  /** Records what this deploy ran with; a missing file deletes the committed copy. */
  void commit(Store s, String app) {
    if (procfile.exists()) s.writeData(PS, app, "Procfile", procfile.text());
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
