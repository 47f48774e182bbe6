package jokku.scheduler.local;

import jokku.store.Store;

/**
 * {@code logs:failed}: the output of the containers of the app's last failed deploy (those that failed their
 * checks), kept as text in {@code data/logs/<app>/failed} because the containers themselves are removed. A new
 * deploy starts with none, as Dokku's {@code failed-containers} list does.
 */
public final class FailedLogs {
  static final String PLUGIN = "logs";
  private static final String FILE = "failed";
  private static final Object APPEND = new Object();
  private final Store store;

  public FailedLogs(Store store) {
    this.store = store;
  }

  /** Whether the app's last deploy had a container that failed its checks. */
  public boolean exists(String app) {
    return store.dataExists(PLUGIN, app, FILE);
  }

  /** The kept output ({@code app[web.1]: ...} lines; "" when there is none). */
  public String read(String app) {
    return store.dataExists(PLUGIN, app, FILE) ? store.readData(PLUGIN, app, FILE) : "";
  }

  void clear(String app) {
    if (store.dataExists(PLUGIN, app, FILE)) store.deleteData(PLUGIN, app, FILE);
  }

  /** Appends one failed container's output; instances launched side by side append one at a time. */
  void add(String app, String dyno, String output) {
    synchronized (APPEND) {
      StringBuilder b = new StringBuilder(read(app));
      for (String line : output.split("\n", -1)) {
        if (!line.isEmpty()) b.append("app[").append(dyno).append("]: ").append(line).append('\n');
      }
      store.writeData(PLUGIN, app, FILE, b.toString());
    }
  }
}
