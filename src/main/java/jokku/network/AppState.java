package jokku.network;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jokku.engine.ContainerInfo;

/**
 * Everything the plan for one app reads, gathered by {@link StateReader}: the app's network settings and state files
 * (from the store) and its deploy containers and networks (from the engine). Pure data: no sockets, no files.
 * Containers the list answer could not settle were inspected, or completed from the {@link EndpointCache}.
 *
 * @param files the {@code CONTAINER.*}, {@code IP.*} and {@code PORT.*} files and their contents
 * @param containers by container id: the inspected description when it had to be read, else the list answer's
 * @param inspectErrors container id → the engine's error, for inspects that failed (not "no such container")
 * @param networks the names of the engine's networks, or null when no configured network was missing anywhere
 *     (then nothing needed them)
 * @param nginxUpstreams upstream name → servers, read from the app's {@code nginx.conf}; null when it has none
 * @param endpointCache the app's {@link EndpointCache} as stored ("" for none)
 */
public record AppState(
    String app,
    Settings settings,
    Map<String, String> files,
    Map<String, ContainerInfo> containers,
    Map<String, String> inspectErrors,
    Set<String> networks,
    Map<String, List<String>> nginxUpstreams,
    String endpointCache) {

  /**
   * The computed network properties of the app. {@code attach} holds the attach-post-create and attach-post-deploy
   * networks (the initial network excluded), {@code webPort} the container port web listeners use ("" for none).
   */
  public record Settings(String initial, Set<String> attach, String tld, String staticWebListener, String webPort) {
    /** The network whose address is the listener: the initial network, else bridge. */
    public String addressNetwork() {
      return initial.isEmpty() ? "bridge" : initial;
    }
  }

  /** The first non-blank line of a state file, or "". */
  public String file(String name) {
    return firstLine(files.getOrDefault(name, ""));
  }

  public boolean hasFile(String name) {
    return files.containsKey(name);
  }

  static String firstLine(String s) {
    for (String l : s.split("\n")) if (!l.isBlank()) return l.trim();
    return "";
  }
}
