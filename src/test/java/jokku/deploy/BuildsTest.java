package jokku.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jokku.Jokku;
import jokku.TestImages;
import jokku.engine.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** git:load-image and git:from-archive, a failed build, ps:rebuild, and the labels of the app image. */
@Tag("engine")
class BuildsTest {
  final DeployFixture f = new DeployFixture();

  @AfterEach
  void cleanup() {
    f.close();
  }

  private static byte[] project(String version, String extraDockerfile) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("Dockerfile", ("FROM " + TestImages.BUSYBOX + "\nWORKDIR /app\nCOPY Procfile /app/Procfile\n" + extraDockerfile
        + "RUN mkdir -p /www && echo " + version + " > /www/index.html\nEXPOSE 8080\n").getBytes(StandardCharsets.UTF_8));
    files.put("Procfile", "web: httpd -f -p $PORT -h /www\n".getBytes(StandardCharsets.UTF_8));
    return TestImages.tar(files);
  }

  @Test
  void fromArchive_buildsDeploysAndLabelsTheAppImage() throws IOException {
    String app = f.app("archive");
    Path tar = Files.createTempFile(f.j.root, "project", ".tar");
    Files.write(tar, project("v1", ""));
    Jokku.Result r = f.ok("git:from-archive", app, tar.toString());
    assertTrue(r.out().contains("-----> Building " + app + " from Dockerfile"), r.out());
    assertEquals("8080", f.store.readAppFile(app, "PORT.web.1"), "the exposed port is detected");
    assertEquals("http:8080:8080", f.store.property("ports", app, "map-detected"));
    assertEquals("v1", f.http(f.listener(app, "web.1")));
    Map<String, String> labels = f.engine.image("dokku/" + app + ":latest").orElseThrow().labels();
    assertEquals("release", labels.get("com.dokku.image-stage"));
    assertEquals("dockerfile", labels.get("com.dokku.builder-type"));
    assertEquals(app, labels.get("com.dokku.app-name"));
    assertEquals(f.j.runId, labels.get("com.jokku.test"));

    // stdin, then a failed build: the previous image and containers keep serving
    Jokku.Result v2 = f.runWithBytes(project("v2", ""), "git:from-archive", app, "-");
    assertEquals(0, v2.code(), v2.toString());
    assertEquals("v2", f.http(f.listener(app, "web.1")));
    String image = f.imageId("dokku/" + app + ":latest");
    Map<String, String> state = f.state(app);
    Jokku.Result broken = f.runWithBytes(project("v3", "RUN exit 3\n"), "git:from-archive", app, "-");
    assertEquals(1, broken.code(), broken.toString());
    assertTrue(broken.err().contains(" !     App build failed"), broken.err());
    assertEquals(image, f.imageId("dokku/" + app + ":latest"));
    assertEquals(state, f.state(app));
    assertEquals("v2", f.http(f.listener(app, "web.1")));

    // ps:rebuild builds the last good source again
    Jokku.Result rebuild = f.ok("ps:rebuild", app);
    assertTrue(rebuild.out().contains("-----> Building " + app + " from Dockerfile"), rebuild.out());
    assertEquals("v2", f.http(f.listener(app, "web.1")));
  }

  @Test
  void fromArchive_labelsTheFinalOrTargetStageAndAFailedCheckLeavesThePreviousImage() throws IOException {
    String app = f.app("stages");
    // multi-stage, the last line without a newline: the labels go on the final stage, in the same build
    String stages = "FROM " + TestImages.BUSYBOX + " AS base\nRUN mkdir -p /www && echo base > /www/index.html\n"
        + "FROM base AS web\nWORKDIR /app\nCOPY . /app\nRUN echo %s > /www/index.html\n"
        + "FROM web AS last\nRUN echo last > /www/index.html";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("Dockerfile", String.format(stages, "v1").getBytes(StandardCharsets.UTF_8));
    files.put("Procfile", "web: httpd -f -p $PORT -h /www\n".getBytes(StandardCharsets.UTF_8));
    Jokku.Result r = f.runWithBytes(TestImages.tar(files), "git:from-archive", app, "-");
    assertEquals(0, r.code(), r.toString());
    assertEquals("last", f.http(f.listener(app, "web.1")));
    Map<String, String> labels = f.engine.image("dokku/" + app + ":latest").orElseThrow().labels();
    assertEquals("release", labels.get("com.dokku.image-stage"));
    assertEquals("dockerfile", labels.get("com.dokku.builder-type"));
    assertEquals(app, labels.get("com.dokku.app-name"));
    assertEquals(f.j.runId, labels.get("com.jokku.test"));
    assertFalse(r.out().contains("Step 1/2 : FROM sha256:"), "no second build for the labels: " + r.out());

    // a build target: that stage is the image, and it carries the labels (and a build --label) too
    f.ok("docker-options:add", app, "build", "--target web --label com.example.team=blue");
    r = f.runWithBytes(TestImages.tar(files), "git:from-archive", app, "-");
    assertEquals(0, r.code(), r.toString());
    assertEquals("v1", f.http(f.listener(app, "web.1")));
    labels = f.engine.image("dokku/" + app + ":latest").orElseThrow().labels();
    assertEquals(app, labels.get("com.dokku.app-name"));
    assertEquals("release", labels.get("com.dokku.image-stage"));
    assertEquals("blue", labels.get("com.example.team"));
    assertTrue(r.out().contains("Step 1/2 : FROM sha256:"), "a target stage is labelled by a second build: " + r.out());
    String running = f.imageId("dokku/" + app + ":latest");

    // a build whose check fails is not the app's image: ps:restart runs the one that was serving
    files.put("Dockerfile", String.format(stages, "v2").getBytes(StandardCharsets.UTF_8));
    files.put("app.json", "{\"healthchecks\":{\"web\":[{\"type\":\"startup\",\"name\":\"never\",\"command\":[\"false\"],\"attempts\":1}]}}\n".getBytes(StandardCharsets.UTF_8));
    Jokku.Result failing = f.runWithBytes(TestImages.tar(files), "git:from-archive", app, "-");
    assertEquals(1, failing.code(), failing.toString());
    assertTrue(failing.err().contains("name='never'"), "the check ran: " + failing);
    assertEquals(running, f.imageId("dokku/" + app + ":latest"));
    f.ok("ps:restart", app);
    assertEquals("v1", f.http(f.listener(app, "web.1")));
  }

  @Test
  void fromArchive_buildsOnTheInitialNetworkSoRunStepsReachIt() throws IOException {
    String net = f.j.name("buildnet");
    f.ok("network:create", net);
    String api = f.app("api");
    f.ok("network:set", api, "initial-network", net);
    f.ok("git:from-image", api, f.webImage("v1"));
    String app = f.app("builder");
    f.ok("network:set", app, "initial-network", net);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("Dockerfile", ("FROM " + TestImages.BUSYBOX + "\nRUN mkdir -p /www && wget -qO- http://" + api + ".web:5000/ > /www/index.html\n"
        + "CMD [\"httpd\", \"-f\", \"-p\", \"5000\", \"-h\", \"/www\"]\n").getBytes(StandardCharsets.UTF_8));
    Jokku.Result r = f.runWithBytes(TestImages.tar(files), "git:from-archive", app, "-");
    assertEquals(0, r.code(), r.toString());
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1 "), "the RUN step fetched the api's page");
  }

  @Test
  void imageWithoutProcfile_runsItsOwnCommandForWeb() throws IOException {
    String app = f.app("noprocfile");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("Dockerfile", ("FROM " + TestImages.BUSYBOX + "\nRUN mkdir -p /www && echo plain > /www/index.html\n"
        + "CMD [\"httpd\", \"-f\", \"-p\", \"5000\", \"-h\", \"/www\"]\n").getBytes(StandardCharsets.UTF_8));
    f.ok("ps:scale", "--skip-deploy", app, "web=1", "worker=1");
    Jokku.Result r = f.runWithBytes(TestImages.tar(files), "git:from-archive", app, "-");
    assertEquals(0, r.code(), r.toString());
    assertEquals("plain", f.http(f.listener(app, "web.1")));
    assertTrue(f.store.appFiles(app, "CONTAINER.worker.1").size() == 1, "without a Procfile any scaled type runs the image's command");
    assertEquals("", f.store.readData("ps", app, "Procfile"));
  }

  @Test
  void fromArchive_readsTheProcfileAndAppJsonFromTheSourceAtProcfilePath() throws IOException {
    // as Dokku for a Dockerfile build: the source's files count, even those the Dockerfile does not copy
    String app = f.app("srcprocfile");
    f.ok("ps:set", app, "procfile-path", "/deploy/Procfile");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("Dockerfile", ("FROM " + TestImages.BUSYBOX + "\nRUN mkdir -p /www && echo fromsource > /www/index.html\n").getBytes(StandardCharsets.UTF_8));
    files.put("./deploy/Procfile", "web: httpd -f -p $PORT -h /www\nworker: sleep 1000\n".getBytes(StandardCharsets.UTF_8));
    files.put("app.json", "{\"scripts\":{\"dokku\":{\"predeploy\":\"echo predeploy-from-source\"}}}\n".getBytes(StandardCharsets.UTF_8));
    Jokku.Result r = f.runWithBytes(TestImages.tar(files), "git:from-archive", app, "-");
    assertEquals(0, r.code(), r.toString());
    assertEquals("fromsource", f.http(f.listener(app, "web.1")));
    assertTrue(r.out().contains("       predeploy-from-source\n"), "the source's app.json: " + r.out());
    assertEquals("web: httpd -f -p $PORT -h /www\nworker: sleep 1000\n", f.store.readData("ps", app, "Procfile"));
    assertFalse(f.store.dataExists("ps", app, "staged-image-id"), "the deploy committed what was staged");
    f.ok("ps:restart", app);
    assertEquals("fromsource", f.http(f.listener(app, "web.1")));
  }

  @Test
  void fromArchive_refusesZipAndUrlsBeforeAnythingHappens() {
    String app = f.app("zip");
    Jokku.Result zip = f.runWithBytes(new byte[] {'P', 'K', 3, 4, 0, 0}, "git:from-archive", app, "-");
    assertEquals(1, zip.code());
    assertTrue(zip.err().contains("zip archives are not supported"), zip.err());
    Jokku.Result url = f.j.run("git:from-archive", app, "https://example.com/app.tar");
    assertEquals(1, url.code());
    assertEquals(" !     Archive URLs are not fetched by jokku: download the archive and pass its path, or - to read it from stdin\n", url.err());
    assertTrue(f.containers(app).isEmpty());
    assertFalse(f.store.dataExists("git", app, "source-archive"));
  }

  @Test
  void loadImage_loadsAsavedTarballAndDeploysIt() throws IOException {
    String app = f.app("load");
    String image = f.webImage("v1");
    byte[] saved = EngineFixture.saveImage(f.engine, image);
    EngineFixture.forceRemoveImage(f.engine, image);
    Jokku.Result r = f.runWithBytes(saved, "git:load-image", app);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("Loaded image: " + image), r.out());
    assertTrue(f.http(f.listener(app, "web.1")).startsWith("v1"));
    assertEquals(image, f.store.property("git", app, "source-image"));
  }

  @Test
  void fromImage_withAMissingImageThatCannotBePulledFails() {
    String app = f.app("nopull");
    Jokku.Result r = f.j.run("git:from-image", app, "127.0.0.1:1/jokku-test/absent:latest");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("Unable to pull image 127.0.0.1:1/jokku-test/absent:latest"), r.err());
    assertTrue(f.containers(app).isEmpty());
  }
}
