package jokku.dockeroptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import jokku.Jokku;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The docker-options commands as a user runs them, against temporary Dokku folders (no engine needed). */
@Tag("unit")
class DockerOptionsCommandsTest {
  private final Jokku j = new Jokku();
  private final String app = "api";

  @BeforeEach
  void createApps() throws IOException {
    Files.createDirectories(j.root.resolve(app));
  }

  private Path property(String app, String key) {
    return j.lib.resolve("config/docker-options/" + app + "/" + key);
  }

  private String read(String key) throws IOException {
    return Files.readString(property(app, key));
  }

  private void ok(Jokku.Result r) {
    assertEquals(0, r.code(), r.toString());
  }

  private List<String> files() throws IOException {
    Path dir = j.lib.resolve("config/docker-options");
    if (!Files.exists(dir)) return List.of();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void add_storesEachOptionOnItsOwnLine_sortedWithoutDuplicates_silently() throws IOException {
    Jokku.Result r = j.run("docker-options:add", app, "deploy,run", "-v /var/log/api:/app/logs", "--memory=512m");
    ok(r);
    assertEquals("", r.out() + r.err());
    ok(j.run("docker-options:add", app, "deploy", "-m 512m --volume=/var/log/api:/app/logs", "'--label=a=b c'"));
    assertEquals("'--label=a=b c'\n--memory=512m\n-v /var/log/api:/app/logs\n", read("_default_.deploy"));
    assertEquals("--memory=512m\n-v /var/log/api:/app/logs\n", read("_default_.run"));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(property(app, "_default_.deploy"))));
    assertEquals(List.of("api/_default_.deploy", "api/_default_.run"), files());
  }

  @Test
  void add_unsupportedOption_isRefusedAndNothingIsWritten() throws IOException {
    Jokku.Result r = j.run("docker-options:add", app, "deploy,run", "-v /a:/b", "--gpus all");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(" !     Unsupported docker option '--gpus all' for phase deploy; jokku supports: --add-host, --cap-add, --cap-drop, --cpus, -e/--env, --init,"), r.err());
    assertEquals(1, r.err().lines().count());
    assertEquals(List.of(), files());

    ok(j.run("docker-options:add", app, "deploy", "--memory 1g"));
    for (String[] bad : List.of(new String[] {"deploy", "-m 2g"}, new String[] {"deploy,run", "--restart=always"},
        new String[] {"deploy", "-v relative:/x:bogus"}, new String[] {"build", "-e A=1"}, new String[] {"deploy", "-v '/a:/b"})) {
      r = j.run("docker-options:add", app, bad[0], bad[1]);
      assertEquals(1, r.code(), r.toString());
      assertEquals("--memory 1g\n", read("_default_.deploy"));
      assertEquals(List.of("api/_default_.deploy"), files());
    }
    assertEquals(" !     Conflicting docker options for phase deploy: '--memory 1g' and '-m 2g' both set the memory limit\n", j.run("docker-options:add", app, "deploy", "-m 2g").err());
    assertEquals(" !     Docker option '--restart=always' applies to phase deploy only (Dokku ignores it for phase run)\n", j.run("docker-options:add", app, "deploy,run", "--restart=always").err());
  }

  @Test
  void add_badArguments_failLikeDokku() {
    assertEquals(new Jokku.Result(20, "", " !     App nope does not exist\n"), j.run("docker-options:add", "nope", "deploy", "--init"));
    assertEquals(new Jokku.Result(1, "", " !     Phase(s) must be one of [build deploy run]\n"), j.run("docker-options:add", app, "deploy,launch", "--init"));
    assertEquals(new Jokku.Result(1, "", " !     Please specify docker options to add to the phase\n"), j.run("docker-options:add", app, "deploy"));
    assertEquals(new Jokku.Result(1, "", " !     Please specify docker options to add to the phase\n"), j.run("docker-options:add", app));
    assertEquals(new Jokku.Result(1, "", " !     Please specify docker options to remove from the phase\n"), j.run("docker-options:remove", app, "run", " "));
    assertEquals(2, j.run("docker-options:add", "--proc", "web", app, "deploy", "--init").code());
  }

  @Test
  void remove_matchesAnySpelling_ignoresAbsentOptions_andDeletesEmptyLists() throws IOException {
    ok(j.run("docker-options:add", app, "deploy,run", "-v /a:/b", "--init", "-e A=1"));
    Jokku.Result r = j.run("docker-options:remove", app, "deploy", "--volume=/a:/b", "--env A=1", "--cpus 2");
    ok(r);
    assertEquals("", r.out() + r.err());
    assertEquals("--init\n", read("_default_.deploy"));
    assertEquals("--init\n-e A=1\n-v /a:/b\n", read("_default_.run"));
    ok(j.run("docker-options:remove", app, "deploy,run", "--init"));
    assertFalse(Files.exists(property(app, "_default_.deploy")));
    assertEquals("-e A=1\n-v /a:/b\n", read("_default_.run"));
  }

  @Test
  void remove_canDeleteOptionsDokkuStoredThatJokkuDoesNotTranslate() throws IOException {
    Files.createDirectories(property(app, "x").getParent());
    Files.writeString(property(app, "_default_.deploy"), "--gpus all\n--init\n");
    assertTrue(j.run("docker-options:add", app, "deploy", "-e A=1").err().endsWith("Unsupported docker option '--gpus all' for phase deploy; jokku supports: "
        + Flag.supportedIn(Phase.DEPLOY) + " (stored earlier for api; remove it with docker-options:remove)\n"));
    ok(j.run("docker-options:remove", app, "deploy", "--gpus all"));
    assertEquals("--init\n", read("_default_.deploy"));
  }

  @Test
  void clear_printsDokkusLines_evenWhenQuiet() throws IOException {
    ok(j.run("docker-options:add", app, "deploy,run", "--init"));
    ok(j.run("docker-options:add", app, "build", "--no-cache"));
    assertEquals(new Jokku.Result(1, "", " !     Phase(s) must be one of [build deploy run]\n"), j.run("docker-options:clear", app, "run,nope"));
    assertEquals(List.of("api/_default_.build", "api/_default_.deploy", "api/_default_.run"), files());
    assertEquals(new Jokku.Result(0, "-----> Clearing docker-options for api on phase build\n-----> Clearing docker-options for api on phase run\n", ""),
        j.run("--quiet", "docker-options:clear", app, "build,run"));
    assertEquals(List.of("api/_default_.deploy"), files());
    assertEquals(new Jokku.Result(0, "-----> Clearing docker-options for api on all phases\n", ""), j.run("docker-options:clear", app));
    assertEquals(List.of(), files());
  }

  @Test
  void process_scopesDeployOptionsToOneProcessType() throws IOException {
    ok(j.run("docker-options:add", "--process", "web", app, "deploy", "-p 8080:5000"));
    ok(j.run("docker-options:add", app, "deploy", "--cpus 1"));
    ok(j.run("docker-options:add", "--process=worker", app, "deploy", "--cpus 2")); // may differ from the app-wide value
    ok(j.run("docker-options:add", app, "deploy", "--memory 1g", "--process", "worker")); // lifted out of the options, as Dokku does
    assertEquals("-p 8080:5000\n", read("web.deploy"));
    assertEquals("--cpus 2\n--memory 1g\n", read("worker.deploy"));
    assertEquals("--cpus 1\n", read("_default_.deploy"));
    assertEquals(" !     Conflicting docker options for phase deploy: '--cpus 2' and '--cpus=3' both set the CPU limit\n",
        j.run("docker-options:add", "--process", "worker", app, "deploy", "--cpus=3").err());
    assertEquals(new Jokku.Result(1, "", " !     --process is only supported for the deploy phase, got \"run\"\n"), j.run("docker-options:add", "--process", "web", app, "deploy,run", "--init"));
    assertEquals(new Jokku.Result(1, "", " !     \"_default_\" is reserved and cannot be used as a --process value\n"), j.run("docker-options:add", "--process", "_default_", app, "deploy", "--init"));
    assertEquals(new Jokku.Result(1, "", " !     Invalid process type \"../x\": use letters, digits, - and _\n"), j.run("docker-options:add", "--process", "../x", app, "deploy", "--init"));
    assertEquals(new Jokku.Result(0, "-p 8080:5000\n", ""), j.run("docker-options:list", app, "--process", "web", "--phase", "deploy"));
    assertEquals(new Jokku.Result(0, "-----> Clearing docker-options for api on phase deploy for process web\n", ""), j.run("docker-options:clear", "--process", "web", app));
    assertFalse(Files.exists(property(app, "web.deploy")));
  }

  @Test
  void list_printsOneOptionPerLine() {
    ok(j.run("docker-options:add", app, "run", "-e A=1", "--label 'x=a b'"));
    assertEquals(new Jokku.Result(0, "--label 'x=a b'\n-e A=1\n", ""), j.run("docker-options:list", app, "--phase", "run"));
    assertEquals(new Jokku.Result(0, "", ""), j.run("docker-options:list", app, "--phase=build"));
    assertEquals(new Jokku.Result(1, "", " !     --phase is required\n"), j.run("docker-options:list", app));
    assertEquals(new Jokku.Result(1, "", " !     Phase must be one of [build deploy run]\n"), j.run("docker-options:list", app, "--phase", "ship"));
  }

  @Test
  void report_printsDokkusLayout_flags_andJson() throws IOException {
    Files.createDirectories(j.root.resolve("worker-app"));
    ok(j.run("docker-options:add", app, "deploy", "-v /a:/b", "--init"));
    ok(j.run("docker-options:add", app, "run", "-e A=1"));
    ok(j.run("docker-options:add", "--process", "web", app, "deploy", "-p 80:5000"));
    String apiReport = "=====> api docker options information\n"
        + "       Docker options build:          \n"
        + "       Docker options deploy:         --init -v /a:/b\n"
        + "       Docker options deploy web:     -p 80:5000\n"
        + "       Docker options run:            -e A=1\n";
    assertEquals(new Jokku.Result(0, apiReport, ""), j.run("docker-options:report", app));
    String workerReport = "=====> worker-app docker options information\n"
        + "       Docker options build:          \n"
        + "       Docker options deploy:         \n"
        + "       Docker options run:            \n";
    assertEquals(new Jokku.Result(0, apiReport + workerReport, ""), j.run("docker-options:report"));
    assertEquals(new Jokku.Result(0, "       Docker options build:          \n       Docker options deploy:         \n       Docker options run:            \n", ""),
        j.run("docker-options:report", "worker-app", "--quiet"));
    assertEquals(new Jokku.Result(0, "--init -v /a:/b\n", ""), j.run("docker-options:report", app, "--docker-options-deploy"));
    assertEquals(new Jokku.Result(0, "-p 80:5000\n", ""), j.run("docker-options:report", app, "--docker-options-deploy.web"));
    assertEquals(new Jokku.Result(0, "\n", ""), j.run("docker-options:report", app, "--docker-options-build"));
    assertEquals(new Jokku.Result(1, "", " !     Invalid flag passed, valid flags: --docker-options-build, --docker-options-deploy, --docker-options-deploy.web, --docker-options-run\n"),
        j.run("docker-options:report", app, "--docker-options-nope"));
    assertEquals("{\"build\":\"\",\"deploy\":\"--init -v /a:/b\",\"deploy.web\":\"-p 80:5000\",\"docker-options-build\":\"\",\"docker-options-deploy\":\"--init -v /a:/b\","
        + "\"docker-options-deploy.web\":\"-p 80:5000\",\"docker-options-run\":\"-e A=1\",\"run\":\"-e A=1\"}\n", j.run("docker-options:report", app, "--format", "json").out());
    String all = j.run("docker-options:report", "--format=json").out();
    assertEquals(2, all.lines().count());
    assertTrue(all.startsWith("{\"app\":\"api\",\"build\":\"\""), all);
    assertTrue(all.lines().toList().get(1).startsWith("{\"app\":\"worker-app\","), all);
    assertEquals(new Jokku.Result(1, "", " !     docker-options:report command allows only a single flag\n"), j.run("docker-options:report", app, "--docker-options-run", "--docker-options-build"));
    assertEquals(new Jokku.Result(1, "", " !     Format must be \"stdout\" or \"json\": \"text\"\n"), j.run("docker-options:report", app, "--format", "text"));
    assertEquals(new Jokku.Result(1, "", " !     --format flag cannot be specified when specifying an info flag\n"), j.run("docker-options:report", app, "--format", "json", "--docker-options-run"));
    assertEquals(2, j.run("docker-options:report", app, "--format").code());
    assertEquals(20, j.run("docker-options:report", "ghost").code());
  }

  @Test
  void report_withNoApps_warnsAndSucceeds() throws IOException {
    Files.delete(j.root.resolve(app));
    assertEquals(new Jokku.Result(0, "", " !     You haven't deployed any applications yet\n"), j.run("docker-options:report"));
  }

  @Test
  void help_usesDokkusLayout() {
    String help = "Usage: dokku docker-options[:COMMAND]\n\nManage docker options for an app\n\nAdditional commands:\n"
        + "    docker-options:add [--process PROC...] <app> <phase(s)> OPTION     Add Docker option to app for phase (comma separated phase list)\n"
        + "    docker-options:clear [--process PROC...] <app> [<phase(s)>...]     Clear docker options from app with an optional phase (comma separated phase list)\n"
        + "    docker-options:list <app> [--process PROC] --phase PHASE           List docker options for one process+phase pair\n"
        + "    docker-options:remove [--process PROC...] <app> <phase(s)> OPTION  Remove Docker option from app for phase (comma separated phase list)\n"
        + "    docker-options:report [<app>] [<flag>] [--format json|stdout]      Displays a docker options report for one or more apps\n";
    assertEquals(new Jokku.Result(0, help, ""), j.run("docker-options:help"));
    assertEquals(new Jokku.Result(0, help, ""), j.run("docker-options"));
    assertTrue(j.run("help").out().matches("(?s).*\n    docker-options +Manage docker options for an app\n.*"), "padded to the longest plugin name");
  }

  @Test
  void concurrentAdds_loseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Jokku.Result>> results = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String opt = "-e K" + (char) ('a' + i) + "=" + i;
      results.add(pool.submit(() -> j.run("docker-options:add", app, "deploy", opt)));
    }
    for (Future<Jokku.Result> f : results) ok(f.get());
    pool.shutdown();
    assertEquals(24, read("_default_.deploy").lines().count());
    try (Stream<Path> s = Files.list(property(app, "x").getParent())) {
      assertEquals(List.of("_default_.deploy"), s.map(p -> p.getFileName().toString()).toList());
    }
  }
}
