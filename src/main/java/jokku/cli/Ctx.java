package jokku.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import jokku.Out;
import jokku.engine.Engine;
import jokku.store.Store;

/**
 * One invocation: environment, streams, global flags, and the collaborators built from them on first use.
 * Tests build their own to run commands in-process.
 */
public final class Ctx implements AutoCloseable {
  public final Map<String, String> env;
  public final InputStream in;
  public final PrintStream stdout;
  public final PrintStream stderr;
  public final boolean quiet;
  public final boolean force;
  public final boolean trace;
  public final Out out;
  /** Root on the console, or the ssh key this invocation runs for (see {@link jokku.access.Caller#from}). */
  public final jokku.access.Caller caller;
  private jokku.access.Permissions permissions;
  private Engine engine;
  private Store store;

  public Ctx(Map<String, String> env, InputStream in, PrintStream stdout, PrintStream stderr, boolean quiet, boolean force, boolean trace) {
    this.env = env;
    this.in = in;
    this.stdout = stdout;
    this.stderr = stderr;
    this.quiet = quiet;
    this.force = force;
    this.trace = trace;
    this.out = new Out(stdout, stderr, quiet, trace);
    this.caller = jokku.access.Caller.from(env);
  }

  public String env(String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  /** {@code JOKKU_LABELS} as label filters ({@code key=value}, or {@code key} for an empty value): the engine's scope. */
  static java.util.List<String> labelFilters(Map<String, String> labels) {
    return jokku.engine.JokkuLabels.filters(labels);
  }

  /**
   * Labels from {@code JOKKU_LABELS} ({@code k=v,k2=v2}) that go on every network, container and image jokku
   * creates, so a host (or a test run) can find and clean up what jokku made.
   */
  public Map<String, String> extraLabels() {
    return jokku.engine.JokkuLabels.parse(env(jokku.engine.JokkuLabels.VARIABLE, ""));
  }

  public Engine engine() {
    if (engine == null) {
      engine = Engine.open(env.get("DOCKER_HOST"), env, trace ? stderr : null, labelFilters(extraLabels()));
    }
    return engine;
  }

  public Store store() {
    if (store == null) {
      Path root = Path.of(env("DOKKU_ROOT", "/home/dokku"));
      Path lib = Path.of(env("DOKKU_LIB_ROOT", env("DOKKU_LIB_PATH", "/var/lib/dokku")));
      store = new Store(root, lib);
    }
    return store;
  }

  public jokku.access.Permissions permissions() {
    if (permissions == null) permissions = new jokku.access.Permissions(store());
    return permissions;
  }

  /** The apps this caller may see: every app for root and admin keys, the apps whose ACL names the key otherwise. */
  public java.util.List<String> visibleApps() {
    java.util.List<String> apps = store().apps();
    return caller.isRoot() ? apps : permissions().visible(caller, apps);
  }

  /** Refuses a value reaching the host ({@code what}: the property or option, {@code why}) unless root or an admin key. */
  public void requireHostAccess(String what, String why) {
    if (!caller.isRoot()) permissions().requireHostAccess(caller, what, why);
  }

  /**
   * Refuses a value reaching other apps ({@code what}, {@code why}; {@code users}: the apps using what it names, see
   * {@link jokku.access.Permissions#requireOwn}) unless root or an admin key; {@code users} is only worked out for
   * other keys.
   */
  public void requireOwn(String what, String why, java.util.function.Supplier<java.util.Collection<String>> users) {
    if (!caller.isRoot() && !permissions().isAdmin(caller)) permissions().requireOwn(caller, what, why, users.get());
  }

  @Override
  public void close() {
    if (engine != null) engine.close();
  }
}
