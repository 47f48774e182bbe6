package jokku.engine;

/** Sizing a container's TTY ({@code POST /containers/{id}/resize}). */
final class ContainerTty {
  private ContainerTty() {}

  static void resize(DockerClient c, String id, int rows, int cols) {
    DockerClient.Response r = c.call("POST", "/containers/" + Engine.enc(id) + "/resize?h=" + rows + "&w=" + cols, null);
    if (r.status() != 404 && r.status() != 409) c.ok(r);
  }
}
