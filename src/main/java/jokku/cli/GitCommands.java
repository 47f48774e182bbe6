package jokku.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.deploy.Builds;

/** {@code git:from-image|load-image|from-archive}: how an app gets its image, followed by a deploy. */
final class GitCommands {
  private GitCommands() {}

  static void register(Registry r) {
    r.command("git:from-image", GitCommands::fromImage)
        .command("git:load-image", GitCommands::loadImage)
        .command("git:from-archive", GitCommands::fromArchive);
    r.access(Rule.app(), "git:from-image", "git:load-image", "git:from-archive");
  }

  static int fromImage(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git:from-image", raw).atMost(4);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    if (a.arg(1).isEmpty()) throw new DokkuException("Please specify a docker image");
    DeployWiring.schedulers(ctx).builds(app).fromImage(app, a.arg(1));
    return 0;
  }

  static int loadImage(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git:load-image", raw).atMost(4);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    DeployWiring.schedulers(ctx).builds(app).loadImage(app, a.arg(1), ctx.in);
    return 0;
  }

  static int fromArchive(Ctx ctx, List<String> raw) {
    Args a = Args.parse("git:from-archive", raw).atMost(4);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    String type = a.value("--archive-type", "tar");
    if (!type.equals("tar") && !type.equals("tar.gz")) {
      throw new DokkuException("Invalid archive type '" + type + "': jokku builds tar and tar.gz archives");
    }
    String source = a.arg(1);
    if (source.isEmpty()) throw new DokkuException("Please specify an archive path, or - to read it from stdin");
    if (source.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
      throw new DokkuException("Archive URLs are not fetched by jokku: download the archive and pass its path, or - to read it from stdin");
    }
    Builds builds = DeployWiring.schedulers(ctx).builds(app);
    if (source.equals("-")) {
      builds.fromArchive(app, ctx.in);
      return 0;
    }
    ctx.requireHostAccess("an archive by path", "jokku would read a file of the host; pipe the archive instead (-)");
    Path file = Path.of(source);
    if (!Files.isRegularFile(file)) throw new DokkuException("Archive " + source + " does not exist");
    try (InputStream in = Files.newInputStream(file)) {
      builds.fromArchive(app, in);
    } catch (IOException e) {
      throw new DokkuException("Unable to read archive " + source + ": " + jokku.engine.LocalStreamError.reason(e));
    }
    return 0;
  }
}
