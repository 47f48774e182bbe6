package jokku.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.config.Config;
import jokku.dockeroptions.DockerOptions;
import jokku.dockeroptions.OptionTranslator;
import jokku.dockeroptions.Phase;
import jokku.network.NetworkPlan;
import jokku.network.NetworkSettings;
import jokku.run.OneOff;
import jokku.run.OneOffSpec;
import jokku.run.TaskLog;

/**
 * The deploy's task containers, run with the one-off runner (initial network, every attach-post-create network, no
 * aliases): app.json {@code scripts.dokku.predeploy} and the Procfile {@code release} entry before any new container
 * is created, {@code scripts.dokku.postdeploy} once the new containers serve but before the old ones leave. A task
 * that exits non-zero fails the deploy.
 */
public final class ReleaseTasks {
  /** Deploy options a task container does not get (Dokku drops them for tasks). */
  private static final List<String> NOT_FOR_TASKS = List.of("--cpus", "--gpus", "--memory", "--publish", "-p", "-P", "--restart");

  private final Platform p;

  public ReleaseTasks(Platform p) {
    this.p = p;
  }

  public void predeploy(String app, ImageMetadata meta) {
    run(app, "predeploy", meta.appJson().predeploy(), "app.json");
  }

  public void release(String app, ImageMetadata meta) {
    run(app, "release", meta.procfile().command("release").orElse(""), "Procfile");
  }

  public void postdeploy(String app, ImageMetadata meta) {
    run(app, "postdeploy", meta.appJson().postdeploy(), "app.json");
  }

  private void run(String app, String phase, String command, String source) {
    p.out().info1Quiet("Checking for " + phase + " task");
    if (command.isBlank()) {
      p.out().verboseQuiet("No " + phase + " task found, skipping");
      return;
    }
    p.out().info1Quiet("Executing " + phase + " task from " + source + ": " + command);
    Map<String, String> env = new Config(p.store()).merged(app);
    OneOffSpec spec = OneOffSpec.task(app, phase, List.of("/bin/sh", "-c", command)).image(OneOffSpec.appImage(app)).env(env)
        .customize(body -> OptionTranslator.apply(taskOptions(app), Phase.DEPLOY, body, k -> env.get(k)));
    OneOff runner = new OneOff(p.engine(), new NetworkPlan(new NetworkSettings(p.store())), p.extraLabels());
    OneOff.TaskResult r = runner.task(spec, new TaskLog(p.out()), false);
    if (r.exitCode() != 0) throw new DokkuException("Execution of " + phase + " task failed: " + command);
  }

  private List<String> taskOptions(String app) {
    List<String> keep = new ArrayList<>();
    for (String line : new DockerOptions(p.store()).forPhase(app, Phase.DEPLOY)) {
      String flag = line.strip().split("[ =]", 2)[0];
      boolean shortPublish = flag.startsWith("-p") && !flag.startsWith("--");
      if (!NOT_FOR_TASKS.contains(flag) && !flag.startsWith("--memory") && !shortPublish) keep.add(line);
    }
    return keep;
  }
}
