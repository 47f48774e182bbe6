package jokku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Every test class is in exactly one tier (docs/testing.md): {@code unit}, {@code engine} or {@code testbed}, and is
 * named so that surefire ({@code *Test}) or failsafe ({@code *IT}) runs it. The fast command runs
 * {@code -Dgroups=unit}, so a class without a tier tag would silently drop out of it; this test is in that tier and
 * fails instead. Read from the compiled test classes, so inherited tests and tags count as JUnit counts them.
 */
@Tag("unit")
class TiersTest {
  static final Set<String> TIERS = Set.of("unit", "engine", "testbed");

  /** Every concrete class under target/test-classes with a test method (its own or inherited). */
  static List<Class<?>> testClasses() throws IOException, ClassNotFoundException {
    Path root = Path.of("target/test-classes");
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c = Class.forName(name, false, TiersTest.class.getClassLoader());
        if (!Modifier.isAbstract(c.getModifiers()) && !c.isMemberClass() && !c.isLocalClass() && !c.isAnonymousClass() && hasTests(c)) found.add(c);
      }
    }
    return found;
  }

  static boolean hasTests(Class<?> c) {
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Method m : k.getDeclaredMethods()) if (AnnotationSupport.isAnnotated(m, Testable.class)) return true;
    }
    return false;
  }

  /** The tier tags a class carries, as JUnit reads them (its own, inherited and meta-annotations). */
  static Set<String> tiers(Class<?> c) {
    Set<String> tags = new TreeSet<>();
    for (Tag t : AnnotationSupport.findRepeatableAnnotations(c, Tag.class)) tags.add(t.value());
    return tags;
  }

  @Test
  void everyTestClassHasExactlyOneTier_andARunnerThatPicksItUp() throws Exception {
    List<Class<?>> classes = testClasses();
    assertTrue(classes.size() > 100 && classes.contains(TiersTest.class), "the scan sees the test classes: " + classes.size());
    List<String> bad = new ArrayList<>();
    for (Class<?> c : classes) {
      Set<String> tags = tiers(c);
      Set<String> tiers = new TreeSet<>(tags);
      tiers.retainAll(TIERS);
      if (tiers.size() != 1 || !TIERS.containsAll(tags)) bad.add(c.getName() + " has tags " + tags + ", wants exactly one of " + new TreeSet<>(TIERS));
      if (!c.getSimpleName().endsWith("Test") && !c.getSimpleName().endsWith("IT")) bad.add(c.getName() + " is named neither *Test (surefire) nor *IT (failsafe): nothing runs it");
      if (c.getSimpleName().endsWith("IT") && tiers.contains("unit")) bad.add(c.getName() + " runs after packaging (failsafe): not in the unit tier");
    }
    assertEquals(List.of(), bad);
  }

  /**
   * The fixtures that reach a real component (the host's engine, the test bed, nginx, sshd): a unit test naming one
   * would make the fast tier need them. A deliberate but rough check; the tier itself is what the test needs.
   */
  static final java.util.regex.Pattern ENGINE_FIXTURE = java.util.regex.Pattern.compile(
      "\\b(TestEngine|EngineFixture|TestImages|Testbed|SwarmBed|RootNetns|DeployFixture|FakeDeploy|AppImages|LoopbackApps|new WatchFixture|SshServer\\.start|proxyOnLoopback)\\b");

  @Test
  void unitTestsNameNoFixtureOfARealComponent() throws Exception {
    List<String> bad = new ArrayList<>();
    for (Class<?> c : testClasses()) {
      if (!tiers(c).contains("unit") || c == TiersTest.class) continue; // this class names them in its pattern
      Path source = Path.of("src/test/java", c.getName().replace('.', '/') + ".java");
      java.util.regex.Matcher m = ENGINE_FIXTURE.matcher(PackageDependenciesTest.code(source));
      if (m.find()) bad.add(c.getName() + " is tagged unit but uses " + m.group(1) + ": tag it engine (or testbed)");
    }
    assertEquals(List.of(), bad);
    assertTrue(ENGINE_FIXTURE.matcher("DeployFixture f = new DeployFixture();").find() && !ENGINE_FIXTURE.matcher("WatchFixture.eventually(10, x)").find());
  }

  @Tag("unit")
  static class Tagged {}

  @Tag("engine")
  @Tag("unit")
  static class Twice {}

  @Tag("slow")
  static class Untiered {}

  @Test
  void theTagsAreReadAsJUnitReadsThem() throws ClassNotFoundException {
    Class<?> overTls = Class.forName("jokku.engine.EngineFaultsOverTlsTest");
    assertEquals(Set.of("unit"), tiers(Tagged.class));
    assertEquals(Set.of("engine", "unit"), tiers(Twice.class));
    assertEquals(Set.of("slow"), tiers(Untiered.class));
    assertEquals(Set.of(), tiers(Object.class));
    assertEquals(Set.of("unit"), tiers(overTls), "inherited tests, own tag");
    assertTrue(hasTests(overTls), "tests inherited from EngineFaultsTest count");
    assertTrue(!hasTests(Jokku.class), "a fixture is no test class");
  }
}
