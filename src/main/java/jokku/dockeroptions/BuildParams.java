package jokku.dockeroptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.engine.Json;

/**
 * Build-phase docker options as query parameters of the engine's {@code POST /build}: scalars ({@code networkmode},
 * {@code memory}, {@code shmsize}, {@code target}, {@code nocache}, {@code pull}), {@code extrahosts} (repeated, as
 * docker's client sends it), and the JSON maps {@code buildargs} and {@code labels}. The maps are mutable so the
 * build code can add its own labels before rendering.
 */
public final class BuildParams {
  private final Map<String, String> scalars = new LinkedHashMap<>();
  private final List<String> extraHosts = new ArrayList<>();
  private final Map<String, String> buildArgs = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();

  public Map<String, String> scalars() {
    return scalars;
  }

  public List<String> extraHosts() {
    return extraHosts;
  }

  public Map<String, String> buildArgs() {
    return buildArgs;
  }

  public Map<String, String> labels() {
    return labels;
  }

  /** Every parameter name with its values, in query order; empty maps and lists are left out. */
  public Map<String, List<String>> params() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    scalars.forEach((k, v) -> m.put(k, List.of(v)));
    if (!extraHosts.isEmpty()) m.put("extrahosts", List.copyOf(extraHosts));
    if (!buildArgs.isEmpty()) m.put("buildargs", List.of(Json.write(buildArgs)));
    if (!labels.isEmpty()) m.put("labels", List.of(Json.write(labels)));
    return m;
  }

  /** The parameters as an encoded query string without a leading {@code ?} or {@code &} ("" when there are none). */
  public String query() {
    StringBuilder b = new StringBuilder();
    params().forEach((k, vs) -> {
      for (String v : vs) {
        if (b.length() > 0) b.append('&');
        b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    return b.toString();
  }
}
