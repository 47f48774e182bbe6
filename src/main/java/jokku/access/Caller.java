package jokku.access;

import java.util.Map;

/**
 * Who runs this invocation: root on the console (no key), or the holder of a registered ssh key, known by the
 * {@code NAME} and {@code FINGERPRINT} its authorized_keys line sets. Any invocation inside an ssh session (the forced
 * command itself, or a jokku a git hook of that session starts) is the key's: never root.
 */
public record Caller(String name, String fingerprint) {
  public static final Caller ROOT = new Caller(null, null);

  /** The key's caller when {@code SSH_ORIGINAL_COMMAND} or {@code FINGERPRINT} is set, else root. */
  public static Caller from(Map<String, String> env) {
    if (!env.containsKey("SSH_ORIGINAL_COMMAND") && !env.containsKey("FINGERPRINT")) return ROOT;
    String name = env.get("NAME");
    // Dokku's SSH_NAME defaults to "default" for a key line without NAME=
    return new Caller(name == null || name.isEmpty() ? "default" : name, env.getOrDefault("FINGERPRINT", ""));
  }

  public boolean isRoot() {
    return name == null;
  }
}
