package jokku.access;

/**
 * Declared on a property or option (a docker option's {@code Flag}, an {@code NginxProperty}, a
 * {@code NetworkProperty}): whether a value reaches beyond the app, to the host (a host path, a host namespace, a
 * privilege, a host port, the docker daemon's own connections) or to other apps. Such values are refused for keys
 * that are not admins ({@code Ctx.requireHostAccess}); root and admin keys keep them. Pure.
 */
@FunctionalInterface
public interface HostReach {
  /** Why {@code value} reaches the host, or null when it stays within the app. */
  String why(String value);

  /** Stays within the app whatever the value. */
  HostReach NONE = value -> null;

  /** Reaches the host with any value but an empty one (which clears the setting) or one of {@code harmless}. */
  static HostReach unless(String why, String... harmless) {
    java.util.Set<String> ok = java.util.Set.of(harmless);
    return value -> value == null || value.isEmpty() || ok.contains(value) ? null : why;
  }
}
