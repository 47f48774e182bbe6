package jokku.cli;

import jokku.Out;

/** Wires every plugin's commands and help text into one registry; prints {@code help}. */
public final class Commands {
  private Commands() {}

  public static Registry registry() {
    Registry r = new Registry();
    r.plugin("network", "Manage network settings for an app",
        "network:check [<app>|--all] [--format F] [--probe], Reports what network:rebuild would change, changing nothing (F: stdout|json)",
        "network:create <network>, Creates an attachable docker network",
        "network:destroy <network>, Destroys a docker network",
        "network:exists <network>, Checks if a docker network exists",
        "network:info <network> [--format text|json], Outputs information about a docker network",
        "network:graph [<app>...] [--format F] [--output O], Draws apps, networks, aliases and nginx (F: svg|png|dot|mermaid|json)",
        "network:list [--format text|json] [--dokku-managed], Lists all docker networks",
        "network:rebuild <app>, Rebuilds network settings for an app",
        "network:rebuildall, Rebuild network settings for all apps",
        "network:report [<app>] [<flag>], Displays a network report for one or more apps",
        "network:set <app> <property> (<value>...), Set or clear a network property for an app",
        WatchCommands.HELP);
    NetworkCommands.register(r);
    WatchCommands.register(r);
    NetworkRebuildCommands.register(r);
    NetworkCheckCommands.register(r);
    r.plugin("run", "Run a one-off process inside a container",
        "run [-e|--env KEY=VALUE] [--no-tty|--tty] [--ttl-seconds N] <app> <cmd>, Run a command in a new container using the current app image",
        "run:detached [-e|--env KEY=VALUE] [--ttl-seconds N] <app> <cmd>, Run a command in a new detached container using the current app image",
        "run:list [--format json|stdout] <app>, List all run containers for an app",
        "run:retire [<app>], Stops and removes run containers that have exceeded their active deadline",
        "run:stop <app> [<container>]|--container <container>, Stops all run containers for an app or a specified run container");
    RunCommands.register(r);
    r.plugin("docker-options", "Manage docker options for an app", DockerOptionsCommands.HELP);
    DockerOptionsCommands.register(r);
    NetworkPropertyCommands.register(r);
    DeployHooks hooks = new DeployRestarts();
    r.plugin("apps", "Manage apps",
        "apps:clone <old-app> <new-app>, Clones an app",
        "apps:create <app>, Create a new app",
        "apps:destroy <app>, Permanently destroy an app",
        "apps:exists <app>, Checks if an app exists",
        "apps:list [--format stdout|json], List your apps",
        "apps:rename <old-app> <new-app>, Rename an app",
        "apps:report [<app>] [<flag>], Display report about an app");
    AppsCommands.register(r, hooks);
    r.plugin("config", "Manage global and app-specific config vars",
        "config:clear [--no-restart] (<app>|--global), Clears environment variables",
        "config:export [--format=FORMAT] [--merged] (<app>|--global), Export a global or app environment",
        "config:get [--quoted] (<app>|--global) KEY, Display a global or app-specific config value",
        "config:keys [--merged] (<app>|--global), Show keys set in environment",
        "config:show [--merged] (<app>|--global), Pretty-print an app or global environment",
        "config:set [--encoded] [--no-restart] (<app>|--global) KEY1=VALUE1 [KEY2=VALUE2 ...], Set one or more config vars",
        "config:unset [--no-restart] (<app>|--global) KEY1 [KEY2 ...], Unset one or more config vars");
    ConfigCommands.register(r, hooks);
    r.plugin("domains", "Manage domains used by the proxy", DomainsCommands.HELP);
    DomainsCommands.register(r);
    r.plugin("ports", "Manage ports for an app", PortsCommands.HELP);
    PortsCommands.register(r);
    r.plugin("proxy", "Manage the proxy integration for an app", ProxyCommands.HELP);
    r.plugin("url", "Show the first URL for an application (compatibility)", "url <app>, Show the first URL for an application");
    r.plugin("urls", "Show all URLs for an application", "urls <app>, Show all URLs for an application");
    ProxyCommands.register(r);
    r.plugin("logs", "Manage log integration for an app", AppLogsCommands.LOGS_HELP);
    r.plugin("enter", "Connect to a specific app container", AppLogsCommands.ENTER_HELP);
    AppLogsCommands.register(r);
    r.plugin("builder", "Manage builder settings for an app", BuilderCommands.HELP);
    BuilderCommands.register(r);
    r.plugin("certs", "Manage SSL (TLS) certs", CertsCommands.HELP);
    CertsCommands.register(r);
    r.plugin("nginx", "Manage the nginx proxy", NginxCommands.HELP);
    NginxCommands.register(r);
    r.plugin("ps", "Manage app processes", java.util.stream.Stream.concat(java.util.Arrays.stream(PsCommands.HELP),
        java.util.Arrays.stream(PsPropertyCommands.HELP)).sorted().toArray(String[]::new));
    PsCommands.register(r);
    PsPropertyCommands.register(r);
    r.plugin("checks", "Manage zero-downtime settings", ChecksCommands.HELP);
    ChecksCommands.register(r);
    r.plugin("git", "Manage app deploys via git", java.util.stream.Stream.concat(java.util.Arrays.stream(GitCommands.HELP),
        java.util.Arrays.stream(GitPushCommands.HELP)).sorted().toArray(String[]::new));
    GitCommands.register(r);
    GitPushCommands.register(r);
    r.plugin("scheduler", "Manage scheduler settings for an app", SchedulerCommands.HELP);
    SchedulerCommands.register(r);
    r.plugin("scheduler-swarm", "Manage the swarm scheduler's cluster", SwarmCommands.HELP);
    SwarmCommands.register(r);
    r.plugin("registry", "Manage registry settings for an app", RegistryCommands.HELP);
    RegistryCommands.register(r);
    r.plugin("ssh-keys", "Manage public ssh keys that are allowed to connect to Dokku", SshKeysCommands.HELP);
    SshKeysCommands.register(r);
    r.plugin("acl", "Manage which ssh keys may push to and manage an app (the dokku-acl plugin's commands)", AclCommands.HELP);
    AclCommands.register(r);
    return r;
  }

  public static void printHelp(Registry r, Out out) {
    out.println("Usage: dokku [--quiet|--trace|--force] COMMAND <app> [command-specific-options]");
    out.println("");
    out.println("Primary help options, type \"dokku COMMAND:help\" for more details:");
    out.println("");
    out.println("Commands:");
    out.println("");
    int width = 0;
    for (Registry.Plugin p : r.plugins()) width = Math.max(width, p.name().length());
    for (Registry.Plugin p : r.plugins()) {
      out.println("    " + p.name() + " ".repeat(width - p.name().length() + 2) + p.description());
    }
  }
}
