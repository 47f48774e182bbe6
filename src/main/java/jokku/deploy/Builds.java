package jokku.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jokku.DokkuException;
import jokku.dockeroptions.BuildParams;
import jokku.dockeroptions.DockerOptions;
import jokku.engine.Engine;
import jokku.engine.EngineException;
import jokku.engine.ImageConfig;
import jokku.engine.LocalStreamError;
import jokku.image.CommittedFiles;
import jokku.image.DockerfileLabels;
import jokku.image.LabeledContext;
import jokku.image.Tar;
import jokku.network.NetworkPlan;
import jokku.network.NetworkSettings;
import jokku.store.Store;

/**
 * How an app gets its image {@code dokku/<app>:latest} before a deploy: from an image on the host (pulled only when
 * absent), from a {@code docker save} tarball, or from a Dockerfile project archive built by the engine's legacy
 * builder. Every build is tagged only when it succeeds, so a failed build leaves the previous image and containers
 * serving. The source is remembered ({@code git/<app>/source-image} or {@code data/git/<app>/source-archive}) so
 * {@code ps:rebuild} can build again.
 */
public final class Builds {
  public static final String GIT = "git";
  public static final String SOURCE_IMAGE = "source-image";
  public static final String SOURCE_ARCHIVE = "source-archive";

  private final Platform p;
  private final java.util.function.Consumer<String> deploy;

  public Builds(Platform platform) {
    this(platform, app -> new Deployer(platform).deploy(app));
  }

  /** Builds whose deploy is {@code deploy} (the app's scheduler). */
  public Builds(Platform platform, java.util.function.Consumer<String> deploy) {
    this.p = platform;
    this.deploy = deploy;
  }

  /** {@code git:from-image}: the image as the app's image (with Dokku's labels), then a deploy. */
  public void fromImage(String app, String image) {
    if (image.isEmpty()) throw new DokkuException("Please specify a docker image");
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      p.out().info1Quiet("Generating build context");
      if (skipped(app)) {
        rememberImage(app, image);
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
          p.images().pull(image, this::buildOutput);
        } catch (EngineException e) {
          throw new DokkuException("Unable to pull image " + image + ": " + e.getMessage());
        }
      }
      buildFrom(app, image);
      rememberImage(app, image);
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
      if (!skipped(app)) buildFrom(app, ref);
      rememberImage(app, ref);
      deployBuilt(app, before);
    }
  }

  /**
   * {@code git:from-archive}: a tar (optionally gzip, bzip2 or xz compressed) Dockerfile project, kept as the app's
   * source, built by the engine on the computed initial network when one is set, then deployed.
   */
  public void fromArchive(String app, InputStream archive) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      String pending = SOURCE_ARCHIVE + ".new";
      Optional<String> before = appImage(app);
      store(app, pending, archive);
      try {
        checkArchive(app, pending);
        if (!skipped(app)) buildArchive(app, pending);
      } catch (RuntimeException e) {
        p.store().deleteData(GIT, app, pending);
        throw e;
      }
      p.store().moveData(GIT, app, pending, SOURCE_ARCHIVE);
      try (Store.Lock l = p.store().lock(app)) {
        p.store().setProperty(GIT, app, SOURCE_IMAGE, "");
      }
      deployBuilt(app, before);
    }
  }

  /** {@code ps:rebuild}: builds again from the remembered source and deploys; false when there is nothing to build. */
  public boolean rebuild(String app) {
    try (Store.Lock lock = p.store().tryDeployLock(app)) {
      String image = p.store().property(GIT, app, SOURCE_IMAGE);
      if (!image.isEmpty()) {
        fromImage(app, image);
        return true;
      }
      if (p.store().dataExists(GIT, app, SOURCE_ARCHIVE)) {
        Optional<String> before = appImage(app);
        if (!skipped(app)) buildArchive(app, SOURCE_ARCHIVE);
        deployBuilt(app, before);
        return true;
      }
      if (p.engine().image(Deployer.image(app)).isPresent()) {
        deploy.accept(app);
        return true;
      }
      return false;
    }
  }

  /** The id of the app's image as it is now, before a build replaces it. */
  private Optional<String> appImage(String app) {
    return p.engine().image(Deployer.image(app)).map(ImageConfig::id);
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
        else p.images().remove(Deployer.image(app), false);
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

  private void rememberImage(String app, String image) {
    try (Store.Lock l = p.store().lock(app)) {
      p.store().setProperty(GIT, app, SOURCE_IMAGE, image);
    }
    p.store().deleteData(GIT, app, SOURCE_ARCHIVE);
  }

  /**
   * Dokku builds {@code FROM <image>} with its labels; the engine does the same from a two-line Dockerfile (one
   * {@code LABEL} instruction, so one intermediate container), tagged {@code dokku/<app>:latest} only on success.
   */
  private void buildFrom(String app, String image) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("com.dokku.docker-image-labeler/alternate-tags", "[\"" + image + "\"]");
    p.out().info1Quiet("Building " + app + " from Dockerfile");
    relabel(app, image, releaseLabels(app, labels));
  }

  /**
   * Builds the project with the app's build options on its initial network, its labels in one {@code LABEL} line
   * appended to its Dockerfile (one builder step); then tags the result. With a build {@code target} (the end of the
   * file is not that stage) or a Dockerfile that cannot take the line, the result is labelled by a second build.
   */
  private void buildArchive(String app, String file) {
    p.out().info1Quiet("Building " + app + " from Dockerfile");
    BuildParams params = new DockerOptions(p.store()).buildParams(app);
    Map<String, String> labels = releaseLabels(app, params.labels());
    params.labels().clear();
    String initial = new NetworkPlan(new NetworkSettings(p.store())).initialNetwork(app);
    if (!initial.isEmpty() && !params.scalars().containsKey("networkmode")) params.scalars().put("networkmode", initial);
    params.scalars().put("rm", "1");
    params.scalars().put("forcerm", "1");
    boolean inDockerfile = !params.scalars().containsKey("target");
    CommittedFiles committed = new CommittedFiles(p.store());
    String procfile = LabeledContext.relative(committed.procfilePath(app));
    String id;
    LabeledContext context;
    try (InputStream in = p.store().openData(GIT, app, file)) {
      context = LabeledContext.of(in, inDockerfile ? DockerfileLabels.instruction(labels) : null, Set.of(procfile, "app.json"));
      id = p.images().build(context, params.query(), this::buildOutput);
    } catch (IOException | UncheckedIOException e) {
      throw unreadable(app, file, LocalStreamError.reason(e));
    } catch (LocalStreamError e) {
      throw unreadable(app, file, e.reason());
    } catch (EngineException e) {
      throw failed(e);
    }
    if (context.labeled()) {
      try {
        p.images().tag(id, "dokku/" + app, "latest");
      } catch (EngineException e) {
        throw failed(e);
      }
      new BuilderSettings(p.store()).detected(app, "dockerfile");
    } else {
      id = relabel(app, id, labels);
    }
    // Dokku reads a Dockerfile build's Procfile and app.json from its source: staged for the image, no container
    String image = id;
    context.files().ifPresent(f -> committed.stage(app, image, f.get(procfile), f.get("app.json")));
  }

  /** The labels of an app's image: the app's, Dokku's release stage and builder type, then {@code more}. */
  private Map<String, String> releaseLabels(String app, Map<String, String> more) {
    Map<String, String> labels = new LinkedHashMap<>(ContainerSpecs.appLabels(app, p.extraLabels()));
    labels.put("com.dokku.image-stage", "release");
    labels.put("com.dokku.builder-type", "dockerfile");
    labels.putAll(more);
    return labels;
  }

  /** {@code FROM <from>} and one {@code LABEL} line, tagged as the app's image (one builder step). */
  private String relabel(String app, String from, Map<String, String> labels) {
    String dockerfile = "FROM " + from + "\n" + DockerfileLabels.instruction(labels) + "\n";
    byte[] context = Tar.single("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
    String id;
    try {
      id = p.images().buildTagged(new ByteArrayInputStream(context), Deployer.image(app), this::buildOutput);
    } catch (EngineException e) {
      throw failed(e);
    }
    new BuilderSettings(p.store()).detected(app, "dockerfile");
    return id;
  }

  private DokkuException failed(EngineException e) {
    p.out().warn(e.getMessage());
    return new DokkuException("App build failed");
  }

  private void buildOutput(String text) {
    if (!p.out().quiet()) p.out().print(text);
  }

  /** The app's build context (its stored source archive) could not be read: a local fault, named, not the engine's. */
  private DokkuException unreadable(String app, String file, String reason) {
    return new DokkuException("Unable to read the build context " + p.store().dataPath(GIT, app, file) + ": " + reason);
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
      p.store().writeDataStream(GIT, app, name, tracked);
    } catch (UncheckedIOException e) {
      if (readFailure[0] != null) throw new DokkuException("Unable to read the archive: " + LocalStreamError.reason(readFailure[0]));
      throw new DokkuException("Unable to store the archive in " + p.store().dataPath(GIT, app, name) + ": " + LocalStreamError.reason(e));
    }
  }

  /** Refuses archives the engine cannot read as a build context before sending them. */
  private void checkArchive(String app, String file) {
    byte[] head = new byte[262];
    int n;
    try (InputStream in = p.store().openData(GIT, app, file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException | UncheckedIOException e) {
      throw unreadable(app, file, LocalStreamError.reason(e));
    }
    if (n == 0) throw new DokkuException("The archive is empty");
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      throw new DokkuException("zip archives are not supported: use a tar archive (optionally gzip, bzip2 or xz compressed)");
    }
  }
}
