package jokku.proxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code nginx -t} for a process that may not bind ports below 1024 (the dokku user over ssh or git push, without the
 * capability the jokku-nginx service and root give): nginx's test binds every {@code listen} socket and fails on
 * "Permission denied", although the master that will load the configuration holds the capability. So the test runs in
 * a user and network namespace of its own ({@code unshare}, no privilege needed): the same user and the same files,
 * but a private network stack whose ports and addresses it may bind (non-local binds allowed there, as the host's
 * addresses are not in it). The master still binds for real on reload, and jokku reports its refusal. Where user
 * namespaces are not available the plain test runs, which then names the port.
 */
final class NginxTestSandbox {
  private static final String UNSHARE = "/usr/bin/unshare";
  private static volatile boolean unavailable;

  private NginxTestSandbox() {}

  /** Runs {@code nginx ... -t}, in the sandbox when this process cannot bind low ports. */
  static Nginx.Result test(List<String> cmd, Function<List<String>, Nginx.Result> run) {
    if (unavailable || LowPorts.mayBindHere() || !Files.isExecutable(Path.of(UNSHARE))) return run.apply(cmd);
    List<String> sandboxed = new ArrayList<>(List.of(UNSHARE, "--user", "--map-current-user", "--keep-caps", "--net", "--", "/bin/sh", "-c",
        "echo 1 >/proc/sys/net/ipv4/ip_nonlocal_bind; echo 1 2>/dev/null >/proc/sys/net/ipv6/ip_nonlocal_bind; exec \"$@\"", "sh"));
    sandboxed.addAll(cmd);
    Nginx.Result r = run.apply(sandboxed);
    if (r.ok() || !r.output().startsWith("unshare: ")) return r;
    unavailable = true; // user namespaces are off here (a sysctl or a security module)
    return run.apply(cmd);
  }
}
