package jokku.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * Whether nginx's worker processes can reach what they open while serving requests: the error pages, the temp
 * folder (managed nginx) and the unix sockets of upstreams (a swarm app's edge). The master opens the configuration,
 * logs and certificates as root, so nginx starts and {@code nginx -t} passes either way; a worker that cannot enter a
 * folder on the way answers 403 or 502 instead. The worker user is the main configuration's {@code user}
 * directive, else nginx's default {@code nobody} when nginx starts as root; started by anyone else, the workers run as
 * that user and reach what it reaches, so nothing is checked. Owner, group and other permission bits are judged
 * (ACLs are not read).
 */
final class NginxAccess {
  private static final Pattern USER = Pattern.compile("(?m)^\\s*user\\s+([^;\\s]+)(?:\\s+([^;\\s]+))?\\s*;");
  private static final Pattern SOCKET = Pattern.compile("(?m)^\\s*server\\s+unix:([^;\\s]+)");
  private static final int READ = 4, WRITE = 2, SEARCH = 1;

  /** A user as the kernel judges it: its id and the ids of every group it is in. */
  record Worker(String name, int uid, Set<Integer> gids) {}

  private NginxAccess() {}

  /**
   * Throws one line naming the path and the worker user when a worker could not reach the error pages, the temp
   * folder or an upstream socket of {@code app}'s configuration ({@code null}: every app's).
   */
  static void verify(Store store, NginxLayout layout, String app) {
    Worker w = worker(layout, Store.read(Path.of("/etc/passwd")), Store.read(Path.of("/etc/group")), isRoot());
    if (w == null || w.uid() == 0) return;
    for (String page : NginxMainConfig.errorPages().keySet()) require(w, layout.errorPages().resolve(page), READ);
    if (layout.managed()) require(w, layout.tempDir(), SEARCH);
    for (String a : app == null ? store.apps() : List.of(app)) {
      if (!store.appFileExists(a, ProxyService.CONF)) continue;
      for (Path socket : sockets(store.readAppFile(a, ProxyService.CONF))) if (Files.exists(socket)) require(w, socket, WRITE);
    }
  }

  /** The worker user from the main configuration, or null when the workers run as whoever starts nginx. */
  static Worker worker(NginxLayout layout, String passwd, String group, boolean root) {
    Matcher m = USER.matcher(Store.read(layout.mainConf()));
    String name = m.find() ? m.group(1) : null, groupName = name == null ? null : m.group(2);
    if (name == null && (layout.managed() && !root)) return null;
    if (name == null) name = "nobody";
    return worker(name, groupName, passwd, group);
  }

  /** The user's ids from {@code /etc/passwd} and {@code /etc/group} texts; null when the user is unknown (nginx -t says so). */
  static Worker worker(String name, String groupName, String passwd, String group) {
    Integer uid = null;
    Set<Integer> gids = new LinkedHashSet<>();
    for (String line : passwd.split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length > 3 && f[0].equals(name) && f[2].matches("\\d+") && f[3].matches("\\d+")) {
        uid = Integer.parseInt(f[2]);
        if (groupName == null) gids.add(Integer.parseInt(f[3]));
      }
    }
    if (uid == null) return null;
    for (String line : group.split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length < 4 || !f[2].matches("\\d+")) continue;
      if (f[0].equals(groupName) || List.of(f[3].split(",")).contains(name)) gids.add(Integer.parseInt(f[2]));
    }
    return new Worker(name, uid, gids);
  }

  /** The {@code server unix:<path>} upstreams of an app's configuration. */
  static List<Path> sockets(String conf) {
    List<Path> l = new ArrayList<>();
    Matcher m = SOCKET.matcher(conf);
    while (m.find()) l.add(Path.of(m.group(1)));
    return l;
  }

  /** Every folder on the way to {@code target} must be searchable for the worker, and the target itself allow {@code need}. */
  static void require(Worker w, Path target, int need) {
    Path abs = target.toAbsolutePath().normalize();
    List<Path> ways = new ArrayList<>(List.of(abs));
    try {
      Path real = abs.toRealPath();
      if (!real.equals(abs)) ways.add(real);
    } catch (IOException e) {
      // not there (yet): nginx creates temp folders itself; its parents are still checked
    }
    for (Path p : ways) {
      List<Path> chain = new ArrayList<>();
      for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) chain.add(0, dir);
      for (Path dir : chain) {
        if (!allows(w, dir, SEARCH)) throw refused(w, target, dir, "cannot enter it", "x");
      }
      if (Files.exists(p) && !allows(w, p, need)) {
        throw need == READ ? refused(w, target, p, "cannot read it", "r") : need == WRITE ? refused(w, target, p, "cannot connect to it", "w") : refused(w, target, p, "cannot enter it", "x");
      }
    }
  }

  private static DokkuException refused(Worker w, Path target, Path blocking, String why, String bit) {
    String via = blocking.equals(target.toAbsolutePath().normalize()) ? "" : " (it " + why + ": " + blocking + ", " + describe(blocking) + ")";
    String self = via.isEmpty() ? " (it " + why + ", " + describe(blocking) + ")" : via;
    return new DokkuException("nginx's worker user " + w.name() + " cannot reach " + target + self
        + ", so nginx would answer 403/502; grant it (e.g. chmod o+" + bit + " " + blocking + ") or move the folder");
  }

  /** Whether the permission bits grant {@code need} to the worker (owner, else group, else other). */
  static boolean allows(Worker w, Path p, int need) {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, "unix:mode,uid,gid");
    } catch (IOException | UnsupportedOperationException e) {
      return true; // gone meanwhile, or not a unix file system: nothing to judge
    }
    int mode = (Integer) a.get("mode");
    int bits = (Integer) a.get("uid") == w.uid() ? mode >> 6 : w.gids().contains((Integer) a.get("gid")) ? mode >> 3 : mode;
    return (bits & need) == need;
  }

  private static String describe(Path p) {
    try {
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid");
      return String.format("mode %03o, uid %d, gid %d", (Integer) a.get("mode") & 0777, a.get("uid"), a.get("gid"));
    } catch (IOException | UnsupportedOperationException e) {
      return "unreadable attributes";
    }
  }

  private static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
