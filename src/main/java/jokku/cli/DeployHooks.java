package jokku.cli;

/**
 * What app and config commands ask of the deploy code. Until deploys exist these do nothing: {@link Commands#registry}
 * passes {@link #NONE}; the deploy code passes its own implementation there (the single place to wire it).
 */
public interface DeployHooks {
  /**
   * {@code config:set} / {@code config:unset} of an app, without {@code --no-restart}: restart the app if it is
   * deployed (Dokku prints {@code -----> Restarting app <app>} and runs {@code ps:restart}). Called after the ENV
   * file was written and the app lock released.
   */
  default void configChanged(Ctx ctx, String app) {}

  /**
   * {@code apps:rename} / {@code apps:clone} without {@code --skip-deploy}: deploy the new app when the source app
   * had containers ({@code sourceHadContainers}), as Dokku rebuilds a renamed or cloned app.
   */
  default void appCopied(Ctx ctx, String newApp, boolean sourceHadContainers) {}

  /** {@code apps:destroy} (and the old name of {@code apps:rename}), before the app's state goes: its scheduler's processes. */
  default void appDestroying(Ctx ctx, String app) {}

  /** {@code apps:destroy}, after the app's containers and state are gone: remove what the deploys built (images). */
  default void appDestroyed(Ctx ctx, String app) {}

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
