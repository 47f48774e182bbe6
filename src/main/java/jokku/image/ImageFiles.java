package jokku.image;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jokku.DokkuLabels;
import jokku.engine.ContainerSpec;
import jokku.engine.Engine;
import jokku.engine.ImageConfig;

/**
 * Files read out of an image the way Dokku's {@code CopyFromImage} does: a container created from the image (never
 * started, no network), its archive endpoint, then the container removed. Relative paths are resolved against the
 * image's {@code WORKDIR}.
 */
public final class ImageFiles {
  /** Marks the temporary container, so a later deploy removes it if this process died before it could. */
  public static final String TEMPORARY_LABEL = "com.jokku.temporary";
  private final Engine engine;
  private final Map<String, String> extraLabels;

  public ImageFiles(Engine engine, Map<String, String> extraLabels) {
    this.engine = engine;
    this.extraLabels = extraLabels;
  }

  /** A text file of the image, or empty when the file is absent. */
  public Optional<String> read(String app, ImageConfig image, String path) {
    return read(app, image, List.of(path)).get(path);
  }

  /** Several text files of the image through one temporary container: path → content (empty when absent). */
  public Map<String, Optional<String>> read(String app, ImageConfig image, List<String> paths) {
    Map<String, String> labels = new LinkedHashMap<>(extraLabels);
    labels.put(DokkuLabels.APP, app);
    labels.put(TEMPORARY_LABEL, "true");
    ContainerSpec temporary = new ContainerSpec().image(image.id()).entrypoint(List.of("/.jokku-never-started")).labels(labels).networkMode("none");
    String id = engine.containers().create(null, temporary);
    try {
      Map<String, Optional<String>> files = new LinkedHashMap<>();
      for (String path : paths) {
        String abs = path.startsWith("/") ? path : (image.workingDir().isEmpty() ? "/" : image.workingDir().replaceAll("/+$", "") + "/") + path;
        files.put(path, engine.readFile(id, abs).map(b -> new String(b, StandardCharsets.UTF_8)));
      }
      return files;
    } finally {
      engine.removeContainer(id, true);
    }
  }
}
