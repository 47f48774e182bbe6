package jokku.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jokku.DokkuException;
import jokku.DokkuLabels;
import jokku.dockeroptions.BuildParams;
import jokku.dockeroptions.DockerOptions;
import jokku.engine.EngineException;
import jokku.engine.LocalStreamError;
import jokku.image.CommittedFiles;
import jokku.image.DockerfileLabels;
import jokku.image.LabeledContext;
import jokku.image.Tar;
import jokku.network.NetworkPlan;
import jokku.network.NetworkSettings;

/**
 * The Dockerfile builder: the engine builds that make an app's image {@code dokku/<app>:latest} with Dokku's labels
 * (release stage, builder type, the app's), from an image or from the app's stored project archive, tagged only when
 * the build succeeds; a failure is one line ({@code App build failed} after the engine's message). {@link Builds}
 * decides where the image comes from and deploys it.
 */
final class DockerfileBuild {
  private final Platform p;

  DockerfileBuild(Platform platform) {
    this.p = platform;
  }

  /**
   * Dokku builds {@code FROM <image>} with its labels; the engine does the same from a two-line Dockerfile (one
   * {@code LABEL} instruction, so one intermediate container), tagged {@code dokku/<app>:latest} only on success.
   */
  void fromImage(String app, String image) {
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
  void fromArchive(String app, String file) {
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
    try (InputStream in = new BuildSource(p.store()).open(app, file)) {
      context = LabeledContext.of(in, inDockerfile ? DockerfileLabels.instruction(labels) : null, Set.of(procfile, "app.json"));
      id = p.images().build(context, params.query(), this::output);
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
    Map<String, String> labels = new LinkedHashMap<>(DokkuLabels.appLabels(app, p.extraLabels()));
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
      id = p.images().buildTagged(new ByteArrayInputStream(context), Release.image(app), this::output);
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

  /** The engine's build (or pull) output, unless {@code --quiet}. */
  void output(String text) {
    if (!p.out().quiet()) p.out().print(text);
  }

  /** The app's build context (its stored source archive) could not be read: a local fault, named, not the engine's. */
  DokkuException unreadable(String app, String file, String reason) {
    return new DokkuException("Unable to read the build context " + new BuildSource(p.store()).path(app, file) + ": " + reason);
  }
}
