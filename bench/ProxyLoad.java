import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP load generator for bench/proxy-swap.sh (run with {@code java bench/ProxyLoad.java}): N threads send
 * {@code GET /} with a Host header to 127.0.0.1:port, one connection per request, until a number of seconds passed or
 * a stop file appears. Prints {@code requests=<n> failed=<n> seconds=<s> rps=<r>}; a request fails unless it gets a 200.
 * Used by bench/proxy-swap.sh, bench/heal.sh and bench/swarm.sh, which start it with bench_bg (bench/lib.sh).
 */
public class ProxyLoad {
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: java ProxyLoad.java <port> <host> <threads> <seconds|stop-file>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String host = args[1];
    int threads = Integer.parseInt(args[2]);
    String until = args[3];
    long start = System.nanoTime();
    long deadline = until.matches("\\d+") ? start + Long.parseLong(until) * 1_000_000_000L : Long.MAX_VALUE;
    Path stop = until.matches("\\d+") ? null : Path.of(until);
    AtomicLong ok = new AtomicLong(), failed = new AtomicLong();
    List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    byte[] request = ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nUser-Agent: jokku-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    // Never outlives its script: it also stops when its parent is gone (the script ended without stopping it), when
    // the stop file's folder is gone (the script's clean-up removed it), and after an hour whatever happens.
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    long cap = start + 3600 * 1_000_000_000L;
    java.util.concurrent.atomic.AtomicBoolean orphaned = new java.util.concurrent.atomic.AtomicBoolean();
    Thread guard = new Thread(() -> {
      while (!orphaned.get()) {
        long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (now != parent || stop != null && !Files.isDirectory(stop.toAbsolutePath().getParent()) || System.nanoTime() > cap) orphaned.set(true);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    guard.setDaemon(true);
    guard.start();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        while (System.nanoTime() < deadline && (stop == null || !Files.exists(stop)) && !orphaned.get()) {
          String status;
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            status = head.length() >= 12 ? head.substring(9, 12) : "short";
          } catch (Exception e) {
            status = e.getClass().getSimpleName();
          }
          if (status.equals("200")) ok.incrementAndGet();
          else {
            failed.incrementAndGet();
            if (samples.size() < 5) samples.add(status);
          }
        }
      });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) w.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    long total = ok.get() + failed.get();
    System.out.printf("requests=%d failed=%d seconds=%.1f rps=%.0f%s%n", total, failed.get(), seconds, total / seconds,
        samples.isEmpty() ? "" : " samples=" + String.join(",", samples));
  }
}
