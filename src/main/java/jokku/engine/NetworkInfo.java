package jokku.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A network as the engine describes it (list or inspect). */
public record NetworkInfo(
    String id,
    String name,
    String driver,
    String scope,
    String created,
    boolean internal,
    boolean attachable,
    boolean ipv6,
    Map<String, String> labels,
    List<Ipam> ipam,
    List<Endpoint> containers) {

  public static final String DOKKU_LABEL = "com.dokku.network-name";

  /** One IPAM pool. Empty strings mean unset. */
  public record Ipam(String subnet, String gateway, String ipRange) {}

  /** A container attached to the network. */
  public record Endpoint(String id, String name, String ipv4, String ipv6) {}

  public boolean dokkuManaged() {
    return labels.containsKey(DOKKU_LABEL);
  }

  public String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  @SuppressWarnings("unchecked")
  static NetworkInfo from(Map<String, Object> m) {
    Map<String, String> labels = new TreeMap<>();
    Object l = m.get("Labels");
    if (l instanceof Map) ((Map<String, Object>) l).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    List<Ipam> ipam = new ArrayList<>();
    Object i = m.get("IPAM");
    if (i instanceof Map && ((Map<String, Object>) i).get("Config") instanceof List) {
      for (Object c : (List<Object>) ((Map<String, Object>) i).get("Config")) {
        Map<String, Object> cm = (Map<String, Object>) c;
        ipam.add(new Ipam(str(cm, "Subnet"), str(cm, "Gateway"), str(cm, "IPRange")));
      }
    }
    List<Endpoint> eps = new ArrayList<>();
    Object cs = m.get("Containers");
    if (cs instanceof Map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) cs).entrySet()) {
        Map<String, Object> em = (Map<String, Object>) e.getValue();
        eps.add(new Endpoint(e.getKey(), str(em, "Name"), stripMask(str(em, "IPv4Address")), stripMask(str(em, "IPv6Address"))));
      }
      eps.sort((a, b) -> a.name().compareTo(b.name()));
    }
    return new NetworkInfo(
        str(m, "Id"), str(m, "Name"), str(m, "Driver"), str(m, "Scope"), str(m, "Created"),
        Boolean.TRUE.equals(m.get("Internal")), Boolean.TRUE.equals(m.get("Attachable")),
        Boolean.TRUE.equals(m.get("EnableIPv6")), labels, ipam, eps);
  }

  static String str(Map<String, Object> m, String k) {
    Object v = m.get(k);
    return v == null ? "" : String.valueOf(v);
  }

  private static String stripMask(String cidr) {
    int slash = cidr.indexOf('/');
    return slash >= 0 ? cidr.substring(0, slash) : cidr;
  }
}
