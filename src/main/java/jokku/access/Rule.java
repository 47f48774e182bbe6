package jokku.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jokku.DokkuException;

/**
 * Who may run a command, declared once with its registration (see {@code Registry.access}). Root on the console and
 * admin keys may run everything; for other keys:
 * <ul>
 *   <li>{@link #ADMIN} (the default of a command without a declared rule): refused;</li>
 *   <li>{@link #ANYONE}: allowed (its output shows only the key's apps, see {@code Ctx.visibleApps});</li>
 *   <li>{@link #app()}: the app argument (the first positional, after flags) must be an existing app whose ACL names
 *       the key;</li>
 *   <li>{@link #appOrAll()}: as {@link #app()}; without an app the command acts on every app, which is refused;</li>
 *   <li>{@link #listing()}: as {@link #app()}; without an app it lists or reports only the key's apps.</li>
 * </ul>
 * {@code --global} and {@code --all} (before the app of a pass-through command) make any command admin-only.
 *
 * <p>The app is found without the command's own flag list: a flag without {@code =} may or may not take the next
 * word as its value, so both readings are followed, and every word either reading could take for the app must be
 * allowed (a word that names no app is no app, and the command itself will fail on it). What the command then
 * parses is one of those readings.
 */
public final class Rule {
  private enum Scope { ANYONE, ADMIN, APP, APP_OR_ALL, LISTING }

  public static final Rule ANYONE = new Rule(Scope.ANYONE);
  public static final Rule ADMIN = new Rule(Scope.ADMIN);
  private static final Rule APP = new Rule(Scope.APP);
  private static final Rule APP_OR_ALL = new Rule(Scope.APP_OR_ALL);
  private static final Rule LISTING = new Rule(Scope.LISTING);
  /** More readings than this (many value-less flags) are refused rather than followed. */
  private static final int MAX_READINGS = 256;

  private final Scope scope;
  /** The command refusals name, when not the command checked (see {@link #refusingAs}); null for the command itself. */
  private final String shownAs;

  private Rule(Scope scope) {
    this(scope, null);
  }

  private Rule(Scope scope, String shownAs) {
    this.scope = scope;
    this.shownAs = shownAs;
  }

  public static Rule app() {
    return APP;
  }

  public static Rule appOrAll() {
    return APP_OR_ALL;
  }

  public static Rule listing() {
    return LISTING;
  }

  /**
   * This rule, its refusals naming {@code command} instead of the command checked: the pre-receive hook acts for the
   * push, so it refuses a key in the words the push's own {@code git-receive-pack} uses.
   */
  public Rule refusingAs(String command) {
    return new Rule(scope, command);
  }

  @Override
  public String toString() {
    return scope.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** Refuses, with dokku-acl's words, what {@code caller} may not run; returns when it may. */
  public void check(String checked, List<String> args, boolean passthrough, Caller caller, Permissions permissions) {
    if (permissions.isAdmin(caller)) return;
    String command = shownAs == null ? checked : shownAs;
    if (scope == Scope.ANYONE) return;
    if (scope == Scope.ADMIN || namesEverything(args, passthrough)) throw refused(caller, command);
    Set<String> candidates = candidates(args);
    if (candidates == null) throw refused(caller, command);
    boolean absent = candidates.remove("");
    if (absent && scope == Scope.APP_OR_ALL) throw refused(caller, command);
    boolean allowed = absent && scope == Scope.LISTING;
    for (String app : candidates) {
      if (permissions.mayUse(caller, app)) allowed = true;
      else if (permissions.appExists(app) || candidates.size() == 1 && !absent) throw refused(caller, command, app);
    }
    if (!allowed) throw refused(caller, command);
  }

  public static DokkuException refused(Caller caller, String command) {
    return new DokkuException("User " + caller.name() + " does not have permissions to run " + command);
  }

  public static DokkuException refused(Caller caller, String command, String app) {
    return new DokkuException("User " + caller.name() + " does not have permissions to run " + command + " on " + app + ", or " + app + " does not exist");
  }

  /** {@code --global} or {@code --all} among the flags (for a pass-through command: before its first positional). */
  static boolean namesEverything(List<String> args, boolean passthrough) {
    for (String a : args) {
      if (a.equals("--")) return false;
      if (passthrough && !a.startsWith("-")) return false;
      if (a.equals("--global") || a.startsWith("--global=") || a.equals("--all") || a.startsWith("--all=")) return true;
    }
    return false;
  }

  /** Every word a reading of the arguments takes for the first positional ("" when a reading has none); null when too many readings. */
  static Set<String> candidates(List<String> args) {
    Set<String> found = new LinkedHashSet<>();
    int[] readings = {0};
    return walk(args, 0, false, found, readings) ? found : null;
  }

  private static boolean walk(List<String> args, int i, boolean flagsEnded, Set<String> found, int[] readings) {
    if (++readings[0] > MAX_READINGS) return false;
    if (i >= args.size()) {
      found.add("");
      return true;
    }
    String t = args.get(i);
    if (!flagsEnded && t.equals("--")) return walk(args, i + 1, true, found, readings);
    if (flagsEnded || !t.startsWith("-") || t.equals("-")) {
      found.add(t);
      return true;
    }
    if (t.startsWith("--") && t.indexOf('=') > 0) return walk(args, i + 1, false, found, readings);
    return walk(args, i + 1, false, found, readings) && (i + 1 >= args.size() || walk(args, i + 2, false, found, readings));
  }
}
