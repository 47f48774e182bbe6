package jokku.dockeroptions;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code -v [source:]destination[:options]} mount: a bind of an absolute host path, a named volume, or (with no
 * source) an anonymous volume.
 */
record Volume(String source, String destination, String options) {
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
  private static final Set<String> MODES = Set.of("ro", "rw", "z", "Z", "nocopy", "shared", "rshared", "slave", "rslave",
      "private", "rprivate", "cached", "delegated", "consistent");
  private static final Set<String> PROPAGATION = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");

  boolean anonymous() {
    return source.isEmpty();
  }

  boolean bind() {
    return source.startsWith("/");
  }

  /** The engine's {@code HostConfig.Binds} entry. */
  String bindEntry() {
    return source + ":" + destination + (options.isEmpty() ? "" : ":" + options);
  }

  static Volume parse(ParsedOption o) {
    String[] parts = o.value().split(":", -1);
    if (parts.length > 3) throw Values.invalid(o, "expected [source:]destination[:options]");
    String source = parts.length == 1 ? "" : parts[0];
    String destination = parts.length == 1 ? parts[0] : parts[1];
    String options = parts.length == 3 ? parts[2] : "";
    if (!destination.startsWith("/") || destination.equals("/")) {
      throw Values.invalid(o, "the destination must be an absolute path inside the container, other than /");
    }
    if (parts.length > 1) {
      if (source.isEmpty()) throw Values.invalid(o, "the source must not be empty");
      if (!source.startsWith("/") && !NAME.matcher(source).matches()) {
        throw Values.invalid(o, "'" + source + "' is neither an absolute host path nor a volume name");
      }
    }
    Volume v = new Volume(source, destination, options);
    if (!options.isEmpty()) {
      int access = 0;
      for (String m : List.of(options.split(",", -1))) {
        if (!MODES.contains(m)) throw Values.invalid(o, "unknown volume option '" + m + "'");
        if (m.equals("ro") || m.equals("rw")) access++;
        if (PROPAGATION.contains(m) && !v.bind()) throw Values.invalid(o, "'" + m + "' applies to host-path binds only");
        if (m.equals("nocopy") && v.bind()) throw Values.invalid(o, "'nocopy' applies to named volumes only");
      }
      if (access > 1) throw Values.invalid(o, "give at most one of ro and rw");
    }
    return v;
  }
}
