package jokku.cli;

/**
 * {@code Main}'s start-up decision, precomputed: whether a command word may talk to the engine (then the engine
 * client is got ready on a side thread while the command starts). The words are those {@link CommandSpecs} declares
 * with an engine kind ({@code engine}, {@code passthrough}, {@code hidden-engine}); a string switch is a hash lookup,
 * where reading the table cost about 0.2 ms of every invocation. Help, plugin names and unknown words: no.
 * CommandSpecsTest holds this list equal to the table (and prints the list to paste when they differ).
 */
public final class EngineWords {
  private EngineWords() {}

  /** Whether {@code word} is a command that may talk to the engine. */
  public static boolean contains(String word) {
    switch (word) {
      case
        "acl:add", "acl:list", "acl:remove",
        "apps:clone", "apps:create", "apps:destroy", "apps:rename", "apps:report",
        "builder:report", "builder:set",
        "certs:add", "certs:generate", "certs:remove", "certs:report", "certs:show", "certs:update",
        "checks:disable", "checks:enable", "checks:report", "checks:set", "checks:skip",
        "config:clear", "config:set", "config:unset",
        "docker-options:add", "docker-options:clear", "docker-options:list", "docker-options:remove",
        "docker-options:report",
        "domains:add", "domains:add-global", "domains:clear", "domains:clear-global", "domains:remove",
        "domains:remove-global", "domains:reset", "domains:set", "domains:set-global",
        "enter",
        "git-hook",
        "git:from-archive", "git:from-image", "git:initialize", "git:load-image", "git:report", "git:set",
        "git:sync",
        "logs", "logs:failed",
        "network:check", "network:create", "network:destroy", "network:exists", "network:info", "network:graph",
        "network:list", "network:rebuild", "network:rebuildall", "network:report", "network:set", "network:watch",
        "nginx:access-logs", "nginx:build-config", "nginx:error-logs", "nginx:report", "nginx:set",
        "nginx:show-config", "nginx:start", "nginx:stop", "nginx:validate-config",
        "ports:add", "ports:clear", "ports:remove", "ports:set",
        "proxy:build-config", "proxy:clear-config", "proxy:disable", "proxy:enable", "proxy:report", "proxy:set",
        "proxy:start", "proxy:stop",
        "ps:inspect", "ps:rebuild", "ps:report", "ps:restart", "ps:restore", "ps:retire", "ps:scale", "ps:set",
        "ps:start", "ps:stop",
        "registry:report", "registry:set",
        "run", "run:detached", "run:list", "run:retire", "run:stop",
        "scheduler:report", "scheduler:set",
        "scheduler-swarm:cluster-add", "scheduler-swarm:cluster-list", "scheduler-swarm:cluster-remove",
        "scheduler-swarm:initialize", "scheduler-swarm:report",
        "ssh-keys:add", "ssh-keys:list", "ssh-keys:remove", "ssh-keys:report", "ssh-keys:set":
        return true;
      default:
        return false;
    }
  }
}
