package jokku.cli;

/**
 * One line of a command's help, as the user sees it: the usage (the command's name first, Dokku's wording) and the
 * description its plugin's help shows, whether the command may talk to the engine (then {@code Main} gets the
 * engine client ready on a side thread while the command starts), and whether its arguments after the app name are
 * passed on untouched (no global-flag stripping: {@code run}, {@code enter}, {@code docker-options:add}). A command
 * with a null description is hidden from help ({@code git-hook}, the git transport commands). {@code flags} are the
 * flags {@link Args#parse} accepts, in {@link Args}' notation ({@code --force}, {@code --format=}, {@code --label=*}).
 */
public record CommandSpec(String name, String usage, String description, boolean engine, boolean passthrough, java.util.List<String> flags) {
  public CommandSpec(String name, String usage, String description, boolean engine, boolean passthrough) {
    this(name, usage, description, engine, passthrough, java.util.List.of());
  }

  /** The help line's two columns: {@code usage, description}. */
  public boolean hidden() {
    return description == null;
  }
}
