package jokku;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root network namespace's configuration as text (links, routes, rules, iptables and nft rulesets), to show that
 * a test bed leaves it as it found it.
 *
 * <p>Other test runs use the host's engine at the same time, and it adds and removes its own interfaces and rules for
 * their containers and networks. {@link #normalize} therefore leaves out exactly what belongs to the host's engine
 * (its {@code vethXXXX} and {@code br-XXXXXXXXXXXX} interfaces, lines with an address in one of its networks' subnets,
 * {@code docker0}'s carrier state) and packet counters; everything else must stay byte-identical.
 */
final class RootNetns {
  private static final Pattern HOST_ENGINE_IF = Pattern.compile("\\b(veth[0-9a-f]{7}|br-[0-9a-f]{12})\\b");
  private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

  private RootNetns() {}

  static String snapshot() {
    StringBuilder b = new StringBuilder();
    for (List<String> cmd : List.of(List.of("ip", "-o", "link"), List.of("ip", "-o", "addr"), List.of("ip", "-4", "route", "show", "table", "all"),
        List.of("ip", "-6", "route", "show", "table", "all"), List.of("ip", "-4", "rule"), List.of("ip", "-6", "rule"),
        List.of("iptables-save"), List.of("ip6tables-save"), List.of("nft", "list", "ruleset"))) {
      Jokku.Result r = Testbed.run(cmd, Map.of(), 30);
      if (r.code() != 0) throw new IllegalStateException(cmd + ": " + r);
      b.append("### ").append(String.join(" ", cmd)).append('\n').append(r.out());
    }
    return b.toString();
  }

  /** The IPv4 subnets of the host engine's networks (the engine DOCKER_HOST names, or the default socket). */
  static List<String> hostEngineSubnets() {
    String ids = hostEngine("network", "ls", "-q").trim();
    if (ids.isEmpty()) return List.of();
    List<String> cmd = new ArrayList<>(List.of("network", "inspect", "--format", "{{range .IPAM.Config}}{{.Subnet}} {{end}}"));
    cmd.addAll(Arrays.asList(ids.split("\\s+")));
    // a network removed between ls and inspect makes inspect fail for it only; the others are still printed
    Jokku.Result r = hostEngineResult(cmd.toArray(String[]::new));
    List<String> subnets = new ArrayList<>();
    for (String s : r.out().split("\\s+")) if (s.contains(".") && s.contains("/")) subnets.add(s);
    return subnets;
  }

  static String hostEngine(String... args) {
    Jokku.Result r = hostEngineResult(args);
    if (r.code() != 0) throw new IllegalStateException("docker " + String.join(" ", args) + " on the host's engine: " + r);
    return r.out();
  }

  private static Jokku.Result hostEngineResult(String... args) {
    String host = System.getenv("DOCKER_HOST");
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", host == null || host.isEmpty() ? "unix:///var/run/docker.sock" : host));
    cmd.addAll(Arrays.asList(args));
    return Testbed.run(cmd, Map.of(), 60);
  }

  /** The snapshot without the host engine's own objects and without counters or carrier state. */
  static String normalize(String snapshot, Set<String> hostSubnets) {
    StringBuilder b = new StringBuilder();
    for (String line : snapshot.split("\n")) {
      if (line.startsWith("# ") || HOST_ENGINE_IF.matcher(line).find() || inAny(line, hostSubnets)) continue;
      String l = line.replaceAll("\\[\\d+:\\d+\\]", "[counters]")
          .replaceAll("counter packets \\d+ bytes \\d+", "counter")
          .replaceAll("valid_lft \\S+ preferred_lft \\S+", "lft")
          .replaceAll(" expires \\d+sec", "")
          .replace(" linkdown", "");
      if (l.matches("^\\d+: docker0: .*") || l.matches("^\\d+: docker0 .*")) l = l.replaceAll("<[^>]*>", "<flags>").replaceAll("state \\w+", "state");
      b.append(l).append('\n');
    }
    return b.toString();
  }

  /** Lines only in {@code after} ("+...") and only in {@code before} ("-..."). */
  static List<String> diff(String before, String after) {
    Set<String> b = new LinkedHashSet<>(List.of(before.split("\n")));
    Set<String> a = new LinkedHashSet<>(List.of(after.split("\n")));
    List<String> out = new ArrayList<>();
    for (String l : a) if (!b.contains(l)) out.add("+" + l);
    for (String l : b) if (!a.contains(l)) out.add("-" + l);
    return out;
  }

  private static boolean inAny(String line, Set<String> subnets) {
    Matcher m = IPV4.matcher(line);
    while (m.find()) {
      long ip = toLong(m.group(1), m.group(2), m.group(3), m.group(4));
      for (String s : subnets) {
        String[] p = s.split("/");
        String[] o = p[0].split("\\.");
        if (o.length != 4) continue;
        int len = Integer.parseInt(p[1]);
        long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        if ((ip & mask) == (toLong(o[0], o[1], o[2], o[3]) & mask)) return true;
      }
    }
    return false;
  }

  private static long toLong(String a, String b, String c, String d) {
    return (Long.parseLong(a) << 24) | (Long.parseLong(b) << 16) | (Long.parseLong(c) << 8) | Long.parseLong(d);
  }
}
