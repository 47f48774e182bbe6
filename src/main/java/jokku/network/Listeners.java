package jokku.network;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import jokku.store.Store;

/**
 * The {@code ip:port} listeners of a process type, read from {@code IP.<proc>.<n>} and {@code PORT.<proc>.<n>} (port
 * 5000 when the PORT file is missing), or the static web listener. Sorted by instance number, not as text.
 */
public final class Listeners {
  private final Store store;

  public Listeners(Store store) {
    this.store = store;
  }

  public List<String> of(String app, String proc) {
    if (proc.equals("web")) {
      String fixed = new NetworkSettings(store).app(app, NetworkProperty.STATIC_WEB_LISTENER);
      if (!fixed.isEmpty()) return List.of(fixed);
    }
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    String prefix = "IP." + proc + ".";
    for (String f : store.appFiles(app, prefix)) {
      String idx = f.substring(prefix.length());
      if (!idx.matches("\\d+")) continue;
      String ip = firstLine(store.readAppFile(app, f));
      if (ip.isEmpty()) continue;
      String port = firstLine(store.readAppFile(app, "PORT." + proc + "." + idx));
      byIndex.put(Integer.parseInt(idx), ip + ":" + (port.isEmpty() ? "5000" : port));
    }
    return new ArrayList<>(byIndex.values());
  }

  private static String firstLine(String s) {
    for (String l : s.split("\n")) if (!l.isBlank()) return l.trim();
    return "";
  }
}
