package jokku.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.Snapshot;
import jokku.engine.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every plugin's {@code :report} behaves the same way: one mechanism ({@link PluginReport}), Dokku's messages. */
@Tag("unit")
class ReportsTest {
  private final Jokku j = new Jokku();

  /** plugin, header word, one of its app flags, whether it has {@code --global}, the flag's JSON key. */
  record Report(String plugin, String title, String flag, boolean global, String key) {
    Report(String plugin, String title, String flag, boolean global) {
      this(plugin, title, flag, global, flag.substring(2));
    }

    String command() {
      return plugin + ":report";
    }

    @Override
    public String toString() {
      return command();
    }
  }

  static List<Report> reports() {
    return List.of(
        new Report("apps", "app", "--app-locked", false),
        new Report("checks", "checks", "--checks-skipped-list", true),
        new Report("docker-options", "docker options", "--docker-options-deploy", false),
        new Report("domains", "domains", "--domains-app-enabled", true),
        new Report("network", "network", "--network-tld", true),
        new Report("ports", "ports", "--ports-map", true),
        new Report("proxy", "proxy", "--proxy-enabled", true),
        new Report("ps", "ps", "--ps-computed-procfile-path", true),
        new Report("nginx", "nginx", "--nginx-computed-client-max-body-size", true, "computed-client-max-body-size"),
        new Report("certs", "ssl", "--ssl-enabled", false, "enabled"),
        new Report("builder", "builder", "--builder-computed-selected", true),
        new Report("scheduler", "scheduler", "--scheduler-computed-selected", true));
  }

  private Jokku.Result refused(int code, String message, String... args) {
    Map<String, String> before = Snapshot.of(j);
    Jokku.Result r = j.run(args);
    assertEquals(code, r.code(), r.toString());
    assertEquals(" !     " + message + "\n", r.err(), r.toString());
    assertEquals("", r.out(), r.toString());
    assertEquals(before, Snapshot.of(j), "nothing changed");
    return r;
  }

  @ParameterizedTest
  @MethodSource("reports")
  void noApps_warnsAndExitsZero(Report rep) {
    Jokku.Result r = j.run(rep.command());
    assertEquals(new Jokku.Result(0, "", " !     You haven't deployed any applications yet\n"), r);
    assertEquals(new Jokku.Result(0, "", " !     You haven't deployed any applications yet\n"), j.run(rep.command(), "--format", "json"));
  }

  @ParameterizedTest
  @MethodSource("reports")
  void badInput_oneLineAndNothingChanged(Report rep) {
    assertEquals(0, j.run("apps:create", "a").code());
    refused(20, "App ghost does not exist", rep.command(), "ghost");
    refused(20, "App ghost does not exist", rep.command(), "ghost", rep.flag());
    refused(1, "Format must be \"stdout\" or \"json\": \"yaml\"", rep.command(), "a", "--format", "yaml");
    refused(1, "--format flag cannot be specified when specifying an info flag", rep.command(), "a", "--format", "json", rep.flag());
    refused(1, rep.command() + " command allows only a single flag", rep.command(), "a", rep.flag(), "--x");
    Jokku.Result bad = j.run(rep.command(), "a", "--nope");
    assertEquals(1, bad.code(), bad.toString());
    assertTrue(bad.err().startsWith(" !     Invalid flag passed, valid flags: ") && bad.err().contains(rep.flag()), bad.toString());
    if (!rep.global()) {
      Jokku.Result g = j.run(rep.command(), "--global");
      assertTrue(g.code() == 1 && g.err().startsWith(" !     Invalid flag passed, valid flags: "), g.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("reports")
  void oneApp_everyApp_flag_json(Report rep) {
    assertEquals(0, j.run("apps:create", "a").code());
    assertEquals(0, j.run("apps:create", "b").code());
    Jokku.Result one = j.run(rep.command(), "a");
    assertEquals(0, one.code(), one.toString());
    assertTrue(one.out().startsWith("=====> a " + rep.title() + " information\n"), one.out());
    String line = one.out().lines().filter(l -> l.startsWith("       " + ReportView.label(rep.flag()) + ":")).findFirst().orElseThrow();
    String value = line.substring(line.indexOf(':') + 1).strip();
    assertEquals(value + "\n", j.run(rep.command(), "a", rep.flag()).out());
    Map<String, Object> json = Json.parseObject(j.run(rep.command(), "a", "--format", "json").out());
    assertEquals(value, json.get(rep.key()));
    assertTrue(!json.containsKey("app"), json.toString());
    Jokku.Result all = j.run(rep.command());
    assertTrue(all.out().startsWith("=====> a " + rep.title() + " information\n") && all.out().contains("=====> b " + rep.title() + " information\n"), all.out());
    List<String> lines = j.run(rep.command(), "--format=json").out().lines().toList();
    assertEquals(List.of("a", "b"), lines.stream().map(l -> Json.parseObject(l).get("app")).toList());
    assertEquals(one.out().substring(one.out().indexOf('\n') + 1), j.run("--quiet", rep.command(), "a").out(), "--quiet drops the header only");
    if (rep.global()) {
      Jokku.Result g = j.run(rep.command(), "--global");
      assertEquals(0, g.code(), g.toString());
      assertTrue(g.out().startsWith("=====> --global " + rep.title() + " information\n"), g.out());
      assertTrue(!Json.parseObject(j.run(rep.command(), "--global", "--format", "json").out()).containsKey("app"));
    }
  }
}
