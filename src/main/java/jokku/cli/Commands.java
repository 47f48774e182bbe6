package jokku.cli;

import jokku.Out;

/** Binds every command of {@link CommandSpecs} to its code in one registry; prints {@code help}. */
public final class Commands {
  private Commands() {}

  public static Registry registry() {
    Registry r = new Registry();
    NetworkCommands.register(r);
    WatchCommands.register(r);
    NetworkRebuildCommands.register(r);
    NetworkCheckCommands.register(r);
    RunCommands.register(r);
    DockerOptionsCommands.register(r);
    NetworkPropertyCommands.register(r);
    AppsCommands.register(r);
    ConfigCommands.register(r);
    DomainsCommands.register(r);
    PortsCommands.register(r);
    ProxyCommands.register(r);
    AppLogsCommands.register(r);
    BuilderCommands.register(r);
    CertsCommands.register(r);
    NginxCommands.register(r);
    PsCommands.register(r);
    PsPropertyCommands.register(r);
    ChecksCommands.register(r);
    GitCommands.register(r);
    GitPushCommands.register(r);
    GitHostCommands.register(r);
    SchedulerCommands.register(r);
    SwarmCommands.register(r);
    RegistryCommands.register(r);
    SshKeysCommands.register(r);
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
    for (CommandSpecs.Plugin p : r.plugins()) width = Math.max(width, p.name().length());
    for (CommandSpecs.Plugin p : r.plugins()) {
      out.println("    " + p.name() + " ".repeat(width - p.name().length() + 2) + p.description());
    }
  }
}
