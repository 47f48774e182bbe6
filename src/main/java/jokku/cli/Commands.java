package jokku.cli;

/** Wires every plugin's commands and help text into one registry; prints {@code help}. */
public final class Commands {
  private Commands() {}

  public static Registry registry() {
    Registry r = new Registry();
    r.plugin("network", "Manage network settings for an app",
        "network:create <network>, Creates an attachable docker network",
        "network:destroy <network>, Destroys a docker network",
        "network:exists <network>, Checks if a docker network exists",
        "network:info <network> [--format text|json], Outputs information about a docker network",
        "network:list [--format text|json] [--dokku-managed], Lists all docker networks",
        "network:rebuild <app>, Rebuilds network settings for an app",
        "network:rebuildall, Rebuild network settings for all apps",
        "network:report [<app>] [<flag>], Displays a network report for one or more apps",
        "network:set <app> <property> (<value>...), Set or clear a network property for an app");
    NetworkCommands.register(r);
    r.plugin("domains", "Manage domains used by the proxy",
        "domains:add <app> <domain> [<domain> ...], Add domains to app",
        "domains:add-global <domain> [<domain> ...], Add global domain names",
        "domains:clear <app>, Clear all domains for app",
        "domains:clear-global, Clear global domain names",
        "domains:remove <app> <domain> [<domain> ...], Remove domains from app",
        "domains:remove-global <domain> [<domain> ...], Remove global domain names",
        "domains:report [<app>|--global] [<flag>], Displays a domains report for one or more apps",
        "domains:reset <app>, Reset app domains to global-configured domains",
        "domains:set <app> <domain> [<domain> ...], Set domains for app",
        "domains:set-global <domain> [<domain> ...], Set global domain names");
    DomainsCommands.register(r);
    r.plugin("ports", "Manage ports for an app",
        "ports:add <app> <scheme>:<host-port>:<container-port> [<scheme>:<host-port>:<container-port>...], Add port mappings to an app",
        "ports:clear <app>, Clear all port mappings for an app",
        "ports:list <app>, List port mappings for an app",
        "ports:remove <app> <host-port> [<host-port>|<scheme>:<host-port>:<container-port>...], Remove specific port mappings from an app",
        "ports:report [<app>] [<flag>], Displays a ports report for one or more apps",
        "ports:set <app> <scheme>:<host-port>:<container-port> [<scheme>:<host-port>:<container-port>...], Set port mappings for an app");
    PortsCommands.register(r);
    r.plugin("proxy", "Manage the proxy integration for an app",
        "proxy:build-config [--all|<app>], (Re)builds config for a given app",
        "proxy:clear-config [--all|<app>], Clears config for a given app",
        "proxy:disable [--all|<app>], Disable proxy for app",
        "proxy:enable [--all|<app>], Enable proxy for app",
        "proxy:report [<app>|--global] [<flag>], Displays a proxy report for one or more apps",
        "proxy:set <app> <proxy-type>, Set proxy type for app",
        "proxy:set --global <listen|nginx-conf|type> [<value>], Set a global proxy property (listen: [address:]port)",
        "proxy:start, Starts the nginx jokku manages",
        "proxy:stop, Stops the nginx jokku manages");
    r.plugin("url", "Show the first URL for an application (compatibility)", "url <app>, Show the first URL for an application");
    r.plugin("urls", "Show all URLs for an application", "urls <app>, Show all URLs for an application");
    ProxyCommands.register(r);
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
