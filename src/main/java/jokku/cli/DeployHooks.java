package jokku.cli;

/**
 * What config commands ask of the deploy code: {@link Commands#registry} passes {@link DeployRestarts} (the single
 * place to wire it); {@link #NONE} does nothing. What the other plugins do when an app is destroyed, renamed or
 * cloned is the {@link jokku.apps.AppLifecycle} list instead ({@link AppsCommands#apps}).
 */
public interface DeployHooks {
  /**
   * {@code config:set} / {@code config:unset} of an app, without {@code --no-restart}: restart the app if it is
   * deployed (Dokku prints {@code -----> Restarting app <app>} and runs {@code ps:restart}). Called after the ENV
   * file was written and the app lock released.
   */
  default void configChanged(Ctx ctx, String app) {}

  /** Whether this implementation does anything (so callers can skip engine work that only feeds the hooks). */
  default boolean active() {
    return true;
  }

  DeployHooks NONE = new DeployHooks() {
    @Override
    public boolean active() {
      return false;
    }
  };
}
