package jokku.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.TestEngine;
import jokku.TestImages;
import jokku.engine.Engine;

/**
 * Apps with an image but no deploy, as run tests need them: the app folder plus {@code dokku/<app>:latest} built from
 * busybox (optionally with a Procfile). Its clean-up removes the run's containers and networks and the tags it made.
 */
final class AppImages implements AutoCloseable {
  private final Jokku j;
  private final List<String> tags = new ArrayList<>();

  AppImages(Jokku j) {
    this.j = j;
  }

  /** Creates the app folder only (no image). */
  String app(String prefix) {
    String app = j.name(prefix);
    try {
      Files.createDirectories(j.root.resolve(app));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return app;
  }

  /** An app with an image; {@code procfile} may be null, {@code workdir} may be "". */
  String deployed(String prefix, String procfile, String workdir) {
    String app = app(prefix);
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder df = new StringBuilder("FROM " + TestImages.BUSYBOX + "\n");
    if (!workdir.isEmpty()) df.append("WORKDIR ").append(workdir).append('\n');
    if (procfile != null) {
      files.put("Procfile", procfile);
      df.append("COPY Procfile ").append(workdir.isEmpty() ? "/" : workdir + "/").append("Procfile\n");
    }
    df.append("CMD [\"echo\", \"default command\"]\n");
    files.put("Dockerfile", df.toString());
    String tag = OneOffSpec.appImage(app);
    TestImages.build(tag, files);
    tags.add(tag);
    return app;
  }

  String deployed(String prefix) {
    return deployed(prefix, null, "");
  }

  Path appDir(String app) {
    return j.root.resolve(app);
  }

  /** Removes what the run made on the engine (containers, networks, labelled images) and the images tagged here. */
  @Override
  public void close() {
    TestEngine.cleanupWithImages(j.runId, tags);
  }
}
