package jokku.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network to create ({@link Engine#createNetwork}). A null flag, an empty driver and empty pools or options are
 * not sent, so the engine applies its own default; {@code CheckDuplicate} is sent only when asked for.
 */
public record NetworkSpec(
    String name,
    String driver,
    boolean checkDuplicate,
    Boolean attachable,
    Boolean internal,
    Boolean ipv6,
    List<NetworkInfo.Ipam> pools,
    Map<String, String> options,
    Map<String, String> labels) {

  /** {@code network:create}'s network: attachable, refused when the name exists, every flag stated. */
  public static NetworkSpec attachable(String name, String driver, boolean internal, boolean ipv6, List<NetworkInfo.Ipam> pools,
      Map<String, String> options, Map<String, String> labels) {
    return new NetworkSpec(name, driver, true, true, internal, ipv6, pools, options, labels);
  }

  /** An attachable swarm overlay. */
  public static NetworkSpec overlay(String name, Map<String, String> labels) {
    return new NetworkSpec(name, "overlay", false, true, null, null, List.of(), Map.of(), labels);
  }

  /** A network of the engine's default driver with nothing but its labels. */
  public static NetworkSpec plain(String name, Map<String, String> labels) {
    return new NetworkSpec(name, "", false, null, null, null, List.of(), Map.of(), labels);
  }

  /** The Engine API create body. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Name", name);
    if (checkDuplicate) body.put("CheckDuplicate", true);
    if (!driver.isEmpty()) body.put("Driver", driver);
    if (attachable != null) body.put("Attachable", attachable);
    if (internal != null) body.put("Internal", internal);
    if (ipv6 != null) body.put("EnableIPv6", ipv6);
    if (!pools.isEmpty()) {
      List<Object> configs = new ArrayList<>();
      for (NetworkInfo.Ipam p : pools) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Subnet", p.subnet());
        if (!p.gateway().isEmpty()) c.put("Gateway", p.gateway());
        if (!p.ipRange().isEmpty()) c.put("IPRange", p.ipRange());
        configs.add(c);
      }
      Map<String, Object> ipam = new LinkedHashMap<>();
      ipam.put("Driver", "default");
      ipam.put("Config", configs);
      body.put("IPAM", ipam);
    }
    if (!options.isEmpty()) body.put("Options", new LinkedHashMap<>(options));
    body.put("Labels", new LinkedHashMap<>(labels));
    return body;
  }
}
