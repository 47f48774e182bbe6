package jokku;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.cli.Command;
import jokku.cli.CommandSpecs;
import jokku.cli.Commands;
import jokku.cli.Ctx;
import jokku.cli.EngineWords;
import jokku.cli.Registry;
import jokku.engine.EngineException;
import jokku.engine.EngineUnreachable;

/** Entry point: global flags, dispatch to one command, and the single place errors become exit codes. */
public final class Main {
  private static final List<String> GLOBAL_FLAGS = List.of("--quiet", "--force", "--trace");

  private Main() {}

  public static void main(String[] argv) {
    if (mayUseEngine(argv)) jokku.engine.FirstSocket.prepare(); // first: the side thread needs every millisecond
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    if (argv.length == 1 && argv[0].equals("__aot-train")) System.exit(Train.run(err));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    int code = run(System.getenv(), System.in, out, err, argv);
    out.flush();
    exit(code);
  }

  /**
   * Ends the process. {@code Runtime.halt}, not {@code System.exit}: every shutdown hook jokku adds is removed again
   * before its command returns, and since JDK 21 {@code exit} first looks up a {@code System.Logger} for
   * {@code java.lang.Runtime}, which opens and scans the jar: 4-5 ms of every command. While a shutdown is already
   * under way (a signal arrived; its hooks are running), {@code exit} is used, which waits for them as it should.
   * The {@link KeptShell} is ended first: a child still running would hold the exit about 300 ms.
   */
  private static void exit(int code) {
    System.out.flush();
    System.err.flush();
    KeptShell.end();
    if (shuttingDown()) System.exit(code);
    Runtime.getRuntime().halt(code);
  }

  /** Whether the JVM is shutting down (a signal arrived, its hooks run): a hook can no longer be added then. */
  static boolean shuttingDown() {
    Thread probe = new Thread();
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /**
   * Whether to get the engine client ready on the side while the command starts (see FirstSocket.prepare): the
   * command's word looked up in {@link EngineWords} (help and unknown words: no), without building the registry.
   */
  static boolean mayUseEngine(String... argv) {
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--app")) i++;
      if (a.startsWith("--app") || GLOBAL_FLAGS.contains(a)) continue;
      return EngineWords.contains(a);
    }
    return false;
  }

  public static int run(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, String... argv) {
    try {
      List<String> forced = jokku.access.SshCommandLine.forcedCommand(env, argv);
      if (forced != null) argv = forced.toArray(String[]::new);
    } catch (DokkuException e) {
      err.println(" !     " + e.getMessage());
      return e.exitCode();
    }
    Registry registry = Commands.registry();
    boolean quiet = false, force = false, trace = false;
    String name = null;
    List<String> rest = new ArrayList<>();
    String app = null;
    boolean passthrough = false;
    int positionals = 0;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      boolean stripping = !passthrough || positionals < 1;
      if (stripping && (a.equals("--app") || a.startsWith("--app="))) { // Dokku's DOKKU_APP_NAME: the command's first argument
        app = a.equals("--app") ? (i + 1 < argv.length ? argv[++i] : "") : a.substring(6);
        continue;
      }
      if (stripping && GLOBAL_FLAGS.contains(a)) {
        quiet |= a.equals("--quiet");
        force |= a.equals("--force");
        trace |= a.equals("--trace");
        continue;
      }
      if (name == null) {
        name = a;
        passthrough = registry.isPassthrough(a);
      } else {
        if (!a.startsWith("-")) positionals++;
        rest.add(a);
      }
    }
    if (app != null) rest.add(0, app);
    try (Ctx ctx = new Ctx(env, in, out, err, quiet, force, trace)) {
      if ("".equals(app)) throw new DokkuException("--app needs an app name");
      return dispatch(registry, ctx, name, rest);
    } catch (DokkuException e) {
      if (!e.getMessage().isEmpty()) err.println(" !     " + e.getMessage());
      return e.exitCode();
    } catch (EngineUnreachable e) {
      err.println(" !     " + e.getMessage());
      return 1;
    } catch (EngineException | jokku.engine.LocalStreamError e) {
      err.println(" !     " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println(" !     Internal error: " + e);
      if (trace) e.printStackTrace(err);
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int dispatch(Registry registry, Ctx ctx, String name, List<String> rest) {
    if (name == null || name.equals("help") || name.equals("--help") || name.equals("-h")) {
      Commands.printHelp(registry, ctx.out);
      return 0;
    }
    Command c = registry.find(name);
    if (c == null) {
      String plugin = name.endsWith(":help") ? name.substring(0, name.length() - 5) : name;
      CommandSpecs.Plugin p = registry.plugin(plugin);
      if (p != null && !name.contains(":") || p != null && name.endsWith(":help")) {
        ctx.out.print(Registry.usage(p));
        return 0;
      }
      String near = registry.nearest(name);
      ctx.out.warn("`" + String.join(" ", prepend(name, rest)) + "` is not a dokku command." + (near == null ? "" : " Did you mean `" + near + "`?"));
      ctx.out.warn("See `dokku help` for a list of available commands.");
      return 1;
    }
    if (asksForHelp(registry, name, rest)) {
      ctx.out.print(registry.commandUsage(name));
      return 0;
    }
    registry.rule(name).check(name, rest, registry.isPassthrough(name), ctx.caller, ctx.permissions());
    return c.run(ctx, rest);
  }

  /** {@code -h}/{@code --help} among the flags (before {@code --}; for pass-through commands, before the app). */
  private static boolean asksForHelp(Registry registry, String name, List<String> rest) {
    for (String a : rest) {
      if (a.equals("--")) return false;
      if (a.equals("--help") || a.equals("-h")) return true;
      if (!a.startsWith("-") && registry.isPassthrough(name)) return false;
    }
    return false;
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> l = new ArrayList<>(rest.size() + 1);
    l.add(first);
    l.addAll(rest);
    return l;
  }
}
