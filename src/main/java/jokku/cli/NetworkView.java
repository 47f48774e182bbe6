package jokku.cli;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.Out;
import jokku.engine.NetworkInfo;

/** How networks are printed: Dokku's JSON objects and info block, plus what Dokku leaves out. */
final class NetworkView {
  private NetworkView() {}

  /** Dokku's list object, keys in its struct order, with the network's real creation time. */
  static Map<String, Object> listObject(NetworkInfo n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("CreatedAt", createdAt(n.created()));
    m.put("DokkuManaged", n.dokkuManaged());
    m.put("Driver", n.driver());
    m.put("ID", n.shortId());
    m.put("Internal", n.internal());
    m.put("IPv6", n.ipv6());
    m.put("Labels", n.labels());
    m.put("Name", n.name());
    m.put("Scope", n.scope());
    return m;
  }

  /** The list object plus attachable, IPAM pools and attached containers. */
  static Map<String, Object> infoObject(NetworkInfo n) {
    Map<String, Object> m = listObject(n);
    m.put("Attachable", n.attachable());
    List<Object> containers = new ArrayList<>();
    for (NetworkInfo.Endpoint e : n.containers()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("ID", e.id());
      c.put("Name", e.name());
      c.put("IPv4Address", e.ipv4());
      c.put("IPv6Address", e.ipv6());
      containers.add(c);
    }
    m.put("Containers", containers);
    List<Object> ipam = new ArrayList<>();
    for (NetworkInfo.Ipam p : n.ipam()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("Subnet", p.subnet());
      c.put("Gateway", p.gateway());
      c.put("IPRange", p.ipRange());
      ipam.add(c);
    }
    m.put("IPAM", ipam);
    return m;
  }

  /** Dokku's text block (labels padded to 16), then the extra lines. */
  static void printInfo(Out out, NetworkInfo n) {
    out.info2Quiet(n.name() + " network information");
    line(out, "ID:", n.shortId());
    line(out, "Name:", n.name());
    line(out, "Driver:", n.driver());
    line(out, "Scope:", n.scope());
    line(out, "Dokku managed:", String.valueOf(n.dokkuManaged()));
    line(out, "Internal:", String.valueOf(n.internal()));
    line(out, "Attachable:", String.valueOf(n.attachable()));
    line(out, "IPv6:", String.valueOf(n.ipv6()));
    if (n.ipam().isEmpty()) line(out, "Subnet:", "");
    for (NetworkInfo.Ipam p : n.ipam()) {
      line(out, "Subnet:", p.subnet());
      if (!p.gateway().isEmpty()) line(out, "Gateway:", p.gateway());
      if (!p.ipRange().isEmpty()) line(out, "IP range:", p.ipRange());
    }
    if (n.containers().isEmpty()) line(out, "Containers:", "");
    String label = "Containers:";
    for (NetworkInfo.Endpoint e : n.containers()) {
      String ip = e.ipv4().isEmpty() ? e.ipv6() : e.ipv4();
      line(out, label, e.name() + " " + ip);
      label = "";
    }
  }

  private static void line(Out out, String label, String value) {
    out.verbose(label + " ".repeat(Math.max(0, 16 - label.length())) + value);
  }

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  /** The engine's timestamp in Go's RFC 3339 (nano) form in UTC, as Dokku's JSON would print it. */
  static String createdAt(String engineTime) {
    if (engineTime == null || engineTime.isEmpty()) return "0001-01-01T00:00:00Z";
    try {
      OffsetDateTime t = OffsetDateTime.parse(engineTime).withOffsetSameInstant(ZoneOffset.UTC);
      String frac = t.getNano() == 0 ? "" : "." + String.format("%09d", t.getNano()).replaceAll("0+$", "");
      return SECONDS.format(t) + frac + "Z";
    } catch (RuntimeException e) {
      return engineTime;
    }
  }
}
