package jokku.dockeroptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import jokku.DokkuException;
import jokku.config.Config;
import jokku.engine.ContainerSpec;
import jokku.store.Store;

/**
 * An app's docker options, stored as Dokku stores them: property lists {@code docker-options/<app>/<scope>.<phase>},
 * one option per line, where the scope is {@code _default_} (every container of the phase) or a process type (deploy
 * only). Mutations validate everything first, then write each list atomically under the app's lock.
 */
public final class DockerOptions {
  public static final String PLUGIN = "docker-options";
  public static final String DEFAULT_SCOPE = "_default_";
  private static final Pattern PROCESS = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]*$");

  private final Store store;

  public DockerOptions(Store store) {
    this.store = store;
  }

  // ---- reading (what the deploy, run and build code uses) ----

  /** The stored options of a scope and phase, in stored order, blank lines dropped. */
  public List<String> list(String app, String scope, Phase phase) {
    List<String> l = new ArrayList<>();
    for (String line : store.property(PLUGIN, app, key(scope, phase)).split("\n")) {
      if (!line.isBlank()) l.add(line.strip());
    }
    return l;
  }

  /** The app-wide ({@code _default_}) options of a phase. */
  public List<String> forPhase(String app, Phase phase) {
    return list(app, DEFAULT_SCOPE, phase);
  }

  /** The deploy options scoped to one process type (applied after the app-wide ones). */
  public List<String> forProcess(String app, String proc) {
    return list(app, proc, Phase.DEPLOY);
  }

  /** Process types that have options of their own, sorted. */
  public List<String> processesWithOptions(String app) {
    TreeSet<String> procs = new TreeSet<>();
    for (String key : store.properties(PLUGIN, app).keySet()) {
      int dot = key.lastIndexOf('.');
      if (dot <= 0) continue;
      String scope = key.substring(0, dot);
      if (!scope.equals(DEFAULT_SCOPE) && isPhase(key.substring(dot + 1)) && !list(app, scope, Phase.of(key.substring(dot + 1))).isEmpty()) {
        procs.add(scope);
      }
    }
    return new ArrayList<>(procs);
  }

  /** Applies the app-wide and then the process's deploy options to a container-create request. */
  public ContainerSpec applyDeploy(String app, String proc, ContainerSpec spec) {
    Function<String, String> env = configLookup(app);
    OptionTranslator.apply(forPhase(app, Phase.DEPLOY), Phase.DEPLOY, spec, env);
    if (proc != null && !proc.isEmpty()) OptionTranslator.apply(forProcess(app, proc), Phase.DEPLOY, spec, env);
    return spec;
  }

  /** Applies the run options to the container-create request of a one-off container. */
  public ContainerSpec applyRun(String app, ContainerSpec spec) {
    return OptionTranslator.apply(forPhase(app, Phase.RUN), Phase.RUN, spec, configLookup(app));
  }

  /** The build options as {@code POST /build} parameters. */
  public BuildParams buildParams(String app) {
    return OptionTranslator.build(forPhase(app, Phase.BUILD), configLookup(app));
  }

  /**
   * Dokku's warning for deploy options that publish ports, which collide when a process runs several containers or
   * old and new containers overlap; empty when nothing is published.
   */
  public Optional<String> publishWarning(String app, String proc, int count, boolean checksEnabled) {
    List<String> opts = new ArrayList<>(forPhase(app, Phase.DEPLOY));
    opts.addAll(forProcess(app, proc));
    if (!OptionTranslator.publishesPorts(opts)) return Optional.empty();
    if (count > 1) {
      return Optional.of("Deploys may fail when publishing ports and scaling to multiple containers. Consider scaling process type " + proc + " to 1.");
    }
    if (checksEnabled) {
      return Optional.of("Deploys may fail when publishing ports and enabling zero downtime. Consider disabling zero downtime for process type " + proc + ".");
    }
    return Optional.empty();
  }

  /**
   * A bare {@code -e KEY} / {@code --build-arg KEY} takes the value from the app's config (global, then app), which
   * is what reaches Dokku's {@code docker} call through its environment; unset keys stay unset.
   */
  private Function<String, String> configLookup(String app) {
    java.util.concurrent.atomic.AtomicReference<Map<String, String>> config = new java.util.concurrent.atomic.AtomicReference<>();
    return k -> {
      if (config.get() == null) config.set(new Config(store).merged(app));
      return config.get().get(k);
    };
  }

  // ---- changing ----

  /** Options a user typed, split on flag boundaries, with any {@code --process P} lifted out as Dokku does. */
  public record Input(List<ParsedOption> options, List<String> processes) {}

  public static Input split(String text) {
    List<ParsedOption> options = new ArrayList<>();
    List<String> processes = new ArrayList<>();
    for (ParsedOption o : ParsedOption.parse(text)) {
      if (o.flag() == null && o.written().equals("--process")) {
        if (o.words().size() != 2) throw new DokkuException("--process requires a single value");
        processes.add(o.words().get(1));
      } else if (o.flag() == null && o.written().startsWith("--process=")) {
        if (o.words().size() != 1) throw new DokkuException("--process=value cannot be followed by additional tokens");
        processes.add(o.written().substring("--process=".length()));
      } else {
        options.add(o);
      }
    }
    return new Input(options, processes);
  }

  /** The scopes a command acts on: {@code _default_}, or the named process types (deploy phase only). */
  public static List<String> scopes(List<String> processes, List<Phase> phases) {
    if (processes.isEmpty()) return List.of(DEFAULT_SCOPE);
    List<String> scopes = new ArrayList<>();
    for (String p : processes) {
      if (p.isEmpty()) throw new DokkuException("--process value must not be empty");
      if (p.equals(DEFAULT_SCOPE)) throw new DokkuException("\"_default_\" is reserved and cannot be used as a --process value");
      if (!PROCESS.matcher(p).matches()) throw new DokkuException("Invalid process type \"" + p + "\": use letters, digits, - and _");
      if (!scopes.contains(p)) scopes.add(p);
    }
    for (Phase ph : phases) {
      if (ph != Phase.DEPLOY) throw new DokkuException("--process is only supported for the deploy phase, got \"" + ph.id() + "\"");
    }
    return scopes;
  }

  /**
   * Adds options to each scope and phase. Each option must be supported in every phase named, and each resulting
   * list must translate without conflicts; otherwise nothing is written. Options already present (in any spelling)
   * are not added twice. Lists are kept sorted, as Dokku keeps them.
   */
  public void add(String app, List<String> scopes, List<Phase> phases, List<ParsedOption> options) {
    try (Store.Lock lock = store.lock(app)) {
      Map<String, List<String>> updated = new LinkedHashMap<>();
      for (String scope : scopes) {
        for (Phase phase : phases) {
          List<String> current = list(app, scope, phase);
          try {
            OptionTranslator.check(current, phase);
          } catch (DokkuException e) {
            throw new DokkuException(e.getMessage() + " (stored earlier for " + app + "; remove it with docker-options:remove)");
          }
          List<String> next = new ArrayList<>(current);
          List<String> added = new ArrayList<>();
          for (ParsedOption o : options) {
            if (!contains(next, o)) {
              next.add(o.text());
              added.add(o.text());
            }
          }
          OptionTranslator.validate(added, phase);
          OptionTranslator.check(next, phase);
          next.sort(null);
          updated.put(key(scope, phase), next);
        }
      }
      write(app, updated);
    }
  }

  /** Removes options (matched in any spelling) from each scope and phase; absent ones are ignored, as in Dokku. */
  public void remove(String app, List<String> scopes, List<Phase> phases, List<ParsedOption> options) {
    try (Store.Lock lock = store.lock(app)) {
      Map<String, List<String>> updated = new LinkedHashMap<>();
      for (String scope : scopes) {
        for (Phase phase : phases) {
          List<String> next = new ArrayList<>();
          for (String line : list(app, scope, phase)) {
            if (!matchesAny(line, options)) next.add(line);
          }
          updated.put(key(scope, phase), next);
        }
      }
      write(app, updated);
    }
  }

  /** Deletes the lists of each scope and phase. */
  public void clear(String app, List<String> scopes, List<Phase> phases) {
    try (Store.Lock lock = store.lock(app)) {
      for (String scope : scopes) {
        for (Phase phase : phases) store.setProperty(PLUGIN, app, key(scope, phase), "");
      }
    }
  }

  private void write(String app, Map<String, List<String>> lists) {
    lists.forEach((key, lines) -> store.setProperty(PLUGIN, app, key, lines.isEmpty() ? "" : String.join("\n", lines) + "\n"));
  }

  private static boolean contains(List<String> lines, ParsedOption o) {
    for (String line : lines) if (matchesAny(line, List.of(o))) return true;
    return false;
  }

  /** True when a stored line is exactly one option equal (in any spelling) to one of the given options. */
  private static boolean matchesAny(String line, List<ParsedOption> options) {
    List<ParsedOption> stored;
    try {
      stored = ParsedOption.parse(line);
    } catch (DokkuException e) {
      stored = List.of();
    }
    for (ParsedOption o : options) {
      if (line.equals(o.text())) return true;
      if (stored.size() == 1 && stored.get(0).key().equals(o.key())) return true;
    }
    return false;
  }

  static String key(String scope, Phase phase) {
    return scope + "." + phase.id();
  }

  private static boolean isPhase(String id) {
    for (Phase p : Phase.values()) if (p.id().equals(id)) return true;
    return false;
  }
}
