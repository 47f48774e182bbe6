package jokku.network;

/**
 * What runs after {@code network:rebuild} changed an app's IP/PORT files, so the proxy follows the new listeners.
 * The proxy (issue 6, package {@code jokku.proxy}) plugs in here; until then nothing runs.
 */
@FunctionalInterface
public interface ProxyRebuild {
  void listenersChanged(String app);

  /** No proxy yet. */
  ProxyRebuild NONE = app -> {};
}
