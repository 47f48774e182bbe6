package jokku.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import jokku.DokkuException;
import jokku.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The property model on its own: resolution across scopes and the messages a declaration gives {@code :set}. */
@Tag("unit")
class PropertyModelTest {
  static final Property BOTH = Property.of("demo", "both").defaultValue("d")
      .check(Check.oneOf(List.of("x", "y", "d"), v -> "Invalid both " + v));
  static final Property APP_ONLY = Property.of("demo", "app-only").appOnly().defaultFor(app -> "for-" + app);
  static final Property GLOBAL_ONLY = Property.of("demo", "global-only").globalOnly();
  static final Property WRITTEN = Property.of("demo", "written").readOnly();
  static final Property HIDDEN = Property.of("demo", "hidden").internal();
  static final PluginProperties DEMO = PluginProperties.of("demo", BOTH, APP_ONLY, GLOBAL_ONLY, WRITTEN, HIDDEN);

  @TempDir
  Path dir;

  @Test
  void theAppsValueElseTheGlobalOneElseTheDefault() {
    Store store = new Store(dir.resolve("home"), dir.resolve("lib"));
    PropertyValues v = new PropertyValues(store);
    assertEquals("d", v.computed(BOTH, "a"));
    assertEquals("", v.chosen(BOTH, Scope.app("a")), "no default in chosen");
    v.set(BOTH, Scope.GLOBAL, "y");
    assertEquals("y", v.computed(BOTH, "a"));
    assertEquals("y", v.computed(BOTH, Scope.GLOBAL));
    v.set(BOTH, Scope.app("a"), "x");
    assertEquals("x", v.computed(BOTH, "a"));
    assertEquals("y", v.computed(BOTH, Scope.GLOBAL), "the global scope never reads an app's value");
    assertEquals("x", store.property("demo", "a", "both"), "stored where Dokku keeps it");
    assertEquals("y", store.property("demo", "--global", "both"));
    v.set(BOTH, Scope.app("a"), "");
    assertEquals("", store.property("demo", "a", "both"), "an empty value unsets");
    assertEquals("y", v.computed(BOTH, "a"));
  }

  @Test
  void aScopeAPropertyDoesNotHaveIsNeverRead() {
    Store store = new Store(dir.resolve("home"), dir.resolve("lib"));
    store.setProperty("demo", "--global", "app-only", "written by hand");
    store.setProperty("demo", "a", "global-only", "written by hand");
    PropertyValues v = new PropertyValues(store);
    assertEquals("for-a", v.computed(APP_ONLY, "a"));
    assertEquals("", v.computed(GLOBAL_ONLY, "a"));
    assertEquals("", v.global(APP_ONLY));
  }

  @Test
  void setRefusesWithTheDeclarationsMessages() {
    assertEquals("No property specified", refused(() -> DEMO.settable(Scope.app("a"), "")));
    assertEquals("Invalid property specified, valid properties include: both, app-only, global-only", refused(() -> DEMO.settable(Scope.app("a"), "nope")));
    assertEquals("Invalid property specified, valid properties include: both, app-only, global-only", refused(() -> DEMO.settable(Scope.app("a"), "hidden")),
        "an internal key is unknown to :set");
    assertEquals("written is a read-only property", refused(() -> DEMO.settable(Scope.app("a"), "written")));
    assertEquals("Property cannot be specified globally", refused(() -> DEMO.settable(Scope.GLOBAL, "app-only")));
    assertEquals("Invalid both z", refused(() -> DEMO.check(Scope.app("a"), "both", "z")));
    assertEquals(BOTH, DEMO.check(Scope.app("a"), "both", ""), "unsetting is never checked");
    PluginProperties keyed = PluginProperties.of("demo", BOTH).saysKey().listsKeysWhenMissing();
    assertEquals("No key specified, valid keys include: both", refused(() -> keyed.settable(Scope.GLOBAL, "")));
    assertEquals("Invalid key specified, valid keys include: both", refused(() -> keyed.settable(Scope.GLOBAL, "x")));
  }

  @Test
  void theHostReachIsOnTheDeclaration() {
    assertNotNull(jokku.network.NetworkProperty.STATIC_WEB_LISTENER.property.reaches("10.0.0.5:8080"));
    assertNull(jokku.network.NetworkProperty.STATIC_WEB_LISTENER.property.reaches(""));
    assertNull(jokku.proxy.NginxProperty.ACCESS_LOG_PATH.property.reaches("off"));
    assertNull(BOTH.reaches("x"));
  }

  @Test
  void theGlobalFlagIsAScope() {
    assertEquals(Scope.GLOBAL, Scope.of("--global"));
    assertEquals("a", Scope.of("a").app());
    assertEquals("--global", Scope.GLOBAL.folder());
  }

  private static String refused(Runnable r) {
    return assertThrows(DokkuException.class, r::run).getMessage();
  }
}
