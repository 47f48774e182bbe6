package jokku.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link ContainerSpec} as the Engine API's {@code POST /containers/create} body: the one place its keys are written. */
final class CreateBody {
  private CreateBody() {}

  static Map<String, Object> of(ContainerSpec c) {
    Map<String, Object> b = new LinkedHashMap<>();
    put(b, "Image", c.image);
    put(b, "Entrypoint", c.entrypoint);
    put(b, "Cmd", c.cmd);
    put(b, "Env", c.env == null ? null : new ArrayList<>(c.env));
    put(b, "Labels", c.labels == null ? null : new LinkedHashMap<>(c.labels));
    put(b, "AttachStdin", c.attachStdin);
    put(b, "AttachStdout", c.attachStdout);
    put(b, "AttachStderr", c.attachStderr);
    put(b, "OpenStdin", c.openStdin);
    put(b, "StdinOnce", c.stdinOnce);
    put(b, "Tty", c.tty);
    put(b, "ExposedPorts", emptyObjects(c.exposedPorts));
    put(b, "Volumes", emptyObjects(c.anonymousVolumes));
    Map<String, Object> h = new LinkedHashMap<>();
    put(h, "Init", c.init);
    if (c.restartPolicy != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("Name", c.restartPolicy.name());
      put(p, "MaximumRetryCount", c.restartPolicy.maximumRetryCount());
      h.put("RestartPolicy", p);
    }
    put(h, "NetworkMode", c.networkMode);
    put(h, "AutoRemove", c.autoRemove);
    put(h, "Binds", c.binds);
    if (c.portBindings != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      c.portBindings.forEach((port, l) -> {
        List<Object> entries = new ArrayList<>();
        for (ContainerSpec.PortBinding pb : l) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("HostIp", pb.hostIp());
          e.put("HostPort", pb.hostPort());
          entries.add(e);
        }
        m.put(port, entries);
      });
      h.put("PortBindings", m);
    }
    put(h, "PublishAllPorts", c.publishAllPorts);
    put(h, "ExtraHosts", c.extraHosts);
    put(h, "CapAdd", c.capAdd);
    put(h, "CapDrop", c.capDrop);
    put(h, "Privileged", c.privileged);
    put(h, "NanoCpus", c.nanoCpus);
    put(h, "Memory", c.memory);
    put(h, "ShmSize", c.shmSize);
    if (c.logDriver != null || c.logOptions != null) {
      Map<String, Object> lc = new LinkedHashMap<>();
      put(lc, "Type", c.logDriver);
      put(lc, "Config", c.logOptions == null ? null : new LinkedHashMap<>(c.logOptions));
      h.put("LogConfig", lc);
    }
    if (c.ulimits != null) {
      List<Object> l = new ArrayList<>();
      for (ContainerSpec.Ulimit u : c.ulimits) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("Name", u.name());
        e.put("Soft", u.soft());
        e.put("Hard", u.hard());
        l.add(e);
      }
      h.put("Ulimits", l);
    }
    b.put("HostConfig", h);
    return b;
  }

  private static Map<String, Object> emptyObjects(Set<String> keys) {
    if (keys == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : keys) m.put(k, new LinkedHashMap<>());
    return m;
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) m.put(key, value);
  }
}
