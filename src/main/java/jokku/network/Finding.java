package jokku.network;

/**
 * One way an app is out of line with its configuration: what {@code network:check} prints and what
 * {@code network:rebuild} acts on. {@code dyno} is "" for app-level findings (nginx, DNS probes).
 *
 * @param subject what is wrong: a network, a state file, an nginx upstream or an alias
 * @param have what the engine or the file holds ("" for nothing)
 * @param want what the configuration asks for ("" for nothing)
 */
public record Finding(String app, String dyno, String container, Kind kind, String subject, String have, String want) {
  /** The kinds, each with the name printed and written to JSON. */
  public enum Kind {
    NETWORK_MISSING("network-missing", "not joined; rebuild connects it"),
    NETWORK_EXTRA("network-extra", "joined by jokku but no longer configured; rebuild disconnects it"),
    ALIASES_WRONG("aliases-wrong", "aliases differ; rebuild reconnects it"),
    NETWORK_GONE("network-gone", "configured but does not exist"),
    IP_STALE("ip-stale", "differs from the engine; rebuild rewrites it"),
    PORT_STALE("port-stale", "differs from the app's web port; rebuild rewrites it"),
    FILE_ORPHANED("file-orphaned", "no running container behind it; rebuild removes it"),
    NGINX_UPSTREAM("nginx-upstream", "nginx.conf differs from the web listeners; rebuild rebuilds it"),
    INSPECT_FAILED("inspect-failed", "the container could not be inspected"),
    ALIAS_UNRESOLVED("alias-unresolved", "should resolve on the network but does not"),
    ALIAS_VISIBLE("alias-visible", "resolves on a network where it should not");

    public final String label;
    public final String meaning;

    Kind(String label, String meaning) {
      this.label = label;
      this.meaning = meaning;
    }
  }

  /** The subject that counts once towards the exit code: the container, or the app's nginx, or the app's DNS. */
  public String counted() {
    if (!dyno.isEmpty()) return app + "/" + dyno;
    return app + (kind == Kind.ALIAS_UNRESOLVED || kind == Kind.ALIAS_VISIBLE ? "/dns" : "/" + kind.label);
  }

  /** One line for people: {@code <app> <dyno> <kind> <subject>: <meaning> (have ..., want ...)}. */
  public String line() {
    StringBuilder b = new StringBuilder(app).append(' ').append(dyno.isEmpty() ? "-" : dyno).append(' ').append(kind.label);
    b.append(' ').append(subject).append(": ").append(kind.meaning);
    if (!have.isEmpty() || !want.isEmpty()) {
      b.append(" (have ").append(have.isEmpty() ? "nothing" : have).append(", want ").append(want.isEmpty() ? "nothing" : want).append(')');
    }
    return b.toString();
  }
}
