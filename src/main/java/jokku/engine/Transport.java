package jokku.engine;

import java.util.Map;

/**
 * How jokku reaches one engine, below {@link DockerClient}: each call of {@link #open} gives a fresh {@link Link}.
 * Chosen from the engine URL ({@code unix://}, {@code ssh://}, {@code tcp://}) and the environment that configures
 * it (TLS files, ssh options), the way the docker CLI reads {@code DOCKER_HOST}.
 */
interface Transport {
  /** A new link to the engine; an engine that cannot be reached is an {@link EngineUnreachable}. */
  Link open();

  /** Parses {@code url} (checked as the docker CLI checks it) with the settings {@code env} holds. */
  static Transport of(String url, Map<String, String> env) {
    EngineUrl u = EngineUrl.parse(url);
    switch (u.scheme()) {
      case "unix":
        return new UnixTransport(u);
      case "ssh":
        return new SshTransport(u, env);
      case "tcp":
        return TcpTransport.of(u, env);
      default:
        throw new EngineUnreachable(url, "unsupported scheme " + u.scheme() + "://; jokku speaks unix://, ssh:// and tcp://");
    }
  }
}
