package jokku.scheduler.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.DokkuLabels;
import jokku.KeptShell;
import jokku.deploy.ChecksSettings;
import jokku.deploy.Platform;
import jokku.deploy.StateFiles;
import jokku.engine.ContainerInfo;
import jokku.engine.EngineException;
import jokku.store.Store;

/**
 * Old containers leave service through Dokku's {@code dead-containers} list ({@code <app> <id> <deadline>} lines in
 * {@code data/scheduler-docker-local/}): a deploy registers them, and whoever runs after the deadline (the detached
 * process a deploy starts, {@code ps:retire}, or the next deploy) stops and removes them, then the app's images
 * no container uses any more.
 */
public final class Retirement {
  static final String PLUGIN = "scheduler-docker-local";
  static final String FILE = "dead-containers";
  private static final String FILE_LOCK = "_dead-containers";
  /** Deploy task containers (predeploy, release, postdeploy) carry it; none outlives the deploy that ran it. */
  private static final String TASK_LABEL = "dokku_phase_script";

  /** One registered container. */
  public record Entry(String app, String id, long deadline) {}

  private final Platform p;

  public Retirement(Platform platform) {
    this.p = platform;
  }

  public List<Entry> entries() {
    List<Entry> l = new ArrayList<>();
    for (String line : p.store().readData(PLUGIN, "", FILE).split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[2].matches("\\d+")) l.add(new Entry(f[0], f[1], Long.parseLong(f[2])));
    }
    return l;
  }

  /** Adds containers to the list, to be retired {@code waitSeconds} from now (an existing entry keeps its deadline). */
  public void register(String app, Collection<String> ids, int waitSeconds) {
    if (ids.isEmpty()) return;
    long deadline = System.currentTimeMillis() / 1000 + waitSeconds;
    try (Store.Lock l = p.store().lock(FILE_LOCK)) {
      List<Entry> all = entries();
      Set<String> known = new LinkedHashSet<>();
      for (Entry e : all) known.add(e.id());
      for (String id : ids) if (known.add(id)) all.add(new Entry(app, id, deadline));
      save(all);
    }
  }

  private void save(List<Entry> all) {
    StringBuilder b = new StringBuilder();
    for (Entry e : all) b.append(e.app()).append(' ').append(e.id()).append(' ').append(e.deadline()).append('\n');
    p.store().writeData(PLUGIN, "", FILE, b.toString());
  }

  /**
   * Stops and removes every container whose deadline has passed, then the dangling images of the apps touched.
   * {@code waitForLock} queues behind a running retirement instead of failing with Dokku's exit 137.
   */
  public int retireDue(boolean waitForLock) {
    try (Store.Lock l = p.store().retireLock(waitForLock)) {
      long now = System.currentTimeMillis() / 1000;
      List<Entry> due = new ArrayList<>();
      for (Entry e : entries()) if (e.deadline() <= now) due.add(e);
      Set<String> apps = new LinkedHashSet<>();
      for (Entry e : due) {
        retire(e.app(), e.id());
        apps.add(e.app());
      }
      if (!due.isEmpty()) {
        try (Store.Lock fl = p.store().lock(FILE_LOCK)) {
          List<Entry> rest = entries();
          rest.removeAll(due);
          save(rest);
        }
      }
      for (String app : apps) removeUnusedImages(app);
      return due.size();
    }
  }

  /**
   * {@code ps:retire}: what is due (failing with Dokku's exit 137 while another retirement runs), then the
   * containers interrupted deploys left, for every app no deploy is running for (one list request for all apps).
   */
  public int retireAll() {
    int retired = retireDue(false);
    Map<String, List<ContainerInfo>> byApp = new java.util.TreeMap<>();
    for (ContainerInfo c : p.engine().listContainers(List.of(DokkuLabels.APP), true)) {
      byApp.computeIfAbsent(c.label(DokkuLabels.APP), k -> new ArrayList<>()).add(c);
    }
    for (String app : p.store().apps()) {
      if (!byApp.containsKey(app)) continue;
      try (Store.Lock l = p.store().tryDeployLock(app)) {
        collectStrays(app, byApp.get(app), new StateFiles(p.store()).containers(app).values(), new ChecksSettings(p.store()).waitToRetire(app));
      } catch (jokku.DokkuException busy) {
        // a deploy is running for this app: it cleans up after itself
      }
    }
    return retired;
  }

  /** {@code update --restart=no}, {@code stop -t <stop-timeout>}, {@code rm -f}; a container already gone is fine. */
  void retire(String app, String id) {
    try {
      p.containers().updateRestartPolicy(id, "no", 0);
      p.engine().stopContainer(id, stopTimeout(app));
    } catch (EngineException e) {
      if (!e.notFound()) p.out().warn("Unable to stop container " + shortId(id) + ": " + e.getMessage());
    }
    p.engine().removeContainer(id, true);
  }

  private void removeUnusedImages(String app) {
    for (String image : p.engine().imageIds(List.of(DokkuLabels.APP + "=" + app), true)) p.images().remove(image, false);
  }

  /** After {@code apps:destroy} removed the containers: every image built for the app goes too. */
  public void removeAppImages(String app) {
    for (String image : p.engine().imageIds(List.of(DokkuLabels.APP + "=" + app), false)) p.images().remove(image, true);
  }

  /** The app's {@code ps} stop-timeout-seconds, else the global one, else 30. */
  int stopTimeout(String app) {
    return new jokku.property.PsSettings(p.store()).stopTimeout(app);
  }

  /**
   * Deploy containers of the app that nothing references (not in a CONTAINER file, not on the list): left by an
   * interrupted deploy. Never-promoted ({@code upcoming}) ones, file-copy containers and task containers are removed
   * now; any other is put on the list, because it may still be serving. Returns how many were found.
   */
  int collectStrays(String app, List<ContainerInfo> appContainers, Collection<String> referenced, int wait) {
    Set<String> keep = new LinkedHashSet<>(referenced);
    for (Entry e : entries()) keep.add(e.id());
    List<String> register = new ArrayList<>();
    int found = 0;
    for (ContainerInfo c : appContainers) {
      boolean temporary = c.labels().containsKey(jokku.image.ImageFiles.TEMPORARY_LABEL) || c.labels().containsKey(TASK_LABEL);
      boolean deploy = c.label(DokkuLabels.CONTAINER_TYPE).equals("deploy");
      if (keep.contains(c.id()) || !temporary && !deploy) continue;
      found++;
      if (temporary || ContainerSpecs.isUpcoming(c.name())) {
        p.out().verboseQuiet("Removing container " + c.name() + " (" + shortId(c.id()) + ") left by an interrupted deploy");
        p.engine().removeContainer(c.id(), true);
      } else {
        register.add(c.id());
      }
    }
    register(app, register, wait);
    return found;
  }

  /**
   * Makes the registered containers leave: right now when {@code waitSeconds} is 0, else through a detached
   * process that sleeps and then retires what is due, so the command returns at once.
   */
  void schedule(int waitSeconds) {
    if (waitSeconds <= 0) {
      retireDue(true);
      return;
    }
    try {
      startBackground(waitSeconds);
    } catch (IOException | RuntimeException e) {
      p.out().warn("Unable to schedule the retirement (" + e.getMessage() + "); run ps:retire after " + waitSeconds + " seconds");
    }
  }

  /**
   * Starts {@link RetireLater} after {@code waitSeconds}, detached: the {@link KeptShell} forks a subshell that puts
   * it in the background (in a session of its own, with the command's environment) and exits, so it is never this
   * JVM's child and nothing holds this command's exit.
   */
  private void startBackground(int waitSeconds) throws IOException {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classpath;
    try {
      classpath = Path.of(Retirement.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> cmd = new ArrayList<>();
    firstExecutable("/usr/bin/setsid", "/bin/setsid").ifPresent(cmd::add);
    cmd.add(firstExecutable("/usr/bin/env", "/bin/env").orElse("env"));
    cmd.add("-i");
    p.env().forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.addAll(List.of("/bin/sh", "-c", "sleep \"$0\" && exec \"$@\"", String.valueOf(waitSeconds),
        java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath, RetireLater.class.getName()));
    StringBuilder line = new StringBuilder("(");
    for (String word : cmd) line.append(KeptShell.quote(word)).append(' ');
    line.append("</dev/null >/dev/null 2>&1 &)");
    KeptShell.Reply r = KeptShell.run(line.toString());
    if (r.exit() != 0) throw new IOException(r.output().trim());
  }

  private static java.util.Optional<String> firstExecutable(String... paths) {
    for (String path : paths) if (Files.isExecutable(Path.of(path))) return java.util.Optional.of(path);
    return java.util.Optional.empty();
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** Entries per app, for reports. */
  public Map<String, Long> pending(String app) {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    for (Entry e : entries()) if (e.app().equals(app)) m.put(e.id(), e.deadline());
    return m;
  }
}
