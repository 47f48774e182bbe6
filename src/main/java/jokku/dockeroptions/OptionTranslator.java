package jokku.dockeroptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jokku.DokkuException;
import jokku.engine.ContainerSpec;

/**
 * Turns stored docker options (Dokku's strings, one option per line) into engine requests: container-create request
 * fields for {@code deploy} and {@code run}, {@code POST /build} parameters for {@code build}. Pure: no files, no
 * engine. Scalar fields (network mode, restart policy, limits, init, log driver) replace what the request holds; list and
 * map fields (env, labels, binds, ports, extra hosts, log options, ulimits) are merged, the option winning on the same
 * key. Within one option list, two options setting the same thing differently are refused.
 */
public final class OptionTranslator {
  private OptionTranslator() {}

  /**
   * Checks that every option in {@code lines} is supported in the phase and well-formed and that none conflict;
   * options Dokku silently drops in this phase are refused too, so everything jokku stores takes effect.
   */
  public static void validate(List<String> lines, Phase phase) {
    translate(lines, phase, false);
  }

  /** Checks stored options as translation will see them: what Dokku drops in the phase is skipped, not refused. */
  public static void check(List<String> lines, Phase phase) {
    translate(lines, phase, true);
  }

  private static void translate(List<String> lines, Phase phase, boolean lenient) {
    if (phase == Phase.BUILD) new Run(phase, lenient).build(lines, k -> "");
    else new Run(phase, lenient).apply(lines, new ContainerSpec(), k -> "");
  }

  /**
   * Applies deploy- or run-phase options to a container-create request. {@code env} resolves a bare {@code -e KEY}
   * (null: the variable is left unset, as docker does for an unset variable). Options Dokku drops in the phase are
   * skipped; unsupported ones fail with a message naming them.
   */
  public static ContainerSpec apply(List<String> lines, Phase phase, ContainerSpec spec, Function<String, String> env) {
    if (phase == Phase.BUILD) throw new IllegalArgumentException("build options are build parameters, not a create request");
    return new Run(phase, true).apply(lines, spec, env);
  }

  /** Build-phase options as build parameters; {@code env} resolves a bare {@code --build-arg KEY}. */
  public static BuildParams build(List<String> lines, Function<String, String> env) {
    return new Run(Phase.BUILD, true).build(lines, env);
  }

  /** True when the options publish ports ({@code -p}, {@code -P}): Dokku warns about those on deploys. */
  public static boolean publishesPorts(List<String> lines) {
    for (String line : lines) {
      if (skip(line)) continue;
      for (ParsedOption o : ParsedOption.parse(line)) {
        if (o.flag() == Flag.PUBLISH || o.flag() == Flag.PUBLISH_ALL && o.switchValue()) return true;
      }
    }
    return false;
  }

  static boolean skip(String line) {
    String t = line.strip();
    return t.isEmpty() || t.startsWith("#");
  }

  /** One translation: the phase, whether Dokku-dropped options are skipped, and what each option claimed. */
  private static final class Run {
    private final Phase phase;
    private final boolean lenient;
    private final Map<String, ParsedOption> claims = new HashMap<>();
    private final Set<String> seen = new HashSet<>();

    Run(Phase phase, boolean lenient) {
      this.phase = phase;
      this.lenient = lenient;
    }

    private List<ParsedOption> options(List<String> lines) {
      List<ParsedOption> l = new ArrayList<>();
      for (String line : lines) {
        if (skip(line)) continue;
        for (ParsedOption o : ParsedOption.parse(line)) {
          if (o.flag() == null) throw unsupported(o);
          if (!o.flag().appliesTo(phase)) {
            if (lenient && o.flag().droppedByDokkuIn(phase)) continue;
            throw notInPhase(o);
          }
          if (seen.add(o.key())) l.add(o);
        }
      }
      return l;
    }

    private DokkuException unsupported(ParsedOption o) {
      if (!ParsedOption.looksLikeFlag(o.written())) {
        return new DokkuException("Invalid docker option '" + o.text() + "': options start with - or --");
      }
      return new DokkuException("Unsupported docker option '" + o.text() + "' for phase " + phase.id()
          + "; jokku supports: " + Flag.supportedIn(phase));
    }

    private DokkuException notInPhase(ParsedOption o) {
      Flag f = o.flag();
      if (f == Flag.RESTART) {
        return new DokkuException("Docker option '" + o.text() + "' applies to phase deploy only (Dokku ignores it for phase " + phase.id() + ")");
      }
      if (f == Flag.VOLUME) {
        return new DokkuException("Docker option '" + o.text() + "' does not apply to phase build: image builds cannot mount volumes (Dokku ignores it)");
      }
      return new DokkuException("Docker option '" + o.text() + "' does not apply to phase " + phase.id()
          + "; supported for " + phase.id() + ": " + Flag.supportedIn(phase));
    }

    /** Records that an option sets something; a second, different option setting it is a conflict. */
    private void claim(String key, String what, ParsedOption o) {
      ParsedOption before = claims.putIfAbsent(key, o);
      if (before != null) {
        throw new DokkuException("Conflicting docker options for phase " + phase.id() + ": '" + before.text() + "' and '"
            + o.text() + "' both set " + what);
      }
    }

    ContainerSpec apply(List<String> lines, ContainerSpec spec, Function<String, String> env) {
      for (ParsedOption o : options(lines)) CreateFields.apply(o, spec, env, this::claim);
      return spec;
    }

    BuildParams build(List<String> lines, Function<String, String> env) {
      BuildParams p = new BuildParams();
      for (ParsedOption o : options(lines)) {
        switch (o.flag()) {
          case ADD_HOST -> p.extraHosts().add(Values.extraHost(o));
          case BUILD_ARG -> {
            String[] kv = Values.keyValue(o, true);
            claim("BuildArg:" + kv[0], "build argument " + kv[0], o);
            String v = kv[1] != null ? kv[1] : env.apply(kv[0]);
            if (v != null) p.buildArgs().put(kv[0], v);
          }
          case LABEL -> {
            String[] kv = CreateFields.label(o);
            claim("Label:" + kv[0], "label " + kv[0], o);
            p.labels().put(kv[0], kv[1]);
          }
          case MEMORY -> scalar(p, "memory", String.valueOf(Values.bytes(o)), "the memory limit", o);
          case NETWORK -> scalar(p, "networkmode", Values.network(o), "the network", o);
          case NO_CACHE -> scalar(p, "nocache", o.switchValue() ? "1" : "0", "--no-cache", o);
          case PULL -> scalar(p, "pull", o.switchValue() ? "1" : "0", "--pull", o);
          case SHM_SIZE -> scalar(p, "shmsize", String.valueOf(Values.bytes(o)), "the /dev/shm size", o);
          case TARGET -> scalar(p, "target", Values.word(o), "the build target", o);
          default -> throw notInPhase(o);
        }
      }
      return p;
    }

    private void scalar(BuildParams p, String param, String value, String what, ParsedOption o) {
      claim(param, what, o);
      p.scalars().put(param, value);
    }
  }

  /** Receives what each option sets, to detect conflicts. */
  interface Claims {
    void claim(String key, String what, ParsedOption o);
  }
}
