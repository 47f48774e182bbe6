package jokku.apps;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a plugin does when an app goes away, is renamed or is copied: one listener of {@link Apps}, which tells each
 * of its listeners in list order. Creating an app concerns no plugin but {@code apps}.
 */
public interface AppLifecycle {
  /**
   * {@code apps:destroy}, and the old name of {@code apps:rename}: under the app's lock and deploy lock, after the
   * {@code Destroying} line and before its containers, properties, data and folder are removed.
   */
  default void destroying(String app) {}

  /** {@code apps:destroy}, after the app's containers and state are gone and its locks released. */
  default void destroyed(String app) {}

  /** {@code apps:rename} / {@code apps:clone}, after the new app has the old one's state and the locks are released. */
  default void copied(Copy copy) {}

  /**
   * One rename or clone: {@code from} became (rename) or was copied to {@code to}; {@code deploy} unless
   * {@code --skip-deploy}; whether {@code from} had containers (any state), asked of the engine only when called.
   */
  record Copy(String from, String to, boolean renamed, boolean deploy, BooleanSupplier sourceHadContainers) {}

  /** The listener {@code make} returns, made when the first event reaches it (an app that is only listed makes none). */
  static AppLifecycle lazy(Supplier<? extends AppLifecycle> make) {
    return new AppLifecycle() {
      private AppLifecycle made;

      private AppLifecycle made() {
        if (made == null) made = make.get();
        return made;
      }

      @Override
      public void destroying(String app) {
        made().destroying(app);
      }

      @Override
      public void destroyed(String app) {
        made().destroyed(app);
      }

      @Override
      public void copied(Copy copy) {
        made().copied(copy);
      }
    };
  }
}
