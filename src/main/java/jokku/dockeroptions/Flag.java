package jokku.dockeroptions;

import static jokku.dockeroptions.Phase.BUILD;
import static jokku.dockeroptions.Phase.DEPLOY;
import static jokku.dockeroptions.Phase.RUN;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The docker options jokku translates to the Engine API, with the phases each one is meaningful in. Options for
 * {@code deploy} and {@code run} become container-create fields; options for {@code build} become query parameters of
 * the image build.
 */
public enum Flag {
  ADD_HOST("--add-host", null, true, EnumSet.of(BUILD, DEPLOY, RUN)),
  BUILD_ARG("--build-arg", null, true, EnumSet.of(BUILD)),
  CAP_ADD("--cap-add", null, true, EnumSet.of(DEPLOY, RUN)),
  CAP_DROP("--cap-drop", null, true, EnumSet.of(DEPLOY, RUN)),
  CPUS("--cpus", null, true, EnumSet.of(DEPLOY, RUN)),
  ENV("--env", "-e", true, EnumSet.of(DEPLOY, RUN)),
  INIT("--init", null, false, EnumSet.of(DEPLOY, RUN)),
  LABEL("--label", "-l", true, EnumSet.of(BUILD, DEPLOY, RUN)),
  LOG_DRIVER("--log-driver", null, true, EnumSet.of(DEPLOY, RUN)),
  LOG_OPT("--log-opt", null, true, EnumSet.of(DEPLOY, RUN)),
  MEMORY("--memory", "-m", true, EnumSet.of(BUILD, DEPLOY, RUN)),
  NETWORK("--network", null, true, EnumSet.of(BUILD, DEPLOY, RUN)),
  NO_CACHE("--no-cache", null, false, EnumSet.of(BUILD)),
  PRIVILEGED("--privileged", null, false, EnumSet.of(DEPLOY, RUN)),
  PUBLISH("--publish", "-p", true, EnumSet.of(DEPLOY, RUN)),
  PUBLISH_ALL("--publish-all", "-P", false, EnumSet.of(DEPLOY, RUN)),
  PULL("--pull", null, false, EnumSet.of(BUILD)),
  RESTART("--restart", null, true, EnumSet.of(DEPLOY)),
  SHM_SIZE("--shm-size", null, true, EnumSet.of(BUILD, DEPLOY, RUN)),
  TARGET("--target", null, true, EnumSet.of(BUILD)),
  ULIMIT("--ulimit", null, true, EnumSet.of(DEPLOY, RUN)),
  VOLUME("--volume", "-v", true, EnumSet.of(DEPLOY, RUN));

  /** The long name, e.g. {@code --volume}. */
  public final String longName;
  /** The one-letter form, e.g. {@code -v}, or null. */
  public final String shortName;
  /** True when the option takes a value ({@code --memory 1g}); false for switches ({@code --init}). */
  public final boolean takesValue;
  private final Set<Phase> phases;

  Flag(String longName, String shortName, boolean takesValue, Set<Phase> phases) {
    this.longName = longName;
    this.shortName = shortName;
    this.takesValue = takesValue;
    this.phases = phases;
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
