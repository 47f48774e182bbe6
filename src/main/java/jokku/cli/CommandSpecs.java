package jokku.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Every command jokku knows, each declared once, grouped by plugin as Dokku's {@code help-functions} are: its usage
 * and help line, whether it needs the engine, whether it passes its arguments on untouched. {@link Registry} builds
 * the help, {@code <command> --help} and the usage of "Too many arguments" errors from it, {@code Main} its start-up
 * decision, and {@code docs/commands/<plugin>.md} holds each plugin's usage block as {@code <plugin>:help} prints it
 * (DocsUsageTest), {@link EngineWords} the engine kinds precomputed. The commands' code is bound to these names in
 * each {@code *Commands.register}. The table is plain strings, parsed into {@link CommandSpec}s when the registry is
 * built.
 */
public final class CommandSpecs {
  /** A plugin: its name (the part before the colon), its description in {@code help}, its commands in help order. */
  public record Plugin(String name, String description, List<CommandSpec> commands) {}

  /**
   * The declarations, one string per line so that reading them costs nothing at start-up: {@code plugin <name>,
   * <description>} starts a plugin; each command line is a kind, then Dokku's {@code <usage>, <description>} (the
   * usage starts with the command's name). Kinds: {@code engine} (may talk to the engine), {@code local} (reads
   * only jokku's files), {@code passthrough} (may talk to the engine, takes its arguments after the app untouched),
   * {@code hidden-engine} and {@code hidden-local} (not in help; no description). The flags a command's arguments
   * may hold follow its kind in parentheses, in {@link Args}' notation ({@code engine(--force,--format=)}), on the
   * command's first line; a command without them takes no flags (its own parsing aside: {@code run}, the reports).
   */
  private static final String[] TABLE = {
      "plugin acl, Manage which ssh keys may push to and manage an app (the dokku-acl plugin's commands)",
      "engine acl:add <app> <user>, Allow <user> (an ssh key's name) to push to and manage <app>",
      "engine acl:list [<app>], Show the list of users with access to <app> (every app's, without <app>)",
      "engine acl:remove <app> <user>, Revoke <user>'s access to <app>",
      "plugin apps, Manage apps",
      "engine(--skip-deploy,--ignore-existing) apps:clone <old-app> <new-app>, Clones an app",
      "engine apps:create <app>, Create a new app",
      "engine(--force) apps:destroy <app>, Permanently destroy an app",
      "local apps:exists <app>, Checks if an app exists",
      "local(--format=) apps:list [--format stdout|json], List your apps",
      "engine(--skip-deploy) apps:rename <old-app> <new-app>, Rename an app",
      "engine apps:report [<app>] [<flag>], Display report about an app",
      "plugin builder, Manage builder settings for an app",
      "engine builder:report [<app>|--global] [<flag>], Displays a builder report for one or more apps",
      "engine(--global) builder:set [--global|<app>] <key> (<value>), Set or clear a builder property for an app (selected: dockerfile or null)",
      "plugin certs, Manage SSL (TLS) certs",
      "engine certs:add <app> CRT KEY, Add an ssl endpoint to an app. Can also import from a tarball on stdin",
      "engine certs:generate <app> DOMAIN, Generate a key and certificate signing request (and self-signed certificate)",
      "engine certs:remove <app>, Remove an SSL Endpoint from an app",
      "engine certs:report [<app>] [<flag>], Displays an ssl report for one or more apps",
      "engine certs:show <app> <crt|key>, Show the server.crt or server.key on stdout",
      "engine certs:update <app> CRT KEY, Update an SSL Endpoint on an app. Can also import from a tarball on stdin",
      "plugin checks, Manage zero-downtime settings",
      "engine checks:disable <app> [process-type(s)], Disable zero-downtime deployment for all processes (or comma-separated process-type list) ***WARNING: this will cause downtime during deployments***",
      "engine checks:enable <app> [process-type(s)], Enable zero-downtime deployment for all processes (or comma-separated process-type list)",
      "engine checks:report [<app>|--global] [<flag>], Displays a checks report for one or more apps",
      "engine(--global) checks:set [--global|<app>] <key> <value>, Set or clear a checks property for an app (default-wait, wait-to-retire)",
      "engine checks:skip <app> [process-type(s)], Skip zero-downtime checks for all processes (or comma-separated process-type list)",
      "plugin config, Manage global and app-specific config vars",
      "engine(--global,--no-restart) config:clear [--no-restart] (<app>|--global), Clears environment variables",
      "local(--global,--merged,--format=) config:export [--format=FORMAT] [--merged] (<app>|--global), Export a global or app environment",
      "local(--global,--quoted) config:get [--quoted] (<app>|--global) KEY, Display a global or app-specific config value",
      "local(--global,--merged) config:keys [--merged] (<app>|--global), Show keys set in environment",
      "local(--global,--merged,--shell,--export) config:show [--merged] (<app>|--global), Pretty-print an app or global environment",
      "engine(--global,--no-restart,--encoded) config:set [--encoded] [--no-restart] (<app>|--global) KEY1=VALUE1 [KEY2=VALUE2 ...], Set one or more config vars",
      "engine(--global,--no-restart) config:unset [--no-restart] (<app>|--global) KEY1 [KEY2 ...], Unset one or more config vars",
      "plugin docker-options, Manage docker options for an app",
      "passthrough docker-options:add [--process PROC...] <app> <phase(s)> OPTION, Add Docker option to app for phase (comma separated phase list)",
      "engine docker-options:clear [--process PROC...] <app> [<phase(s)>...], Clear docker options from app with an optional phase (comma separated phase list)",
      "engine(--process=,--phase=) docker-options:list <app> [--process PROC] --phase PHASE, List docker options for one process+phase pair",
      "passthrough docker-options:remove [--process PROC...] <app> <phase(s)> OPTION, Remove Docker option from app for phase (comma separated phase list)",
      "engine docker-options:report [<app>] [<flag>] [--format json|stdout], Displays a docker options report for one or more apps",
      "plugin domains, Manage domains used by the proxy",
      "engine domains:add <app> <domain> [<domain> ...], Add domains to app",
      "engine domains:add-global <domain> [<domain> ...], Add global domain names",
      "engine(--all) domains:clear [--all|<app>], Clear all domains for app",
      "engine domains:clear-global, Clear global domain names",
      "engine domains:remove <app> <domain> [<domain> ...], Remove domains from app",
      "engine domains:remove-global <domain> [<domain> ...], Remove global domain names",
      "local domains:report [<app>|--global] [<flag>], Displays a domains report for one or more apps",
      "engine domains:reset <app>, Reset app domains to global-configured domains",
      "engine domains:set <app> <domain> [<domain> ...], Set domains for app",
      "engine domains:set-global <domain> [<domain> ...], Set global domain names",
      "plugin enter, Connect to a specific app container",
      "passthrough enter <app> [<container-type> || --container-id <container-id>] [<command>...], Connect to a specific app container",
      "plugin git, Manage app deploys via git",
      "hidden-engine git-hook <app>",
      "hidden-local git-receive-pack '<app>'",
      "hidden-local git-upload-pack '<app>'",
      "local git:allow-host <host>, Adds a host to known_hosts",
      "engine(--archive-type=) git:from-archive [--archive-type tar|tar.gz] <app> <archive-path|-> [<git-username> <git-email>], Builds and deploys an app from a Dockerfile project archive (a file, or - for stdin)",
      "engine git:from-image <app> <docker-image> [<git-username> <git-email>], Deploys an app from a docker image (pulled only when absent)",
      "engine git:initialize <app>, Initialize a git repository for an app",
      "engine git:load-image <app> [<docker-image>] [<git-username> <git-email>], Deploys an app from a docker save tarball read from stdin",
      "local git:public-key, Outputs the dokku public deploy key",
      "engine git:report [<app>] [<flag>], Displays a git report for one or more apps",
      "engine(--global) git:set [--global|<app>] <key> (<value>), Set or clear a git property for an app (deploy-branch, rev-env-var)",
      "engine(--build,--build-if-changes) git:sync [--build|--build-if-changes] <app> <repository> [<git-ref>], Clone or fetch an app from remote git repo",
      "local(--force) git:unlock <app> [--force], Removes stale git lock files left in an app's repository by an interrupted push or sync",
      "plugin logs, Manage log integration for an app",
      "engine(-t,--tail,-q,--quiet,-n=,--num=,-p=,--ps=) logs <app> [-h] [-t] [-n num] [-q] [-p process], Display recent log output",
      "engine(--all) logs:failed [--all|<app>], Shows the last failed deploy logs",
      "plugin network, Manage network settings for an app",
      "engine(--all,--format=,--probe) network:check [<app>|--all] [--format stdout|json] [--probe], Reports what network:rebuild would change, changing nothing",
      "engine(--driver=,--internal,--ipv6,--subnet=*,--gateway=*,--ip-range=*,--opt=*,--label=*) network:create <network>, Creates an attachable docker network",
      "engine(--force) network:destroy <network>, Destroys a docker network",
      "engine network:exists <network>, Checks if a docker network exists",
      "engine(--format=) network:info <network> [--format text|json], Outputs information about a docker network",
      "engine(--format=,--output=) network:graph [<app>...] [--format svg|png|dot|mermaid|json] [--output <file>], Draws apps, networks, aliases and nginx",
      "engine(--format=,--dokku-managed) network:list [--format text|json] [--dokku-managed], Lists all docker networks",
      "engine network:rebuild <app>, Rebuilds network settings for an app",
      "engine network:rebuildall, Rebuild network settings for all apps",
      "engine network:report [<app>] [<flag>], Displays a network report for one or more apps",
      "engine(--global) network:set <app> <property> (<value>...), Set or clear a network property for an app",
      "engine network:watch, Keeps every app's network state in sync by following the Docker engine's events (runs until stopped)",
      "plugin nginx, Manage the nginx proxy",
      "engine(-t) nginx:access-logs <app> [-t], Show the nginx access logs for an application (-t follows)",
      "engine(--all,--parallel=) nginx:build-config [--all|<app>], (Re)builds nginx config for given app",
      "engine(-t) nginx:error-logs <app> [-t], Show the nginx error logs for an application (-t follows)",
      "engine nginx:report [<app>|--global] [<flag>], Displays an nginx report for one or more apps",
      "engine(--global) nginx:set [--global|<app>] <property> (<value>), Set or clear an nginx property for an app",
      "engine nginx:show-config <app>, Display app nginx config",
      "engine nginx:start, Starts the nginx server",
      "engine nginx:stop, Stops the nginx server",
      "engine(--clean) nginx:validate-config [<app>] [--clean], Validates and optionally cleans up invalid nginx configurations",
      "plugin ports, Manage ports for an app",
      "engine ports:add <app> <scheme>:<host-port>:<container-port> [<scheme>:<host-port>:<container-port>...], Add port mappings to an app",
      "engine ports:clear <app>, Clear all port mappings for an app",
      "local ports:list <app>, List port mappings for an app",
      "engine ports:remove <app> <host-port> [<host-port>|<scheme>:<host-port>:<container-port>...], Remove specific port mappings from an app",
      "local ports:report [<app>] [<flag>], Displays a ports report for one or more apps",
      "engine ports:set <app> <scheme>:<host-port>:<container-port> [<scheme>:<host-port>:<container-port>...], Set port mappings for an app",
      "plugin proxy, Manage the proxy integration for an app",
      "engine(--all,--parallel=) proxy:build-config [--all|<app>], (Re)builds config for a given app",
      "engine(--all,--parallel=) proxy:clear-config [--all|<app>], Clears config for a given app",
      "engine(--all,--parallel=) proxy:disable [--all|<app>], Disable proxy for app",
      "engine(--all,--parallel=) proxy:enable [--all|<app>], Enable proxy for app",
      "engine proxy:report [<app>|--global] [<flag>], Displays a proxy report for one or more apps",
      "engine(--global) proxy:set <app> [type] <proxy-type>, Set proxy type for app",
      "engine proxy:set --global <listen|nginx-conf|type> [<value>], Set a global proxy property (listen: [address:]port)",
      "engine proxy:start, Starts the nginx jokku manages",
      "engine proxy:stop, Stops the nginx jokku manages",
      "plugin ps, Manage app processes",
      "engine ps:inspect <app>, Displays a sanitized version of docker inspect for an app",
      "engine(--all,--parallel=) ps:rebuild [--all|<app>], Rebuilds an app from source",
      "engine ps:report [<app>] [<flag>], Displays a process report for one or more apps",
      "engine(--all,--parallel=) ps:restart [--all|<app>] [<process-name>], Restart an app",
      "engine(--all,--parallel=) ps:restore [--all|<app>], Start previously running apps e.g. after reboot (all apps when none is named)",
      "engine ps:retire, Automatically retires older containers",
      "engine(--skip-deploy,--format=) ps:scale [--skip-deploy] [--format stdout|json] <app> <proc>=<count> [<proc>=<count>...], Get/Set how many instances of a given process to run",
      "engine(--global) ps:set <app>|--global <procfile-path|restart-policy|restore|stop-timeout-seconds> [<value>], Set or clear a ps property for an app",
      "engine(--all,--parallel=) ps:start [--all|<app>], Start an app",
      "engine(--all,--parallel=) ps:stop [--all|<app>], Stop an app",
      "plugin registry, Manage registry settings for an app",
      "engine registry:report [<app>|--global] [<flag>], Displays a registry report for one or more apps",
      "engine(--global) registry:set [--global|<app>] <key> (<value>), Set or clear a registry property (server, image-repo, push-on-release)",
      "plugin run, Run a one-off process inside a container",
      "passthrough run [-e|--env KEY=VALUE] [--no-tty|--tty] [--ttl-seconds N] <app> <cmd>, Run a command in a new container using the current app image",
      "passthrough run:detached [-e|--env KEY=VALUE] [--ttl-seconds N] <app> <cmd>, Run a command in a new detached container using the current app image",
      "engine(--format=) run:list [--format json|stdout] <app>, List all run containers for an app",
      "engine run:retire [<app>], Stops and removes run containers that have exceeded their active deadline",
      "engine(--container=) run:stop <app> [<container>]|--container <container>, Stops all run containers for an app or a specified run container",
      "plugin scheduler, Manage scheduler settings for an app",
      "engine scheduler:report [<app>|--global] [<flag>], Displays a scheduler report for one or more apps",
      "engine(--global) scheduler:set [--global|<app>] <key> (<value>), Set or clear a scheduler property for an app (selected: docker-local, null or swarm)",
      "plugin scheduler-swarm, Manage the swarm scheduler's cluster",
      "engine(--role=,--advertise-addr=) scheduler-swarm:cluster-add [--role worker|manager] [--advertise-addr <ip>] <engine-url>, Joins the engine at <engine-url> (ssh://root@10.0.0.12, tcp://host:2376, unix:///path) to the swarm",
      "engine scheduler-swarm:cluster-list, Lists the swarm's nodes",
      "engine scheduler-swarm:cluster-remove <node>, Drains a node (its tasks move to the others) and removes it from the swarm",
      "engine(--advertise-addr=,--default-addr-pool=) scheduler-swarm:initialize [--advertise-addr <ip>] [--default-addr-pool <cidr>], Makes this engine the manager of a new swarm",
      "engine scheduler-swarm:report [<flag>], Displays the swarm this engine manages",
      "plugin ssh-keys, Manage public ssh keys that are allowed to connect to Dokku",
      "engine ssh-keys:add <name> [<file>|-], Add a new public key by pipe or path",
      "engine(--format=) ssh-keys:list [--format text|json] [<name>], List of all authorized Dokku public ssh keys",
      "engine(--fingerprint=) ssh-keys:remove <name>|--fingerprint <fingerprint>, Remove SSH public key by name or fingerprint",
      "engine ssh-keys:report [<name>] [<flag>], Displays a report of one or all ssh keys: fingerprint, admin, apps on whose ACL it is",
      "engine ssh-keys:set <name> admin (true|false), Makes a key an admin key (it may run every command) or not",
      "plugin url, Show the first URL for an application (compatibility)",
      "local url <app>, Show the first URL for an application",
      "plugin urls, Show all URLs for an application",
      "local urls <app>, Show all URLs for an application"
  };

  private CommandSpecs() {}

  /** The table parsed, on first use. */
  private static final class Parsed {
    static final List<Plugin> PLUGINS = new ArrayList<>();
    static final List<CommandSpec> COMMANDS = new ArrayList<>();
    static final java.util.Map<String, CommandSpec> FIRST = new java.util.HashMap<>();

    static {
      String plugin = null, description = null;
      List<CommandSpec> commands = null;
      for (String line : TABLE) {
        int space = line.indexOf(' ');
        String kind = line.substring(0, space), rest = line.substring(space + 1);
        int comma = rest.indexOf(", ");
        if (kind.equals("plugin")) {
          if (plugin != null) PLUGINS.add(new Plugin(plugin, description, List.copyOf(commands)));
          plugin = rest.substring(0, comma);
          description = rest.substring(comma + 2);
          commands = new ArrayList<>();
          continue;
        }
        List<String> flags = List.of();
        int paren = kind.indexOf('(');
        if (paren > 0) {
          flags = List.of(kind.substring(paren + 1, kind.length() - 1).split(","));
          kind = kind.substring(0, paren);
        }
        boolean hidden = kind.startsWith("hidden-");
        String usage = hidden ? rest : rest.substring(0, comma);
        int end = usage.indexOf(' ');
        CommandSpec c = new CommandSpec(end < 0 ? usage : usage.substring(0, end), usage, hidden ? null : rest.substring(comma + 2),
            !kind.equals("local") && !kind.equals("hidden-local"), kind.equals("passthrough"), flags);
        commands.add(c);
        COMMANDS.add(c);
        FIRST.putIfAbsent(c.name(), c);
      }
      PLUGINS.add(new Plugin(plugin, description, List.copyOf(commands)));
    }
  }

  /** Every plugin, in declaration order. */
  static List<Plugin> plugins() {
    return Parsed.PLUGINS;
  }

  /** The command's first line, or null for a word that is no command. */
  static CommandSpec find(String name) {
    return Parsed.FIRST.get(name);
  }

  /** The flags the command's arguments may hold (its first line's), none for a word that is no command. */
  static List<String> flags(String name) {
    CommandSpec c = find(name);
    return c == null ? List.of() : c.flags();
  }

  /** The command's usage as errors quote it: its help lines' usages, joined by {@code " | "} when it has several forms. */
  static String usage(String name) {
    StringBuilder b = new StringBuilder();
    for (CommandSpec c : Parsed.COMMANDS) {
      if (c.name().equals(name)) b.append(b.length() == 0 ? "" : " | ").append(c.usage());
    }
    if (b.length() == 0) throw new IllegalArgumentException("no command spec for " + name);
    return b.toString();
  }
}
