package jokku.access;

import java.util.ArrayList;
import java.util.List;
import jokku.store.Store;

/**
 * What a caller may reach: root and admin keys everything, other keys the apps whose ACL names them. Admin keys are
 * marked by an empty file {@code $DOKKU_LIB_ROOT/data/ssh-keys/admin/<name>} ({@code ssh-keys:set <name> admin true}).
 */
public final class Permissions {
  static final String PLUGIN = "ssh-keys";
  static final String ADMINS = "admin";
  private final Store store;
  private final Acl acl;

  public Permissions(Store store) {
    this.store = store;
    this.acl = new Acl(store);
  }

  public boolean isAdmin(Caller caller) {
    return caller.isRoot() || KeyName.isValid(caller.name()) && store.dataExists(PLUGIN, ADMINS, caller.name());
  }

  public boolean appExists(String app) {
    return Acl.isAppName(app) && store.appExists(app);
  }

  /** Whether the caller may manage (and push to) this app. */
  public boolean mayUse(Caller caller, String app) {
    if (isAdmin(caller)) return true;
    return appExists(app) && KeyName.isValid(caller.name()) && acl.names(app).contains(caller.name());
  }

  /** The apps of {@code apps} the caller may see. */
  public List<String> visible(Caller caller, List<String> apps) {
    if (isAdmin(caller)) return apps;
    List<String> l = new ArrayList<>();
    for (String app : apps) if (mayUse(caller, app)) l.add(app);
    return l;
  }

  /**
   * Refuses, unless the caller is an admin, a value that reaches other apps: {@code users} are the apps already using
   * what the value names (a network, a host port), "" standing for something that is no app's (a container started
   * by hand). Every one must be an app the caller may use.
   */
  public void requireOwn(Caller caller, String what, String why, java.util.Collection<String> users) {
    if (isAdmin(caller)) return;
    for (String app : users) {
      if (app.isEmpty() || !mayUse(caller, app)) {
        throw new jokku.DokkuException("User " + caller.name() + " may not set " + what + ": " + why + " (only root or an admin key may)");
      }
    }
  }

  /** Refuses a value that reaches the host (a host path, namespace or privilege) unless the caller is an admin. */
  public void requireHostAccess(Caller caller, String what, String why) {
    if (isAdmin(caller)) return;
    throw new jokku.DokkuException("User " + caller.name() + " may not set " + what + ": " + why + " (only root or an admin key may)");
  }
}
