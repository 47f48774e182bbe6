package jokku;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels Dokku puts on what belongs to an app (deploy and build containers, images, swarm services), which every
 * layer reads or writes: they are how jokku and Dokku find an app's containers on the engine, as the files under
 * {@code $DOKKU_ROOT} are how they find its state.
 */
public final class DokkuLabels {
  public static final String APP = "com.dokku.app-name";
  /** {@code deploy}, {@code run}, ... */
  public static final String CONTAINER_TYPE = "com.dokku.container-type";
  public static final String PROCESS_TYPE = "com.dokku.process-type";
  /** {@code web.1} */
  public static final String DYNO = "com.dokku.dyno";

  private DokkuLabels() {}

  /** Dokku's labels every app container carries ({@code com.dokku.app-name}, {@code dokku}, label-schema) plus the extra ones. */
  public static Map<String, String> appLabels(String app, Map<String, String> extraLabels) {
    Map<String, String> l = new LinkedHashMap<>(extraLabels);
    l.put(APP, app);
    l.put("dokku", "");
    l.put("org.label-schema.schema-version", "1.0");
    l.put("org.label-schema.vendor", "dokku");
    return l;
  }
}
