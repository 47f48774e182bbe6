package jokku.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jokku.engine.ImageConfig;
import jokku.image.CommittedFiles;
import jokku.image.ImageFiles;
import jokku.image.Procfile;
import jokku.ports.PortMap;
import jokku.store.Store;

/**
 * What a deploy reads from the app's image: its config (id, exposed ports, working dir, labels) and the
 * {@code Procfile} and {@code app.json}: for a Dockerfile build the ones its source held (staged by the build, as
 * Dokku reads them from the repository), else the ones found in the image's WORKDIR, copied out through one
 * created-never-started container as Dokku does for image deploys. After a successful deploy they are committed ({@link CommittedFiles}) and reused while
 * the image is the same.
 */
public record ImageMetadata(ImageConfig image, Procfile procfile, AppJson appJson) {
  /** The committed copies when they were read from this image, else a fresh read from the image. */
  public static ImageMetadata load(Platform p, String app, ImageConfig image) {
    CommittedFiles committed = new CommittedFiles(p.store());
    if (committed.from(app, image)) {
      String procfile = committed.procfile(app);
      return new ImageMetadata(image, procfile.isBlank() ? Procfile.empty() : Procfile.parseStrict(procfile), AppJson.parse(committed.appJson(app)));
    }
    String procfilePath = committed.procfilePath(app);
    Map<String, Optional<String>> files = committed.staged(app, image)
        .orElseGet(() -> new ImageFiles(p.engine(), p.extraLabels()).read(app, image, List.of(procfilePath, "app.json")));
    if (files.get(procfilePath).isEmpty() && committed.procfilePathSet(app)) throw CommittedFiles.procfileMissing(app, procfilePath);
    return new ImageMetadata(image, files.get(procfilePath).map(Procfile::parseStrict).orElse(Procfile.empty()),
        files.get("app.json").map(AppJson::parse).orElse(AppJson.NONE));
  }

  /** Records what this deploy ran with; a missing file deletes the committed copy. */
  public void commit(Store s, String app) {
    new CommittedFiles(s).commit(app, procfile.isEmpty() ? "" : procfile.text(), appJson.exists() ? appJson.text() : "", image.id());
  }

  /** Dokku's port detection: each exposed port as {@code http:p:p} ({@code https} for 443, {@code udp} for UDP). */
  public List<PortMap> detectedPorts() {
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
    // one lambda of jokku's, which the start-up archive holds, rather than Comparator.comparingInt().thenComparing():
    // the JDK's own lambdas inside Comparator were linked at run time by every deploy (~2 ms of CPU)
    l.sort((a, b) -> a.container() != b.container() ? Integer.compare(a.container(), b.container()) : a.scheme().compareTo(b.scheme()));
    return l;
  }
}
