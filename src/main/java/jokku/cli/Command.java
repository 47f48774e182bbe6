package jokku.cli;

import java.util.List;

/** One {@code plugin:subcommand}: parses its arguments, calls the domain, renders, returns the exit code. */
@FunctionalInterface
public interface Command {
  int run(Ctx ctx, List<String> args);
}
