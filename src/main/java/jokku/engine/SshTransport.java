package jokku.engine;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ssh://[user@]host[:port][/socket]} the way the docker CLI does it: the system's {@code ssh} (so the user's
 * {@code ~/.ssh/config}, agent and {@code known_hosts} apply) runs {@code docker system dial-stdio} on the remote,
 * in batch mode (never a password prompt; an unknown host key is refused), and its stdin/stdout carry the HTTP.
 * {@code JOKKU_SSH_OPTS} adds options before jokku's own (e.g. {@code -F /path/to/ssh_config}), so they win
 * where both set one. Every link is one ssh process: {@link DockerClient} keeps one alive for a command's
 * sequential requests and starts another only for a stream. ssh runs with the command's environment.
 */
final class SshTransport implements Transport {
  static final int CONNECT_TIMEOUT_SECONDS = 30;

  private final EngineUrl url;
  private final List<String> command;
  private final Map<String, String> env;

  SshTransport(EngineUrl url, Map<String, String> env) {
    this.url = url;
    this.command = command(url, env);
    this.env = Map.copyOf(env);
  }

  static List<String> command(EngineUrl url, Map<String, String> env) {
    List<String> c = new ArrayList<>();
    c.add(executable(env.get("PATH")));
    String opts = env.getOrDefault("JOKKU_SSH_OPTS", "").strip();
    if (!opts.isEmpty()) c.addAll(List.of(opts.split("\\s+")));
    c.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=" + CONNECT_TIMEOUT_SECONDS, "-T"));
    if (url.user() != null) c.addAll(List.of("-l", url.user()));
    if (url.port() != EngineUrl.NO_PORT) c.addAll(List.of("-p", String.valueOf(url.port())));
    c.add("--");
    c.add(url.host());
    c.add(url.path().isEmpty() ? "docker system dial-stdio" : "docker " + quote("--host=unix://" + url.path()) + " system dial-stdio");
    return List.copyOf(c);
  }

  /** {@code ssh} found on {@code path} (the command's own PATH, as a child process would search it). */
  private static String executable(String path) {
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) continue;
        File f = new File(dir, "ssh");
        if (f.canExecute()) return f.getPath();
      }
    }
    return "ssh";
  }

  /** POSIX shell quoting, as the remote shell reads the command. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Override
  public Link open() {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().clear();
      pb.environment().putAll(env); // the command's environment (HOME, SSH_AUTH_SOCK, ...), as a child of it would get
      return new SshLink(pb.start(), url);
    } catch (IOException e) {
      throw new EngineUnreachable(url.shown(), "cannot run " + command.get(0) + " (ssh:// engines are reached with the system's ssh client): "
          + EngineUnreachable.reason(e));
    }
  }
}
