package jokku.engine;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.security.Provider;
import java.security.SecureRandomSpi;
import java.util.List;
import java.util.Map;

/**
 * The JDK's one-time set-up behind the first unix-domain socket, without the part jokku never uses.
 *
 * <p>{@code sun.nio.ch.UnixDomainSockets}' class initialiser asks for a {@code SecureRandom("NativePRNGNonBlocking")},
 * used only to name sockets that are bound without a name (jokku never does that). Getting it starts the whole
 * security-provider framework: the {@code SUN} provider, its table of 300 object identifiers, a JFR event class read
 * from the runtime image: about half of what the first engine call used to cost. So the first channel is opened with
 * a provider list of one, made for that thread only ({@code sun.security.jca.Providers.beginThreadProviderList}, the
 * JDK's own mechanism for signed-JAR verification): a provider of the same algorithm reading {@code /dev/urandom},
 * as the JDK's does. Everything else in the process keeps the normal providers.
 *
 * <p>That needs {@code --add-exports=java.base/sun.security.jca=ALL-UNNAMED}, which {@code bin/jokku} passes. Without
 * it (tests, another launcher, a JDK without that class) the JDK's own set-up runs: slower, same result.
 */
public final class FirstSocket {
  private static boolean done;

  private FirstSocket() {}

  /**
   * Starts, on a daemon thread, the JDK's one-time set-up behind the first engine call, so that it overlaps the
   * command's own start-up instead of delaying that call: the first unix socket; the JDK's socket read and write
   * event classes, which its first read and write load from the runtime image (they are never in an AOT cache); the
   * JSON parser's classes; and {@code sun.nio.ch.Net}, which the JDK initialises when a connected socket is closed (a
   * millisecond and a half of inet-address set-up a unix socket does not need). Nothing is sent to the engine.
   */
  public static void prepare() {
    Thread t = new Thread(FirstSocket::prepareNow, "jokku-engine-prepare");
    t.setDaemon(true);
    t.start();
  }

  private static void prepareNow() {
    initialise();
    initialiseJdkClasses("jdk.internal.event.SocketWriteEvent", "jdk.internal.event.SocketReadEvent");
    Json.parse(Json.write(Map.of("Name", List.of(1L, "x", true))));
    initialiseJdkClasses("sun.nio.ch.Net");
  }

  private static void initialiseJdkClasses(String... jdkClasses) {
    for (String c : jdkClasses) {
      try {
        Class.forName(c, true, null);
      } catch (ClassNotFoundException | LinkageError e) {
        // another JDK: the first use initialises whatever it needs
      }
    }
  }

  /** Makes sure the JDK's unix-socket classes are initialised; the first caller does it, others wait for it. */
  static synchronized void initialise() {
    if (done) return;
    done = true;
    openOne();
  }

  /**
   * Opens and closes a unix socket channel with this thread's provider list narrowed to {@link Urandom} for the
   * time it takes, then restored (or, when that list cannot be set, with the usual providers).
   */
  static void openOne() {
    Method end = null;
    Object previous = null;
    try {
      Class<?> providers = Class.forName("sun.security.jca.Providers");
      Class<?> lists = Class.forName("sun.security.jca.ProviderList");
      Object list = lists.getMethod("newList", Provider[].class).invoke(null, (Object) new Provider[] {new Urandom()});
      Method begin = providers.getMethod("beginThreadProviderList", lists);
      Method ending = providers.getMethod("endThreadProviderList", lists);
      previous = begin.invoke(null, list);
      end = ending;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // not exported to jokku, or not this JDK's internals: the JDK's own set-up runs below
    }
    try {
      SocketChannel.open(StandardProtocolFamily.UNIX).close();
    } catch (IOException | RuntimeException e) {
      // the real connection says what is wrong
    } finally {
      if (end != null) {
        try {
          end.invoke(null, previous);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot restore this thread's security providers", e);
        }
      }
    }
  }

  /** The one provider the first socket sees: {@code SecureRandom.NativePRNGNonBlocking}, from {@code /dev/urandom}. */
  static final class Urandom extends Provider {
    private final Service service;

    Urandom() {
      super("JokkuUrandom", "1", "NativePRNGNonBlocking read from /dev/urandom, for the first unix socket only");
      service = new Service(this, "SecureRandom", "NativePRNGNonBlocking", Spi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object ignored) {
          return new Spi();
        }
      };
    }

    // The Service is answered directly: Provider.getService would also load a JFR event class from the runtime image.
    @Override
    public Service getService(String type, String algorithm) {
      return type.equals("SecureRandom") && algorithm.equals("NativePRNGNonBlocking") ? service : null;
    }
  }

  /** Bytes from {@code /dev/urandom}, opened on first use (the JDK's NativePRNGNonBlocking reads the same device). */
  static final class Spi extends SecureRandomSpi {
    private InputStream urandom;

    @Override
    protected void engineSetSeed(byte[] seed) {
      // /dev/urandom is seeded by the kernel; the JDK's NativePRNG mixes a given seed in, which adds nothing here
    }

    @Override
    protected synchronized void engineNextBytes(byte[] bytes) {
      try {
        if (urandom == null) urandom = new FileInputStream("/dev/urandom");
        int off = 0;
        while (off < bytes.length) {
          int n = urandom.read(bytes, off, bytes.length - off);
          if (n < 0) throw new IOException("/dev/urandom ended");
          off += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      byte[] b = new byte[numBytes];
      engineNextBytes(b);
      return b;
    }
  }
}
