package jokku.image;

import java.util.Map;
import jokku.engine.Engine;
import jokku.engine.ImageConfig;
import jokku.store.Store;

/**
 * What the last successful deploy read from its image and committed, where Dokku keeps it: the Procfile in
 * {@code data/ps/<app>/Procfile}, app.json in {@code data/app-json/<app>/app.json}, and the image's id in
 * {@code data/ps/<app>/release-image-id}. The copies stand for the image while its id is the same; the deploy (which
 * writes them) and {@code run <app> <key>} (which reads the Procfile) both go through here.
 */
public final class CommittedFiles {
  private static final String PS = "ps";
  private static final String APP_JSON = "app-json";
  private static final String MARKER = "release-image-id";
  /** The procfile-path the committed Procfile was read from (absent: {@code Procfile}, as before it was recorded). */
  private static final String PATH_MARKER = "release-procfile-path";

  private final Store store;

  public CommittedFiles(Store store) {
    this.store = store;
  }

  /** Where the Procfile is in the image: the {@code ps} procfile-path property (app, else global, else {@code Procfile}). */
  public String procfilePath(String app) {
    String v = store.property(PS, app, "procfile-path");
    if (v.isEmpty()) v = store.property(PS, Store.GLOBAL, "procfile-path");
    return v.isEmpty() ? "Procfile" : v;
  }

  /** Whether procfile-path is set (app or global): the file it names must then be in the image. */
  public boolean procfilePathSet(String app) {
    return !store.property(PS, app, "procfile-path").isEmpty() || !store.property(PS, Store.GLOBAL, "procfile-path").isEmpty();
  }

  /** A procfile-path that names no file in the image: the deploy stops before anything changes. */
  public static jokku.DokkuException procfileMissing(String app, String path) {
    return new jokku.DokkuException("No Procfile at " + path + " in " + app + "'s image (ps procfile-path); fix it with ps:set " + app + " procfile-path <path>, or unset it");
  }

  /** True when the committed copies were read from this image, at the procfile-path in force now. */
  public boolean from(String app, ImageConfig image) {
    String path = store.readData(PS, app, PATH_MARKER).trim();
    return image.id().equals(store.readData(PS, app, MARKER).trim()) && (path.isEmpty() ? "Procfile" : path).equals(procfilePath(app));
  }

  /** The committed Procfile text ("" when the image had none). */
  public String procfile(String app) {
    return store.readData(PS, app, "Procfile");
  }

  /** The committed app.json text ("" when the image had none). */
  public String appJson(String app) {
    return store.readData(APP_JSON, app, "app.json");
  }

  /** Records what a deploy ran with; an empty text deletes that copy. The image id is written last. */
  public void commit(String app, String procfile, String appJson, String imageId) {
    if (!procfile.isEmpty()) store.writeData(PS, app, "Procfile", procfile);
    else store.deleteData(PS, app, "Procfile");
    if (!appJson.isEmpty()) store.writeData(APP_JSON, app, "app.json", appJson);
    else store.deleteData(APP_JSON, app, "app.json");
    store.writeData(PS, app, PATH_MARKER, procfilePath(app));
    store.writeData(PS, app, MARKER, imageId);
  }

  /**
   * The Procfile a one-off container of the app sees (for {@code run <app> <key>}): the committed copy when it was
   * read from this image, else the image's own (lenient: unreadable lines are skipped, nothing fails).
   */
  public Procfile forRun(String app, ImageConfig image, Engine engine, Map<String, String> extraLabels) {
    if (from(app, image)) return Procfile.parse(procfile(app));
    return new ImageFiles(engine, extraLabels).read(app, image, procfilePath(app)).map(Procfile::parse).orElse(Procfile.empty());
  }
}
