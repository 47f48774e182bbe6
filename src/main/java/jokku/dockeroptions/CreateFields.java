package jokku.dockeroptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes one deploy- or run-phase option into an Engine API container-create body. */
final class CreateFields {
  private CreateFields() {}

  static void apply(ParsedOption o, Map<String, Object> body, Function<String, String> env, OptionTranslator.Claims claims) {
    Map<String, Object> host = map(body, "HostConfig");
    switch (o.flag()) {
      case ADD_HOST -> list(host, "ExtraHosts").add(Values.extraHost(o));
      case CAP_ADD -> list(host, "CapAdd").add(Values.capability(o));
      case CAP_DROP -> list(host, "CapDrop").add(Values.capability(o));
      case CPUS -> {
        claims.claim("NanoCpus", "the CPU limit", o);
        host.put("NanoCpus", Values.nanoCpus(o));
      }
      case ENV -> {
        String[] kv = Values.keyValue(o, true);
        claims.claim("Env:" + kv[0], "environment variable " + kv[0], o);
        String v = kv[1] != null ? kv[1] : env.apply(kv[0]);
        if (v != null) setEnv(body, kv[0], v);
      }
      case INIT -> {
        claims.claim("Init", "--init", o);
        host.put("Init", o.switchValue());
      }
      case LABEL -> {
        String[] kv = label(o);
        claims.claim("Label:" + kv[0], "label " + kv[0], o);
        map(body, "Labels").put(kv[0], kv[1]);
      }
      case LOG_DRIVER -> {
        claims.claim("LogConfig.Type", "the log driver", o);
        map(host, "LogConfig").put("Type", Values.word(o));
      }
      case LOG_OPT -> {
        String[] kv = Values.keyValue(o, false);
        claims.claim("LogOpt:" + kv[0], "log option " + kv[0], o);
        map(map(host, "LogConfig"), "Config").put(kv[0], kv[1]);
      }
      case MEMORY -> {
        claims.claim("Memory", "the memory limit", o);
        host.put("Memory", Values.bytes(o));
      }
      case NETWORK -> {
        claims.claim("NetworkMode", "the network (attach more networks with network:set <app> attach-post-create)", o);
        host.put("NetworkMode", Values.network(o));
      }
      case PRIVILEGED -> {
        claims.claim("Privileged", "--privileged", o);
        host.put("Privileged", o.switchValue());
      }
      case PUBLISH -> publish(o, body, host, claims);
      case PUBLISH_ALL -> {
        claims.claim("PublishAllPorts", "--publish-all", o);
        host.put("PublishAllPorts", o.switchValue());
      }
      case RESTART -> {
        claims.claim("RestartPolicy", "the restart policy", o);
        Object[] r = Values.restart(o);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Name", r[0]);
        policy.put("MaximumRetryCount", r[1]);
        host.put("RestartPolicy", policy);
      }
      case SHM_SIZE -> {
        claims.claim("ShmSize", "the /dev/shm size", o);
        host.put("ShmSize", Values.bytes(o));
      }
      case ULIMIT -> {
        Object[] u = Values.ulimit(o);
        claims.claim("Ulimit:" + u[0], "ulimit " + u[0], o);
        List<Object> l = list(host, "Ulimits");
        l.removeIf(e -> e instanceof Map && u[0].equals(((Map<?, ?>) e).get("Name")));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Name", u[0]);
        entry.put("Soft", u[1]);
        entry.put("Hard", u[2]);
        l.add(entry);
      }
      case VOLUME -> {
        Volume v = Volume.parse(o);
        claims.claim("Mount:" + v.destination(), "mount point " + v.destination(), o);
        if (v.anonymous()) map(body, "Volumes").put(v.destination(), new LinkedHashMap<>());
        else list(host, "Binds").add(v.bindEntry());
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

  private static void publish(ParsedOption o, Map<String, Object> body, Map<String, Object> host, OptionTranslator.Claims claims) {
    Publish p = Publish.parse(o);
    for (Publish.Binding b : p.bindings()) {
      if (!b.hostPort().isEmpty()) {
        String proto = b.containerPort().substring(b.containerPort().indexOf('/'));
        claims.claim("HostPort:" + b.hostIp() + ":" + b.hostPort() + proto, "host port " + b.hostPort() + proto, o);
      }
    }
    Map<String, Object> exposed = map(body, "ExposedPorts");
    Map<String, Object> bindings = map(host, "PortBindings");
    for (Publish.Binding b : p.bindings()) {
      exposed.put(b.containerPort(), new LinkedHashMap<>());
      Map<String, Object> hb = new LinkedHashMap<>();
      hb.put("HostIp", b.hostIp());
      hb.put("HostPort", b.hostPort());
      list(bindings, b.containerPort()).add(hb);
    }
  }

  private static void setEnv(Map<String, Object> body, String key, String value) {
    List<Object> env = list(body, "Env");
    env.removeIf(e -> String.valueOf(e).equals(key) || String.valueOf(e).startsWith(key + "="));
    env.add(key + "=" + value);
  }

  /** The nested object at {@code key}, created or copied so it can be changed. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object o = parent.get(key);
    if (o instanceof LinkedHashMap) return (Map<String, Object>) o;
    Map<String, Object> m = new LinkedHashMap<>();
    if (o instanceof Map) m.putAll((Map<String, Object>) o);
    parent.put(key, m);
    return m;
  }

  /** The list at {@code key}, created or copied so it can be changed. */
  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> parent, String key) {
    Object o = parent.get(key);
    if (o instanceof ArrayList) return (List<Object>) o;
    List<Object> l = new ArrayList<>();
    if (o instanceof List) l.addAll((List<Object>) o);
    parent.put(key, l);
    return l;
  }
}
