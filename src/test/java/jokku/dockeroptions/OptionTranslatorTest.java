package jokku.dockeroptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.engine.ContainerSpec;
import jokku.engine.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class OptionTranslatorTest {
  private static final Map<String, String> CONFIG = Map.of("SECRET", "s3", "EMPTY", "");

  private static Map<String, Object> deploy(String... lines) {
    return OptionTranslator.apply(List.of(lines), Phase.DEPLOY, new ContainerSpec(), CONFIG::get).body();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> host(Map<String, Object> body) {
    return (Map<String, Object>) body.get("HostConfig");
  }

  private static String json(Object o) {
    return Json.write(o);
  }

  private static String error(Phase phase, String... lines) {
    return assertThrows(DokkuException.class, () -> {
      if (phase == Phase.BUILD) OptionTranslator.build(List.of(lines), k -> null);
      else OptionTranslator.apply(List.of(lines), phase, new ContainerSpec(), k -> null);
    }).getMessage();
  }

  @Test
  void network_setsNetworkMode_inEveryForm() {
    for (String o : List.of("--network appnet", "--network=appnet", "--net=appnet", "--net appnet")) {
      assertEquals("appnet", host(deploy(o)).get("NetworkMode"), o);
    }
    assertEquals("host", host(deploy("--network=host")).get("NetworkMode"));
    assertEquals("container:db", host(deploy("--network container:db")).get("NetworkMode"));
    assertEquals("Invalid docker option '--network 'a b'': 'a b' is not a valid network name", error(Phase.DEPLOY, "--network 'a b'"));
  }

  @Test
  void publish_exposesAndBinds_withAddressRangesAndProtocols() {
    Map<String, Object> b = deploy("-p 8080:80", "--publish=127.0.0.1:5353:53/udp", "-p 9000", "-p [::1]:8443:443", "--publish 7000-7001:6000-6001", "-p 127.0.0.1::81");
    assertEquals("{\"80/tcp\":{},\"53/udp\":{},\"9000/tcp\":{},\"443/tcp\":{},\"6000/tcp\":{},\"6001/tcp\":{},\"81/tcp\":{}}", json(b.get("ExposedPorts")));
    assertEquals("{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}],"
        + "\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"5353\"}],"
        + "\"9000/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}],"
        + "\"443/tcp\":[{\"HostIp\":\"::1\",\"HostPort\":\"8443\"}],"
        + "\"6000/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"7000\"}],"
        + "\"6001/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"7001\"}],"
        + "\"81/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]}", json(host(b).get("PortBindings")));
    assertEquals("[{\"HostIp\":\"\",\"HostPort\":\"8000-8010\"}]", json(((Map<?, ?>) host(deploy("-p 8000-8010:80")).get("PortBindings")).get("80/tcp")));
    assertEquals(true, host(deploy("-P")).get("PublishAllPorts"));
    assertEquals(false, host(deploy("--publish-all=false")).get("PublishAllPorts"));
  }

  @Test
  void publish_badSpecs_areRefusedWithTheReason() {
    assertEquals("Invalid docker option '-p 80:80/icmp': protocol must be tcp, udp or sctp", error(Phase.DEPLOY, "-p 80:80/icmp"));
    assertEquals("Invalid docker option '-p 0:80': '0' is not a valid host port (1-65535)", error(Phase.DEPLOY, "-p 0:80"));
    assertEquals("Invalid docker option '-p 8000-8002:80-81': the host and container port ranges must have the same length", error(Phase.DEPLOY, "-p 8000-8002:80-81"));
    assertEquals("Invalid docker option '-p 300.1.1.1:80:80': '300.1.1.1' is not an IP address", error(Phase.DEPLOY, "-p 300.1.1.1:80:80"));
    assertTrue(error(Phase.DEPLOY, "-p ::1:80:80").contains("write IPv6 addresses in brackets"));
    assertEquals("Conflicting docker options for phase deploy: '-p 8080:80' and '-p 8080:81' both set host port 8080/tcp", error(Phase.DEPLOY, "-p 8080:80", "-p 8080:81"));
    deploy("-p 8080:80", "-p 8080:80/udp", "-p 8081:80"); // different protocol, or two host ports for one container port: fine
  }

  @Test
  void volume_bindsNamedAndAnonymous_withOptions() {
    Map<String, Object> b = deploy("-v /var/log/app:/app/logs", "--volume=cache:/cache:ro", "-v '/srv/my data:/data:ro,z'", "-v /scratch");
    assertEquals("[\"/var/log/app:/app/logs\",\"cache:/cache:ro\",\"/srv/my data:/data:ro,z\"]", json(host(b).get("Binds")));
    assertEquals("{\"/scratch\":{}}", json(b.get("Volumes")));
    assertEquals("Invalid docker option '-v ./x:/y': './x' is neither an absolute host path nor a volume name", error(Phase.DEPLOY, "-v ./x:/y"));
    assertEquals("Invalid docker option '-v /a:b': the destination must be an absolute path inside the container, other than /", error(Phase.DEPLOY, "-v /a:b"));
    assertEquals("Invalid docker option '-v /a:/b:ro,rw': give at most one of ro and rw", error(Phase.DEPLOY, "-v /a:/b:ro,rw"));
    assertEquals("Invalid docker option '-v /a:/b:fast': unknown volume option 'fast'", error(Phase.DEPLOY, "-v /a:/b:fast"));
    assertEquals("Conflicting docker options for phase deploy: '-v /a:/data' and '-v vol:/data' both set mount point /data", error(Phase.DEPLOY, "-v /a:/data", "-v vol:/data"));
  }

  @Test
  void env_valuesAndBareKeysFromTheAppConfig_replaceTheSameKey() {
    Map<String, Object> body = OptionTranslator.apply(List.of("-e DEBUG=1", "--env=GREETING='hello world'", "-e SECRET", "-e MISSING", "-e EMPTY", "-e=X=a=b"),
        Phase.DEPLOY, new ContainerSpec().env(List.of("PORT=5000", "DEBUG=0")), CONFIG::get).body();
    assertEquals(List.of("PORT=5000", "DEBUG=1", "GREETING=hello world", "SECRET=s3", "EMPTY=", "X=a=b"), body.get("Env"));
    assertEquals("Invalid docker option '-e =x': the key must not be empty", error(Phase.DEPLOY, "-e =x"));
    assertEquals("Conflicting docker options for phase deploy: '-e A=1' and '--env A=2' both set environment variable A", error(Phase.DEPLOY, "-e A=1", "--env A=2"));
  }

  @Test
  void addHost_inBothSpellings_becomesExtraHosts() {
    assertEquals("[\"db:10.0.0.5\",\"v6:::1\",\"gw:host-gateway\"]", json(host(deploy("--add-host db:10.0.0.5", "--add-host=v6=::1", "--add-host gw:host-gateway")).get("ExtraHosts")));
    assertEquals("Invalid docker option '--add-host db:nowhere': 'nowhere' is not an IP address (or host-gateway)", error(Phase.DEPLOY, "--add-host db:nowhere"));
    assertEquals("Invalid docker option '--add-host db': expected host:ip", error(Phase.DEPLOY, "--add-host db"));
  }

  @Test
  void restart_setsThePolicy() {
    assertEquals("{\"Name\":\"always\",\"MaximumRetryCount\":0}", json(host(deploy("--restart always")).get("RestartPolicy")));
    assertEquals("{\"Name\":\"on-failure\",\"MaximumRetryCount\":5}", json(host(deploy("--restart=on-failure:5")).get("RestartPolicy")));
    assertEquals("{\"Name\":\"unless-stopped\",\"MaximumRetryCount\":0}", json(host(deploy("--restart=unless-stopped")).get("RestartPolicy")));
    assertEquals("Invalid docker option '--restart=always:3': only on-failure takes a retry count", error(Phase.DEPLOY, "--restart=always:3"));
    assertEquals("Invalid docker option '--restart sometimes': expected no, always, unless-stopped or on-failure[:max-retries]", error(Phase.DEPLOY, "--restart sometimes"));
  }

  @Test
  void memoryAndShmSize_takeDockerUnits() {
    assertEquals(512L * 1024 * 1024, host(deploy("--memory 512m")).get("Memory"));
    assertEquals(1536L * 1024 * 1024, host(deploy("-m=1.5g")).get("Memory"));
    assertEquals(2L * 1024 * 1024 * 1024, host(deploy("-m2GB")).get("Memory"));
    assertEquals(64L * 1024, host(deploy("--memory=64k")).get("Memory"));
    assertEquals(100_000_000L, host(deploy("--memory 100000000")).get("Memory"));
    assertEquals(256L * 1024 * 1024, host(deploy("--shm-size 256m")).get("ShmSize"));
    assertEquals("Invalid docker option '--memory lots': expected a size such as 512m or 2g (units b, k, m, g, t, p)", error(Phase.DEPLOY, "--memory lots"));
    assertEquals("Invalid docker option '-m -1': expected a size such as 512m or 2g (units b, k, m, g, t, p)", error(Phase.DEPLOY, "-m -1"));
  }

  @Test
  void cpus_becomeNanoCpus() {
    assertEquals(1_500_000_000L, host(deploy("--cpus 1.5")).get("NanoCpus"));
    assertEquals(250_000_000L, host(deploy("--cpus=0.25")).get("NanoCpus"));
    assertEquals(500_000_000L, host(deploy("--cpus .5")).get("NanoCpus"));
    assertEquals("Invalid docker option '--cpus 0': the number of CPUs must be greater than 0", error(Phase.DEPLOY, "--cpus 0"));
    assertEquals("Invalid docker option '--cpus half': expected a number of CPUs such as 0.5 or 2", error(Phase.DEPLOY, "--cpus half"));
  }

  @Test
  void labels_areMerged_andDokkusOwnAreRefused() {
    Map<String, Object> body = OptionTranslator.apply(List.of("--label traefik.enable=true", "-l 'rule=Host(`a`)'", "--label=flag"), Phase.DEPLOY,
        new ContainerSpec().labels(Map.of("com.dokku.app-name", "api")), k -> null).body();
    assertEquals("{\"com.dokku.app-name\":\"api\",\"traefik.enable\":\"true\",\"rule\":\"Host(`a`)\",\"flag\":\"\"}", json(body.get("Labels")));
    assertEquals("Invalid docker option '--label com.dokku.app-name=x': com.dokku.* labels are set by jokku itself", error(Phase.DEPLOY, "--label com.dokku.app-name=x"));
  }

  @Test
  void initPrivilegedAndCapabilities() {
    Map<String, Object> h = host(deploy("--init", "--privileged", "--cap-add NET_ADMIN", "--cap-add=sys_time", "--cap-drop MKNOD"));
    assertEquals(true, h.get("Init"));
    assertEquals(true, h.get("Privileged"));
    assertEquals("[\"NET_ADMIN\",\"SYS_TIME\"]", json(h.get("CapAdd")));
    assertEquals("[\"MKNOD\"]", json(h.get("CapDrop")));
    assertEquals(false, host(deploy("--init=false")).get("Init"));
    assertEquals("Invalid docker option '--init=maybe': --init takes true or false", error(Phase.DEPLOY, "--init=maybe"));
    assertEquals("Conflicting docker options for phase deploy: '--init' and '--init=false' both set --init", error(Phase.DEPLOY, "--init", "--init=false"));
  }

  @Test
  void logDriverAndOptions_mergeIntoLogConfig() {
    Map<String, Object> body = OptionTranslator.apply(List.of("--log-opt max-file=3", "--log-opt=max-size=5m"), Phase.DEPLOY,
        new ContainerSpec().logDriver("json-file").logOption("max-size", "10m"), k -> null).body();
    Map<?, ?> logConfig = (Map<?, ?>) host(body).get("LogConfig");
    assertEquals("json-file", logConfig.get("Type"));
    assertEquals(Map.of("max-size", "5m", "max-file", "3"), logConfig.get("Config"));
    assertEquals("local", ((Map<?, ?>) host(deploy("--log-driver local")).get("LogConfig")).get("Type"));
    assertEquals("Invalid docker option '--log-opt max-size': expected key=value", error(Phase.DEPLOY, "--log-opt max-size"));
  }

  @Test
  void ulimits() {
    assertEquals("[{\"Name\":\"nofile\",\"Soft\":1024,\"Hard\":4096},{\"Name\":\"core\",\"Soft\":-1,\"Hard\":-1}]",
        json(host(deploy("--ulimit nofile=1024:4096", "--ulimit=core=-1")).get("Ulimits")));
    assertTrue(error(Phase.DEPLOY, "--ulimit files=1").startsWith("Invalid docker option '--ulimit files=1': unknown ulimit 'files'"));
    assertEquals("Invalid docker option '--ulimit nofile=10:5': the soft limit must not exceed the hard limit", error(Phase.DEPLOY, "--ulimit nofile=10:5"));
  }

  @Test
  void unsupportedOptions_nameTheOptionAndListTheSupportedOnes() {
    String m = error(Phase.DEPLOY, "--gpus all");
    assertTrue(m.startsWith("Unsupported docker option '--gpus all' for phase deploy; jokku supports: --add-host, --cap-add"), m);
    assertTrue(m.contains("-v/--volume"), m);
    assertEquals("Invalid docker option 'nginx': options start with - or --", error(Phase.DEPLOY, "nginx"));
    assertEquals("Invalid docker option '--memory': --memory needs a value", error(Phase.DEPLOY, "--memory"));
    assertTrue(error(Phase.DEPLOY, "-it").startsWith("Unsupported docker option '-it'"));
  }

  @Test
  void phases_filterLikeDokku_whenTranslating_butRefuseWhenValidating() {
    assertFalse(host(OptionTranslator.apply(List.of("--restart=always", "--init"), Phase.RUN, new ContainerSpec(), k -> null).body()).containsKey("RestartPolicy"));
    assertEquals("Docker option '--restart=always' applies to phase deploy only (Dokku ignores it for phase run)",
        assertThrows(DokkuException.class, () -> OptionTranslator.validate(List.of("--restart=always"), Phase.RUN)).getMessage());
    assertEquals(Map.of(), OptionTranslator.build(List.of("-v /a:/b"), k -> null).params());
    assertTrue(assertThrows(DokkuException.class, () -> OptionTranslator.validate(List.of("-v /a:/b"), Phase.BUILD)).getMessage().contains("image builds cannot mount volumes"));
    assertTrue(error(Phase.BUILD, "--init").startsWith("Docker option '--init' does not apply to phase build; supported for build: --add-host, --build-arg"));
    assertTrue(error(Phase.DEPLOY, "--build-arg A=1").startsWith("Docker option '--build-arg A=1' does not apply to phase deploy"));
  }

  @Test
  void commentsBlanksAndDuplicates_areSkipped_andStoredMultiOptionLinesWork() {
    Map<String, Object> b = deploy("# a comment", "", "-p 80:80", "--publish=80:80", "--ulimit nofile=12 --shm-size 256m");
    assertEquals("[{\"HostIp\":\"\",\"HostPort\":\"80\"}]", json(((Map<?, ?>) host(b).get("PortBindings")).get("80/tcp")));
    assertEquals(256L << 20, host(b).get("ShmSize"));
  }

  @Test
  void build_becomesBuildParameters() {
    BuildParams p = OptionTranslator.build(List.of("--build-arg VERSION=1.2", "--build-arg SECRET", "--build-arg MISSING", "--label a=b",
        "--network host", "--add-host db:10.0.0.5", "--add-host=cache:10.0.0.6", "-m 1g", "--no-cache", "--pull", "--target prod", "--shm-size 64m"), CONFIG::get);
    assertEquals("{networkmode=[host], memory=[1073741824], nocache=[1], pull=[1], target=[prod], shmsize=[67108864], "
        + "extrahosts=[db:10.0.0.5, cache:10.0.0.6], buildargs=[{\"VERSION\":\"1.2\",\"SECRET\":\"s3\"}], labels=[{\"a\":\"b\"}]}", p.params().toString());
    assertEquals("networkmode=host&memory=1073741824&nocache=1&pull=1&target=prod&shmsize=67108864&extrahosts=db%3A10.0.0.5&extrahosts=cache%3A10.0.0.6"
        + "&buildargs=%7B%22VERSION%22%3A%221.2%22%2C%22SECRET%22%3A%22s3%22%7D&labels=%7B%22a%22%3A%22b%22%7D", p.query());
    assertEquals("", OptionTranslator.build(new ArrayList<>(), k -> null).query());
  }

  @Test
  void publishesPorts_detectsPublishOptions() {
    assertTrue(OptionTranslator.publishesPorts(List.of("--init", "-p 80:80")));
    assertTrue(OptionTranslator.publishesPorts(List.of("-P")));
    assertFalse(OptionTranslator.publishesPorts(List.of("--init", "--publish-all=false")));
  }
}
