package jokku.engine;

/**
 * What an ssh process that ended without an engine answer says, in one line a user can act on: ssh's own failures
 * (exit 255: connect, host key, login), a remote without the docker CLI, a remote CLI that could not reach its engine.
 */
final class SshErrors {
  private SshErrors() {}

  static String explain(int code, String stderr, EngineUrl url) {
    String last = lastLine(stderr);
    String who = (url.user() == null ? "" : url.user() + "@") + url.host();
    String port = url.port() == EngineUrl.NO_PORT ? "" : "-p " + url.port() + " ";
    if (stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")) {
      return "the host key of " + url.host() + " differs from the one in known_hosts (ssh refused: it may be an attack, or the"
          + " server was reinstalled); check the new key, then remove the old one with ssh-keygen -R " + url.host();
    }
    if (stderr.contains("Host key verification failed") || stderr.contains("host key is known for")) {
      return "the host key of " + url.host() + " is not in known_hosts, so ssh refused to connect; check the server's"
          + " fingerprint and accept it once with: ssh " + port + who + " true";
    }
    if (stderr.contains("Permission denied")) {
      return "ssh could not log in as " + (url.user() == null ? "the default user" : url.user()) + " on " + url.host() + " (" + last
          + "); add your public key to the server's authorized_keys or load it in your ssh agent";
    }
    if (code == 127 || stderr.contains("docker: command not found") || stderr.contains("docker: not found")) {
      return "the remote " + url.host() + " has no docker CLI on its PATH: ssh:// runs docker system dial-stdio there"
          + " (install the docker CLI on it, 18.09 or newer)";
    }
    if (stderr.contains("unknown command") && stderr.contains("dial-stdio")) {
      return "the docker CLI on " + url.host() + " is too old for docker system dial-stdio (18.09 or newer needed)";
    }
    // dial-stdio reached the engine and then lost the connection (the engine closed it while a request was still being
    // copied to it, or reset it): not an unreachable engine. jokku says what it saw itself, the same as over unix://.
    if (stderr.contains("error while Copy (")) return null;
    if (code == 255) return last.isEmpty() ? "ssh to " + who + " failed (exit 255)" : last;
    if (stderr.contains("Cannot connect to the Docker daemon") || stderr.contains("dial unix") || stderr.contains("docker.sock")) {
      return "the docker CLI on " + url.host() + " could not reach its engine: " + last;
    }
    return null;
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\r?\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("Warning: Permanently added")) return l;
    }
    return "";
  }
}
