package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The layering, read from the sources (src/main/java/jokku/**): cli → domain packages → {engine, store}. A domain
 * package never uses the CLI layer, the engine client and the store know no domain, and {@code run} does not use
 * {@code deploy} (a deploy runs tasks through {@code run}, so the reverse would be a cycle), and no two packages
 * depend on each other, directly or through others (no cycle among the jokku.* packages; a package counts with its
 * subpackages). Subpackages of one package are alternatives side by side and never use each other: the docker-local
 * scheduler ({@code scheduler.local}) and the swarm scheduler ({@code scheduler.swarm}) share only what
 * {@code scheduler} (the interface) and {@code deploy} (the release steps) hold. Imports and fully qualified names
 * both count; comments do not.
 */
@Tag("unit")
class PackageDependenciesTest {
  static final Set<String> DOMAIN = Set.of("access", "apps", "config", "network", "deploy", "run", "proxy", "dockeroptions", "ports", "domains", "image", "scheduler", "certs", "git", "property");
  static final Set<String> BOTTOM = Set.of("engine", "store");
  /** Root-package classes every layer may use; they use no jokku package themselves. */
  static final Set<String> SHARED_ROOT = Set.of("DokkuException.java", "DokkuLabels.java", "Out.java", "KeptShell.java");
  /** A reference to a class of another package, also in a subpackage ({@code jokku.a.b.C} counts as {@code a}). */
  private static final Pattern REFERENCE = Pattern.compile("\\bjokku\\.([a-z]+)\\.(?:[a-z]+\\.)*[A-Z*]");
  /** The same reference with its whole package ({@code jokku.scheduler.local.X} is {@code scheduler.local}). */
  private static final Pattern FULL_REFERENCE = Pattern.compile("\\bjokku\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z*]");
  private static final Pattern ROOT_REFERENCE = Pattern.compile("\\bjokku\\.[A-Z]|\\bimport jokku\\.");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|(?m)^\\s*//.*$", Pattern.DOTALL);

  /** package → the other jokku packages its sources reference. */
  static Map<String, Set<String>> dependencies(Path root) {
    Map<String, Set<String>> deps = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() < 2) continue; // the root package: checked on its own
        String pkg = rel.getName(0).toString();
        Set<String> used = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(code(f));
        while (m.find()) if (!m.group(1).equals(pkg)) used.add(m.group(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deps;
  }

  /** Each subpackage ({@code scheduler.local}) → the other subpackages (of any package) its sources reference. */
  static Map<String, Set<String>> subpackageDependencies(Path root) {
    Map<String, Set<String>> deps = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() < 3) continue;
        String pkg = rel.getParent().toString().replace(java.io.File.separatorChar, '.');
        Set<String> used = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = FULL_REFERENCE.matcher(code(f));
        while (m.find()) if (!m.group(1).equals(pkg) && m.group(1).contains(".")) used.add(m.group(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deps;
  }

  /** Subpackages of one package that use each other, one line each (empty when none). */
  static List<String> siblingViolations(Map<String, Set<String>> subDeps) {
    List<String> bad = new ArrayList<>();
    subDeps.forEach((pkg, used) -> {
      String parent = pkg.substring(0, pkg.lastIndexOf('.'));
      for (String u : used) {
        if (u.startsWith(parent + ".") && !u.startsWith(pkg + ".")) bad.add(pkg + " → " + u + ": side-by-side subpackages must not use each other");
      }
    });
    return bad;
  }

  static String code(Path f) {
    try {
      return COMMENT.matcher(Files.readString(f)).replaceAll("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rules broken, one line each (empty when none). */
  static List<String> violations(Map<String, Set<String>> deps) {
    List<String> bad = new ArrayList<>();
    deps.forEach((pkg, used) -> {
      for (String u : used) {
        if (DOMAIN.contains(pkg) && u.equals("cli")) bad.add(pkg + " → cli: the domain must not use the CLI layer");
        if (BOTTOM.contains(pkg) && !BOTTOM.contains(u)) bad.add(pkg + " → " + u + ": engine and store know no domain");
        if (pkg.equals("run") && u.equals("deploy")) bad.add("run → deploy: deploy uses run, not the reverse");
      }
    });
    for (List<String> cycle : cycles(deps)) bad.add("cycle: " + String.join(" → ", cycle) + ": packages must not depend on each other");
    return bad;
  }

  /**
   * Every cycle, once: for each package on one, the shortest path from it back to itself through packages that sort
   * after it (so a cycle is reported from its first package, as {@code a → b → a}).
   */
  static List<List<String>> cycles(Map<String, Set<String>> deps) {
    List<List<String>> found = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (String start : new TreeSet<>(deps.keySet())) {
      Map<String, String> parent = new TreeMap<>();
      java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(start));
      while (!queue.isEmpty()) {
        String at = queue.poll();
        for (String next : deps.getOrDefault(at, Set.of())) {
          if (next.equals(start)) {
            List<String> cycle = new ArrayList<>(List.of(start));
            for (String p = at; !p.equals(start); p = parent.get(p)) cycle.add(1, p);
            cycle.add(start);
            if (seen.add(new TreeSet<>(cycle).toString())) found.add(cycle);
            queue.clear();
            break;
          }
          if (next.compareTo(start) > 0 && !parent.containsKey(next)) {
            parent.put(next, at);
            queue.add(next);
          }
        }
      }
    }
    return found;
  }

  @Test
  void dependenciesPointOneWay() {
    Map<String, Set<String>> deps = dependencies(Path.of("src/main/java/jokku"));
    assertTrue(deps.keySet().containsAll(DOMAIN) && deps.keySet().containsAll(BOTTOM) && deps.containsKey("cli"), deps.keySet().toString());
    assertTrue(deps.get("cli").contains("deploy") && deps.get("deploy").contains("run"), "the scan sees known edges: " + deps);
    assertEquals(List.of(), violations(deps), deps.toString());
  }

  @Test
  void theTwoSchedulersUseNeitherEachOther() {
    Map<String, Set<String>> sub = subpackageDependencies(Path.of("src/main/java/jokku"));
    assertTrue(sub.containsKey("scheduler.local") && sub.containsKey("scheduler.swarm"), sub.keySet().toString());
    assertEquals(List.of(), siblingViolations(sub), sub.toString());
    assertEquals(List.of("scheduler.local → scheduler.swarm: side-by-side subpackages must not use each other"),
        siblingViolations(Map.of("scheduler.local", Set.of("scheduler.swarm"), "scheduler.swarm", Set.of())));
    assertEquals(List.of(), siblingViolations(Map.of("scheduler.local", Set.of("scheduler.local.x"), "a.b", Set.of("c.d"))));
  }

  @Test
  void theSharedRootClassesUseNoJokkuPackage() {
    for (String name : SHARED_ROOT) {
      assertTrue(!ROOT_REFERENCE.matcher(code(Path.of("src/main/java/jokku", name))).find(), name + " must stay a leaf");
    }
  }

  @Test
  void eachRuleIsSeen() {
    Map<String, Set<String>> bad = Map.of("proxy", Set.of("cli"), "store", Set.of("network"), "run", Set.of("deploy"), "engine", Set.of("store"));
    assertEquals(3, violations(bad).size(), violations(bad).toString());
  }

  @Test
  void anyCycleIsSeen_directOrThroughOthers() {
    assertEquals(List.of("cycle: domains → network → domains: packages must not depend on each other"),
        violations(Map.of("network", Set.of("domains", "store"), "domains", Set.of("network", "store"), "store", Set.of())));
    Map<String, Set<String>> longer = Map.of("apps", Set.of("config"), "config", Set.of("image"), "image", Set.of("apps", "store"), "proxy", Set.of("apps"));
    assertEquals(List.of(List.of("apps", "config", "image", "apps")), cycles(longer));
    Map<String, Set<String>> two = Map.of("a", Set.of("b"), "b", Set.of("a"), "c", Set.of("d"), "d", Set.of("c"), "e", Set.of("a"));
    assertEquals(List.of(List.of("a", "b", "a"), List.of("c", "d", "c")), cycles(two));
    Matcher sub = REFERENCE.matcher("import jokku.scheduler.local.LocalScheduler; jokku.store.Store.GLOBAL; import jokku.ports.*;");
    List<String> named = new ArrayList<>();
    while (sub.find()) named.add(sub.group(1));
    assertEquals(List.of("scheduler", "store", "ports"), named, "subpackages and wildcard imports count as their top package");
    assertEquals(List.of(), cycles(Map.of("cli", Set.of("deploy", "run"), "deploy", Set.of("run"), "run", Set.of("engine"))));
  }
}
