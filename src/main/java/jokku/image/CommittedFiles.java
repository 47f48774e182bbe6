package jokku.image;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jokku.engine.Engine;
import jokku.engine.ImageConfig;
import jokku.property.PsSettings;
import jokku.store.Store;

/**
 * What the last successful deploy read from its image and committed, where Dokku keeps it: the Procfile in
 * {@code data/ps/<app>/Procfile}, app.json in {@code data/app-json/<app>/app.json}, and the image's id in
 * {@code data/ps/<app>/release-image-id}. The copies stand for the image while its id is the same; the deploy (which
 * writes them) and {@code run <app> <key>} (which reads the Procfile) both go through here.
 */
public final class CommittedFiles {
  private static final String PS = PsSettings.PLUGIN;
  private static final String APP_JSON = "app-json";
  private static final String MARKER = "release-image-id";
  /** The procfile-path the committed Procfile was read from (absent: {@code Procfile}, as before it was recorded). */
  private static final String PATH_MARKER = "release-procfile-path";

  private static final String STAGED_MARKER = "staged-image-id";
  private static final String STAGED_PROCFILE = "Procfile.staged";
  private static final String STAGED_APP_JSON = "app.json.staged";

  private final Store store;

  public CommittedFiles(Store store) {
    this.store = store;
  }

  /** Where the Procfile is in the image: the {@code ps} procfile-path property (app, else global, else {@code Procfile}). */
  public String procfilePath(String app) {
    return new PsSettings(store).procfilePath(app);
  }

  /** Whether procfile-path is set (app or global): the file it names must then be in the image. */
  public boolean procfilePathSet(String app) {
    return new PsSettings(store).procfilePathSet(app);
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

  /**
   * Stages the Procfile and app.json a Dockerfile build read from its source (Dokku's core-post-extract) for the image
   * it built: a deploy of that image takes them from here instead of the image. Empty: not in the source.
   */
  public void stage(String app, String imageId, Optional<String> procfile, Optional<String> appJson) {
    store.deleteData(PS, app, STAGED_MARKER);
    if (procfile.isPresent()) store.writeData(PS, app, STAGED_PROCFILE, procfile.get());
    else store.deleteData(PS, app, STAGED_PROCFILE);
    if (appJson.isPresent()) store.writeData(APP_JSON, app, STAGED_APP_JSON, appJson.get());
    else store.deleteData(APP_JSON, app, STAGED_APP_JSON);
    store.writeData(PS, app, STAGED_MARKER, imageId + "\n" + procfilePath(app) + "\n");
  }

  /**
   * The files staged for this image at the procfile-path in force now: the procfile-path and {@code app.json}, each
   * with its content (empty when the source had none); empty when nothing is staged for it.
   */
  public Optional<Map<String, Optional<String>>> staged(String app, ImageConfig image) {
    if (!(image.id() + "\n" + procfilePath(app) + "\n").equals(store.readData(PS, app, STAGED_MARKER))) return Optional.empty();
    Map<String, Optional<String>> files = new HashMap<>();
    files.put(procfilePath(app), store.dataExists(PS, app, STAGED_PROCFILE) ? Optional.of(store.readData(PS, app, STAGED_PROCFILE)) : Optional.empty());
    files.put("app.json", store.dataExists(APP_JSON, app, STAGED_APP_JSON) ? Optional.of(store.readData(APP_JSON, app, STAGED_APP_JSON)) : Optional.empty());
    return Optional.of(files);
  }

  /** Records what a deploy ran with; an empty text deletes that copy. The image id is written last; the staged files go. */
  public void commit(String app, String procfile, String appJson, String imageId) {
    if (!procfile.isEmpty()) store.writeDataIfChanged(PS, app, "Procfile", procfile);
    else store.deleteData(PS, app, "Procfile");
    if (!appJson.isEmpty()) store.writeDataIfChanged(APP_JSON, app, "app.json", appJson);
    else store.deleteData(APP_JSON, app, "app.json");
    store.writeDataIfChanged(PS, app, PATH_MARKER, procfilePath(app));
    store.writeDataIfChanged(PS, app, MARKER, imageId);
    store.deleteData(PS, app, STAGED_MARKER);
    store.deleteData(PS, app, STAGED_PROCFILE);
    store.deleteData(APP_JSON, app, STAGED_APP_JSON);
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
