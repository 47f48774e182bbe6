package jokku.scheduler.swarm;

import jokku.DokkuException;
import jokku.deploy.ImageRegistry;
import jokku.deploy.Platform;
import jokku.engine.SwarmApi;
import jokku.store.Store;

/**
 * How the swarm's nodes get an app's image: pushed to the app's registry ({@code registry:set ... server}) and
 * referenced by digest, so every task of a deploy runs exactly the same image. Without a registry the local image
 * id is used, which only a one-node swarm can run. The reference of the last push is remembered with its image id,
 * so restarts and scaling do not push again.
 */
final class SwarmImages {
  private final Platform p;
  private final SwarmApi api;

  SwarmImages(Platform p, SwarmApi api) {
    this.p = p;
    this.api = api;
  }

  String reference(String app, String imageId) {
    ImageRegistry registry = new ImageRegistry(p.store());
    if (registry.server(app).isEmpty()) {
      if (api.nodeList().size() > 1) {
        throw new DokkuException("The swarm has " + api.nodeList().size() + " nodes and " + app + " has no registry to reach them: "
            + "registry:set --global server <host:port>");
      }
      return imageId;
    }
    String remembered = p.store().property(SwarmScheduler.PLUGIN, app, "image-ref");
    String[] parts = remembered.split(" ", 2);
    if (parts.length == 2 && parts[0].equals(imageId)) return parts[1];
    p.out().info1Quiet("Pushing image to " + registry.server(app));
    String tag = imageId.substring(imageId.indexOf(':') + 1, Math.min(imageId.length(), imageId.indexOf(':') + 13));
    String ref = registry.push(p.engine(), line -> p.out().verboseQuiet(line), app, imageId, tag);
    prePull(ref);
    try (Store.Lock l = p.store().lock(app)) {
      p.store().setProperty(SwarmScheduler.PLUGIN, app, "image-ref", imageId + " " + ref);
    }
    return ref;
  }

  /**
   * The nodes jokku joined ({@code cluster-add} remembers their engines) pull the new image from the registry now,
   * side by side, so the rolling update does not wait for pulls task by task. A node that cannot pulls when its
   * task starts, as swarm does for any node.
   */
  private void prePull(String ref) {
    java.util.List<Thread> pulls = new java.util.ArrayList<>();
    p.store().properties(SwarmScheduler.PLUGIN, Store.GLOBAL).forEach((key, url) -> {
      if (!key.startsWith("node.") || url.isEmpty()) return;
      Thread t = new Thread(() -> {
        try (jokku.engine.Engine e = jokku.engine.Engine.open(url, p.env(), null, java.util.List.of())) {
          e.images().pull(ref, line -> {});
        } catch (RuntimeException e) {
          p.out().warn("Node " + key.substring(5) + " could not pull " + ref + " (" + e.getMessage() + "); it pulls when a task starts");
        }
      });
      t.start();
      pulls.add(t);
    });
    for (Thread t : pulls) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DokkuException("interrupted");
      }
    }
  }
}
