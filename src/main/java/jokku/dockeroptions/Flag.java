package jokku.dockeroptions;

import static jokku.dockeroptions.Phase.BUILD;
import static jokku.dockeroptions.Phase.DEPLOY;
import static jokku.dockeroptions.Phase.RUN;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jokku.access.HostReach;

/**
 * The docker options jokku translates to the Engine API, with the phases each one is meaningful in. Options for
 * {@code deploy} and {@code run} become container-create fields; options for {@code build} become query parameters of
 * the image build.
 */
public enum Flag {
  ADD_HOST("--add-host", null, true, EnumSet.of(BUILD, DEPLOY, RUN)),
  BUILD_ARG("--build-arg", null, true, EnumSet.of(BUILD)),
  CAP_ADD("--cap-add", null, true, EnumSet.of(DEPLOY, RUN), HostReach.unless("it gives the containers kernel capabilities over the host")),
  CAP_DROP("--cap-drop", null, true, EnumSet.of(DEPLOY, RUN)),
  CPUS("--cpus", null, true, EnumSet.of(DEPLOY, RUN)),
  ENV("--env", "-e", true, EnumSet.of(DEPLOY, RUN)),
  INIT("--init", null, false, EnumSet.of(DEPLOY, RUN)),
  LABEL("--label", "-l", true, EnumSet.of(BUILD, DEPLOY, RUN), Flag::ownLabel),
  LOG_DRIVER("--log-driver", null, true, EnumSet.of(DEPLOY, RUN),
      HostReach.unless("the docker daemon itself (on the host) sends the logs where this driver says", "json-file", "local", "none")),
  LOG_OPT("--log-opt", null, true, EnumSet.of(DEPLOY, RUN), Flag::logOpt),
  MEMORY("--memory", "-m", true, EnumSet.of(BUILD, DEPLOY, RUN)),
  NETWORK("--network", null, true, EnumSet.of(BUILD, DEPLOY, RUN), Flag::network),
  NO_CACHE("--no-cache", null, false, EnumSet.of(BUILD)),
  PRIVILEGED("--privileged", null, false, EnumSet.of(DEPLOY, RUN), HostReach.unless("it gives the containers every privilege of the host", "false")),
  PUBLISH("--publish", "-p", true, EnumSet.of(DEPLOY, RUN), HostReach.unless("it listens on the host's own ports")),
  PUBLISH_ALL("--publish-all", "-P", false, EnumSet.of(DEPLOY, RUN), HostReach.unless("it listens on the host's own ports", "false")),
  PULL("--pull", null, false, EnumSet.of(BUILD)),
  RESTART("--restart", null, true, EnumSet.of(DEPLOY)),
  SHM_SIZE("--shm-size", null, true, EnumSet.of(BUILD, DEPLOY, RUN)),
  TARGET("--target", null, true, EnumSet.of(BUILD)),
  ULIMIT("--ulimit", null, true, EnumSet.of(DEPLOY, RUN)),
  VOLUME("--volume", "-v", true, EnumSet.of(DEPLOY, RUN), Flag::volume);

  /** The long name, e.g. {@code --volume}. */
  public final String longName;
  /** The one-letter form, e.g. {@code -v}, or null. */
  public final String shortName;
  /** True when the option takes a value ({@code --memory 1g}); false for switches ({@code --init}). */
  public final boolean takesValue;
  private final Set<Phase> phases;
  /** Whether a value reaches the host or other apps (refused for keys that are not admins); see {@link HostReach}. */
  public final HostReach reach;

  Flag(String longName, String shortName, boolean takesValue, Set<Phase> phases) {
    this(longName, shortName, takesValue, phases, HostReach.NONE);
  }

  Flag(String longName, String shortName, boolean takesValue, Set<Phase> phases, HostReach reach) {
    this.longName = longName;
    this.shortName = shortName;
    this.takesValue = takesValue;
    this.phases = phases;
    this.reach = reach;
  }

  /** {@code -v}: a bind of a host path, or a named volume (any app naming it mounts the same one); anonymous is fine. */
  private static String volume(String value) {
    String[] parts = value.split(":", -1);
    if (parts.length < 2 || parts[0].isEmpty()) return null;
    return parts[0].startsWith("/") || parts[0].startsWith(".") || parts[0].startsWith("~")
        ? "it mounts a folder of the host" : "it mounts a named docker volume, which any app naming it shares";
  }

  /** {@code --network host} and {@code container:<c>} join namespaces beyond the app's; a docker network is fine. */
  private static String network(String value) {
    if (value.equals("host")) return "it puts the containers in the host's network namespace";
    if (value.startsWith("container:")) return "it puts the containers in another container's network namespace";
    return null;
  }

  /** The json-file/local drivers' own options only: others make the daemon connect or write on the host. */
  private static String logOpt(String value) {
    String key = value.split("=", 2)[0];
    return java.util.Set.of("max-size", "max-file", "compress", "mode", "max-buffer-size", "labels", "labels-regex", "env", "env-regex", "tag").contains(key)
        ? null : "the docker daemon itself (on the host) acts on the log option " + key;
  }

  /** jokku's and Dokku's own labels tell which app a container belongs to. */
  private static String ownLabel(String value) {
    String key = value.split("=", 2)[0];
    return key.startsWith("com.dokku.") || key.startsWith("com.jokku.") ? "the label " + key + " is how jokku tells apps' containers apart" : null;
  }

  public boolean appliesTo(Phase phase) {
    return phases.contains(phase);
  }

  /**
   * Phases where Dokku accepts the option but silently drops it when it builds the container arguments
   * ({@code --restart} outside deploy, volumes in Dockerfile builds). Options stored by Dokku in these phases are
   * skipped when translating; jokku itself refuses to store them.
   */
  public boolean droppedByDokkuIn(Phase phase) {
    return this == RESTART && phase != DEPLOY || this == VOLUME && phase == BUILD;
  }

  /** The flag a command-line name denotes ({@code --net} is docker's alias of {@code --network}), or null. */
  public static Flag named(String name) {
    if (name.equals("--net")) return NETWORK;
    for (Flag f : values()) if (f.longName.equals(name) || name.equals(f.shortName)) return f;
    return null;
  }

  /** The options a phase supports, as {@code -v/--volume, --init, ...} for messages. */
  public static String supportedIn(Phase phase) {
    List<String> names = new ArrayList<>();
    for (Flag f : values()) {
      if (f.appliesTo(phase)) names.add(f.shortName == null ? f.longName : f.shortName + "/" + f.longName);
    }
    return String.join(", ", names);
  }
}
