package jokku.engine;

/**
 * An engine URL as {@code DOCKER_HOST} names it: {@code unix:///path}, {@code ssh://[user@]host[:port][/socket]} or
 * {@code tcp://host[:port]}. Refused as the docker CLI refuses them: a password in the URL, a query or a fragment.
 * {@code shown} is the URL as messages print it (a refused password masked).
 */
record EngineUrl(String scheme, String shown, String user, String host, int port, String path) {
  /** No port in the URL. */
  static final int NO_PORT = -1;

  static EngineUrl parse(String url) {
    int sep = url.indexOf("://");
    if (sep <= 0) throw new EngineUnreachable(url, "not an engine URL (unix:///path, ssh://[user@]host[:port] or tcp://host[:port])");
    String scheme = url.substring(0, sep);
    String rest = url.substring(sep + 3);
    if (scheme.equals("unix")) {
      if (rest.isEmpty()) throw new EngineUnreachable(url, "no socket path");
      return new EngineUrl(scheme, url, null, null, NO_PORT, rest);
    }
    if (!scheme.equals("ssh") && !scheme.equals("tcp")) return new EngineUrl(scheme, url, null, null, NO_PORT, "");
    int hash = rest.indexOf('#');
    if (hash >= 0) throw new EngineUnreachable(url, "extra fragment after the host: \"" + rest.substring(hash + 1) + "\"");
    int q = rest.indexOf('?');
    if (q >= 0) throw new EngineUnreachable(url, "extra query after the host: \"" + rest.substring(q + 1) + "\"");
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    String user = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      user = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = user.indexOf(':');
      if (colon >= 0) {
        String masked = scheme + "://" + user.substring(0, colon) + ":xxxxx@" + rest.substring(rest.lastIndexOf('@', slash < 0 ? rest.length() : slash) + 1);
        throw new EngineUnreachable(masked, "plain-text password is not supported");
      }
      if (user.isEmpty()) throw new EngineUnreachable(url, "an empty user name before @");
      if (user.startsWith("-")) throw new EngineUnreachable(url, "a user name may not start with -");
    }
    String host = authority;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) throw new EngineUnreachable(url, "an IPv6 address without its closing ]");
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) throw new EngineUnreachable(url, "unexpected \"" + after + "\" after the host");
        portText = after.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        host = authority.substring(0, colon);
        portText = authority.substring(colon + 1);
      }
    }
    if (host.isEmpty()) throw new EngineUnreachable(url, "no host specified");
    if (host.startsWith("-")) throw new EngineUnreachable(url, "a host name may not start with -");
    int port = NO_PORT;
    if (portText != null) {
      if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)
          || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
        throw new EngineUnreachable(url, "invalid port \"" + portText + "\"");
      }
      port = Integer.parseInt(portText);
    }
    if (scheme.equals("tcp")) {
      if (user != null) throw new EngineUnreachable(url, "a tcp:// URL takes no user name");
      if (!path.isEmpty() && !path.equals("/")) throw new EngineUnreachable(url, "a tcp:// URL takes no path");
      path = "";
    }
    return new EngineUrl(scheme, url, user, host, port, path);
  }
}
