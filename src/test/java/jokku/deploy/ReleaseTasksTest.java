package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import jokku.Jokku;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Procfile release and app.json predeploy/postdeploy tasks: output between markers, failures keep the old version. */
@Tag("engine")
class ReleaseTasksTest {
  final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  private String image(String version, String appJson, String release) {
    String extra = "RUN printf '" + release + "' >> /app/Procfile\n";
    return f.webImage(version, appJson.isEmpty() ? Map.of() : Map.of("app.json", appJson), release.isEmpty() ? "" : extra);
  }

  @Test
  void tasksRunInOrderWithTheirOutputBetweenMarkers() {
    String app = f.app("tasks");
    String appJson = "{\"scripts\":{\"dokku\":{\"predeploy\":\"echo before $DYNO_NONE-$GREETING\",\"postdeploy\":\"echo after\"}}}";
    f.ok("config:set", "--no-restart", app, "GREETING=hi");
    Jokku.Result r = f.ok("git:from-image", app, image("v1", appJson, "release: echo releasing\\n"));
    String out = r.out();
    assertTrue(out.contains("-----> Executing predeploy task from app.json: echo before $DYNO_NONE-$GREETING"), out);
    assertTrue(out.contains("=====> Start of " + app + " predeploy task ("), out);
    assertTrue(out.contains("       before -hi\n"), out);
    assertTrue(out.contains("-----> Executing release task from Procfile: echo releasing"), out);
    assertTrue(out.contains("       releasing\n"), out);
    assertTrue(out.contains("       after\n"), out);
    assertTrue(out.indexOf("releasing") < out.indexOf("Deploying web") && out.indexOf("Deploying web") < out.indexOf("after"), out);
    assertEquals(1, f.containers(app).size(), "task containers are removed: " + f.containers(app));
    assertTrue(f.store.property("ps", app, "scale").equals("web=1\nworker=0"), "release is not a process type");
  }

  @Test
  void failingPredeployOrPostdeploy_keepsTheOldVersionServing() throws IOException {
    String app = f.app("failtask");
    f.ok("git:from-image", app, f.webImage("v1"));
    Map<String, String> before = f.state(app);
    for (String phase : new String[] {"predeploy", "postdeploy"}) {
      String appJson = "{\"scripts\":{\"dokku\":{\"" + phase + "\":\"echo broken; exit 3\"}}}";
      Jokku.Result r = f.j.run("git:from-image", app, image("v2" + phase, appJson, ""));
      assertEquals(1, r.code(), r.toString());
      assertTrue(r.err().contains("Execution of " + phase + " task failed: echo broken; exit 3"), r.err());
      assertEquals(before, f.state(app), phase);
      assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"), phase);
      assertEquals(1, f.containers(app).size(), phase + ": " + f.containers(app));
    }
  }
}
