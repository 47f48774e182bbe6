package jokku.dockeroptions;

import java.util.function.Function;
import jokku.engine.ContainerSpec;

/** Writes one deploy- or run-phase option into a container-create request. */
final class CreateFields {
  private CreateFields() {}

  static void apply(ParsedOption o, ContainerSpec spec, Function<String, String> env, OptionTranslator.Claims claims) {
    switch (o.flag()) {
      case ADD_HOST -> spec.extraHost(Values.extraHost(o));
      case CAP_ADD -> spec.capAdd(Values.capability(o));
      case CAP_DROP -> spec.capDrop(Values.capability(o));
      case CPUS -> {
        claims.claim("NanoCpus", "the CPU limit", o);
        spec.nanoCpus(Values.nanoCpus(o));
      }
      case ENV -> {
        String[] kv = Values.keyValue(o, true);
        claims.claim("Env:" + kv[0], "environment variable " + kv[0], o);
        String v = kv[1] != null ? kv[1] : env.apply(kv[0]);
        if (v != null) spec.setEnv(kv[0], v);
      }
      case INIT -> {
        claims.claim("Init", "--init", o);
        spec.init(o.switchValue());
      }
      case LABEL -> {
        String[] kv = label(o);
        claims.claim("Label:" + kv[0], "label " + kv[0], o);
        spec.label(kv[0], kv[1]);
      }
      case LOG_DRIVER -> {
        claims.claim("LogConfig.Type", "the log driver", o);
        spec.logDriver(Values.word(o));
      }
      case LOG_OPT -> {
        String[] kv = Values.keyValue(o, false);
        claims.claim("LogOpt:" + kv[0], "log option " + kv[0], o);
        spec.logOption(kv[0], kv[1]);
      }
      case MEMORY -> {
        claims.claim("Memory", "the memory limit", o);
        spec.memory(Values.bytes(o));
      }
      case NETWORK -> {
        claims.claim("network", "the network (attach more networks with network:set <app> attach-post-create)", o);
        spec.networkMode(Values.network(o));
      }
      case PRIVILEGED -> {
        claims.claim("Privileged", "--privileged", o);
        spec.privileged(o.switchValue());
      }
      case PUBLISH -> publish(o, spec, claims);
      case PUBLISH_ALL -> {
        claims.claim("PublishAllPorts", "--publish-all", o);
        spec.publishAllPorts(o.switchValue());
      }
      case RESTART -> {
        claims.claim("restart", "the restart policy", o);
        spec.restartPolicy(Values.restart(o));
      }
      case SHM_SIZE -> {
        claims.claim("ShmSize", "the /dev/shm size", o);
        spec.shmSize(Values.bytes(o));
      }
      case ULIMIT -> {
        ContainerSpec.Ulimit u = Values.ulimit(o);
        claims.claim("Ulimit:" + u.name(), "ulimit " + u.name(), o);
        spec.ulimit(u);
      }
      case VOLUME -> {
        Volume v = Volume.parse(o);
        claims.claim("Mount:" + v.destination(), "mount point " + v.destination(), o);
        if (v.anonymous()) spec.anonymousVolume(v.destination());
        else spec.bind(v.bindEntry());
      }
      default -> throw new IllegalStateException(o.flag() + " is not a create option");
    }
  }

  /** {@code key=value} or {@code key} (empty value); the {@code com.dokku.} labels are jokku's own and refused. */
  static String[] label(ParsedOption o) {
    String[] kv = Values.keyValue(o, true);
    if (kv[0].startsWith("com.dokku.")) throw Values.invalid(o, "com.dokku.* labels are set by jokku itself");
    return new String[] {kv[0], kv[1] == null ? "" : kv[1]};
  }

  private static void publish(ParsedOption o, ContainerSpec spec, OptionTranslator.Claims claims) {
    Publish p = Publish.parse(o);
    for (Publish.Binding b : p.bindings()) {
      if (!b.hostPort().isEmpty()) {
        String proto = b.containerPort().substring(b.containerPort().indexOf('/'));
        claims.claim("HostPort:" + b.hostIp() + ":" + b.hostPort() + proto, "host port " + b.hostPort() + proto, o);
      }
    }
    for (Publish.Binding b : p.bindings()) spec.publish(b.containerPort(), new ContainerSpec.PortBinding(b.hostIp(), b.hostPort()));
  }
}
