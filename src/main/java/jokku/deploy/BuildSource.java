package jokku.deploy;

import java.io.InputStream;
import java.nio.file.Path;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * An app's remembered build source, kept (as in Dokku) under the git plugin: the image it was deployed from
 * ({@code config/git/<app>/source-image}) or the Dockerfile project archive it was built from
 * ({@code data/git/<app>/source-archive}), so {@code ps:rebuild} can build again. The only reader and writer of those
 * files: the builds here, and a push ({@code git}, which sits above this package) that sets the previous source
 * aside until its build settles.
 */
public final class BuildSource {
  /** The git plugin, whose folders hold the source (its settings are {@code git/GitSettings}). */
  public static final String PLUGIN = "git";
  static final Property IMAGE = Property.of(PLUGIN, "source-image").appOnly().internal();
  static final String ARCHIVE = "source-archive";
  /** An archive being stored and checked, kept as {@link #ARCHIVE} once it built. */
  static final String PENDING = ARCHIVE + ".new";
  private static final String PREVIOUS = ARCHIVE + ".previous";
  private final Store store;

  public BuildSource(Store store) {
    this.store = store;
  }

  /** The image the app was last deployed from, or "" when it was built (or never deployed). */
  public String image(String app) {
    return new PropertyValues(store).app(IMAGE, app);
  }

  boolean hasArchive(String app) {
    return store.dataExists(PLUGIN, app, ARCHIVE);
  }

  /** The source is now an image: remembered (under the app lock), the archive dropped. */
  void rememberImage(String app, String image) {
    try (Store.Lock l = store.lock(app)) {
      new PropertyValues(store).set(IMAGE, Scope.app(app), image);
    }
    store.deleteData(PLUGIN, app, ARCHIVE);
  }

  /** The source is now the archive that just built ({@link #PENDING}): kept, the remembered image forgotten. */
  void keepPending(String app) {
    store.moveData(PLUGIN, app, PENDING, ARCHIVE);
    try (Store.Lock l = store.lock(app)) {
      new PropertyValues(store).set(IMAGE, Scope.app(app), "");
    }
  }

  void write(String app, String name, InputStream in) {
    store.writeDataStream(PLUGIN, app, name, in);
  }

  InputStream open(String app, String name) {
    return store.openData(PLUGIN, app, name);
  }

  Path path(String app, String name) {
    return store.dataPath(PLUGIN, app, name);
  }

  void delete(String app, String name) {
    store.deleteData(PLUGIN, app, name);
  }

  /** What a push replaces: the remembered image, and whether an archive was kept (moved aside meanwhile). */
  public record Previous(String image, boolean hadArchive) {}

  /** Before a push builds: the remembered source, its archive moved aside so the push's build cannot lose it. */
  public Previous setAside(String app) {
    Previous previous = new Previous(image(app), hasArchive(app));
    if (previous.hadArchive()) store.moveData(PLUGIN, app, ARCHIVE, PREVIOUS);
    return previous;
  }

  /** The push built: the source set aside goes. */
  public void discard(String app, Previous previous) {
    if (previous.hadArchive()) store.deleteData(PLUGIN, app, PREVIOUS);
  }

  /** A rejected push leaves the previous source in place, so {@code ps:rebuild} builds what was last deployed. */
  public void restore(String app, Previous previous) {
    try (Store.Lock l = store.lock(app)) {
      new PropertyValues(store).set(IMAGE, Scope.app(app), previous.image());
    }
    if (previous.hadArchive()) store.moveData(PLUGIN, app, PREVIOUS, ARCHIVE);
    else store.deleteData(PLUGIN, app, ARCHIVE);
  }
}
