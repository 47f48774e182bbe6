package jokku.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import jokku.DokkuException;
import jokku.engine.EngineException;
import jokku.engine.ImageConfig;
import jokku.engine.LocalStreamError;
import jokku.store.Store;

/**
 * How an app gets its image {@code dokku/<app>:latest} before a deploy: from an image on the host (pulled only when
 * absent), from a {@code docker save} tarball, or from a Dockerfile project archive built by the engine's legacy
 * builder ({@link DockerfileBuild}). Every build is tagged only when it succeeds, so a failed build leaves the
 * previous image and containers serving. The source is remembered ({@link BuildSource}) so {@code ps:rebuild} can
 * build again.
 */
public final class Builds {
  private final Platform p;
  private final BuildSource source;
  private final DockerfileBuild build;
  private final java.util.function.Consumer<String> deploy;

  /** Builds whose deploy is {@code deploy} (the app's scheduler). */
  public Builds(Platform platform, java.util.function.Consumer<String> deploy) {
    this.p = platform;
    this.source = new BuildSource(platform.store());
    this.build = new DockerfileBuild(platform);
    this.deploy = deploy;
  }

  /** {@code git:from-image}: the image as the app's image (with Dokku's labels), then a deploy. */
  public void fromImage(String app, String image) {
    if (image.isEmpty()) throw new DokkuException("Please specify a docker image");
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      p.out().info1Quiet("Generating build context");
      if (skipped(app)) {
        source.rememberImage(app, image);
        deploy.accept(app);
        return;
      }
      Optional<String> before = appImage(app);
      boolean present = p.engine().image(image).isPresent();
      if (present && !p.force()) {
        p.out().info1Quiet("Image exists on host, skipping pull");
      } else {
        p.out().info1Quiet(present ? "Force pulling image" : "Pulling image");
        try {
          p.images().pull(image, build::output);
        } catch (EngineException e) {
          throw new DokkuException("Unable to pull image " + image + ": " + e.getMessage());
        }
      }
      build.fromImage(app, image);
      source.rememberImage(app, image);
      deployBuilt(app, before);
    }
  }

  /** {@code git:load-image}: loads a {@code docker save} tarball, then deploys the named (or the only loaded) image. */
  public void loadImage(String app, String image, InputStream tar) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      p.out().info1Quiet("Loading image");
      List<String> loaded;
      try {
        loaded = p.images().load(tar, line -> p.out().verboseQuiet(line.trim()));
      } catch (EngineException e) {
        throw new DokkuException("Unable to load image: " + e.getMessage());
      } catch (LocalStreamError e) {
        throw new DokkuException("Unable to read the image archive: " + e.reason());
      }
      String ref = image;
      if (ref.isEmpty()) {
        if (loaded.size() != 1) {
          throw new DokkuException(loaded.isEmpty() ? "The archive did not contain an image" : "The archive holds several images (" + String.join(", ", loaded) + "); name the one to deploy");
        }
        ref = loaded.get(0);
      } else if (p.engine().image(ref).isEmpty()) {
        throw new DokkuException("Image " + ref + " is not in the loaded archive (loaded: " + String.join(", ", loaded) + ")");
      }
      Optional<String> before = appImage(app);
      if (!skipped(app)) build.fromImage(app, ref);
      source.rememberImage(app, ref);
      deployBuilt(app, before);
    }
  }

  /**
   * {@code git:from-archive}: a tar (optionally gzip, bzip2 or xz compressed) Dockerfile project, kept as the app's
   * source, built by the engine on the computed initial network when one is set, then deployed.
   */
  public void fromArchive(String app, InputStream archive) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      String pending = BuildSource.PENDING;
      Optional<String> before = appImage(app);
      store(app, pending, archive);
      try {
        checkArchive(app, pending);
        if (!skipped(app)) build.fromArchive(app, pending);
      } catch (RuntimeException e) {
        source.delete(app, pending);
        throw e;
      }
      source.keepPending(app);
      deployBuilt(app, before);
    }
  }

  /** {@code ps:rebuild}: builds again from the remembered source and deploys; false when there is nothing to build. */
  public boolean rebuild(String app) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      String image = source.image(app);
      if (!image.isEmpty()) {
        fromImage(app, image);
        return true;
      }
      if (source.hasArchive(app)) {
        Optional<String> before = appImage(app);
        if (!skipped(app)) build.fromArchive(app, BuildSource.ARCHIVE);
        deployBuilt(app, before);
        return true;
      }
      if (p.engine().image(Release.image(app)).isPresent()) {
        deploy.accept(app);
        return true;
      }
      return false;
    }
  }

  /** The id of the app's image as it is now, before a build replaces it. */
  private Optional<String> appImage(String app) {
    return p.engine().image(Release.image(app)).map(ImageConfig::id);
  }

  /**
   * Deploys a fresh build; when the deploy fails (a check, a start), the app's image goes back to the one that
   * was running ({@code before}), or is untagged when there was none, so a later {@code ps:restart} or deploy runs
   * what serves, not the build that failed (left dangling, the retirement removes it).
   */
  private void deployBuilt(String app, Optional<String> before) {
    try {
      deploy.accept(app);
    } catch (RuntimeException e) {
      try {
        if (before.isPresent()) p.images().tag(before.get(), "dokku/" + app, "latest");
        else p.images().remove(Release.image(app), false);
      } catch (EngineException restore) {
        p.out().warn("Unable to give " + app + " back its previous image " + before.orElse("") + ": " + restore.getMessage());
      }
      throw e;
    }
  }

  /** The null builder ({@code builder:set <app> selected null}): nothing is built, the deploy goes ahead. */
  private boolean skipped(String app) {
    if (!new BuilderSettings(p.store()).isNull(app)) return false;
    p.out().info1Quiet("Skipping build: the null builder is selected for " + app);
    return true;
  }

  /**
   * Keeps the archive as the data file {@code name}: a failure reading it (stdin or the given file) and a failure
   * storing it are told apart, each one line; the partial file is removed either way.
   */
  private void store(String app, String name, InputStream archive) {
    IOException[] readFailure = {null};
    InputStream tracked = new java.io.FilterInputStream(archive) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          readFailure[0] = e;
          throw e;
        }
      }
    };
    try {
      source.write(app, name, tracked);
    } catch (UncheckedIOException e) {
      if (readFailure[0] != null) throw new DokkuException("Unable to read the archive: " + LocalStreamError.reason(readFailure[0]));
      throw new DokkuException("Unable to store the archive in " + source.path(app, name) + ": " + LocalStreamError.reason(e));
    }
  }

  /** Refuses archives the engine cannot read as a build context before sending them. */
  private void checkArchive(String app, String file) {
    byte[] head = new byte[262];
    int n;
    try (InputStream in = source.open(app, file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException | UncheckedIOException e) {
      throw build.unreadable(app, file, LocalStreamError.reason(e));
    }
    if (n == 0) throw new DokkuException("The archive is empty");
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      throw new DokkuException("zip archives are not supported: use a tar archive (optionally gzip, bzip2 or xz compressed)");
    }
  }
}
