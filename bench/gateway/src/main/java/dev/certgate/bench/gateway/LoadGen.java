package dev.certgate.bench.gateway;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator: HTTPS/1.1 over JSSE with blocking sockets, one thread per connection slot.
 *
 * <ul>
 * <li>{@code mode=handshake}: every request on a new TCP + TLS connection (full handshake, never resumed), SNI
 * round-robin over the N names, {@code Connection: close}; reads the whole response, closes.</li>
 * <li>{@code mode=keepalive}: {@code conns} persistent connections (SNI and Host spread over the names), requests
 * back to back on each.</li>
 * <li>{@code rate=R} (either mode): open loop at R requests/s in total; the latency of each request is measured from
 * the time it was due (not when it was sent), so a stalled server is not hidden (no coordinated omission); p50/p99
 * from HdrHistogram. Without {@code rate}: closed loop, as fast as the server answers.</li>
 * </ul>
 *
 * <p><b>No resumption.</b> JSSE's client caches a session per (peer host, peer port) and offers it (TLS 1.2 session
 * id or ticket, TLS 1.3 PSK) on the next connection to the same peer. A session cache size of 1 does not disable that
 * (0 means unlimited), and a fresh SSLContext per connection costs the client more than the handshake does. So each
 * connection gets a unique peer host ({@code c<serial>.peer.invalid}; the real SNI name is set explicitly in
 * SSLParameters), and the cache is capped at 1 entry: a lookup never finds a session, every handshake is full.
 * run.sh checks this against nginx's {@code $ssl_session_reused} once per run.
 *
 * <p>Arguments are key=value: {@code port, names (prefix, e.g. e), n, mode, proto (TLSv1.3|TLSv1.2), conns (32),
 * warmup (s), seconds (s), rate, path, host (Host header; default: the SNI name), pids (server pids whose CPU time
 * is read from /proc over the measured window), label}. Prints one {@code RESULT k=v ...} line. Bounded: the run
 * stops after warmup + seconds; sockets time out after 10 s.
 */
public final class LoadGen {

    private static final long CLK_TCK = 100; // Linux USER_HZ on x86-64

    private final Map<String, String> arg;
    private final String[] names;
    private final int port;
    private final String path;
    private final String hostOverride;
    private final SSLSocketFactory factory;
    private final SSLParameters baseParameters;
    private final AtomicLong serial = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong nextDue = new AtomicLong();
    private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    private volatile boolean measuring;
    private volatile boolean stop;
    private final long periodNanos;
    private volatile long dueStart;
    private volatile long measureStart = Long.MAX_VALUE;

    private LoadGen(Map<String, String> arg) throws Exception {
        this.arg = arg;
        int n = Integer.parseInt(arg.get("n"));
        names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = arg.get("names") + (i + 1) + ".bench.test";
        }
        port = Integer.parseInt(arg.get("port"));
        path = arg.getOrDefault("path", "/");
        hostOverride = arg.get("host");
        double rate = Double.parseDouble(arg.getOrDefault("rate", "0"));
        periodNanos = rate > 0 ? (long) (1e9 / rate) : 0;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new TrustAll()}, new SecureRandom());
        context.getClientSessionContext().setSessionCacheSize(1);
        factory = context.getSocketFactory();
        baseParameters = context.getDefaultSSLParameters();
        baseParameters.setProtocols(new String[]{arg.getOrDefault("proto", "TLSv1.3")});
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            arg.put(a.substring(0, eq), a.substring(eq + 1));
        }
        new LoadGen(arg).run();
    }

    private void run() throws Exception {
        boolean handshake = arg.getOrDefault("mode", "handshake").equals("handshake");
        int conns = Integer.parseInt(arg.getOrDefault("conns", "32"));
        double warmup = Double.parseDouble(arg.getOrDefault("warmup", "3"));
        double seconds = Double.parseDouble(arg.getOrDefault("seconds", "10"));
        List<Thread> threads = new ArrayList<>();
        dueStart = System.nanoTime();
        for (int c = 0; c < conns; c++) {
            int slot = c;
            Thread t = new Thread(() -> worker(slot, handshake), "load-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep((long) (warmup * 1000));
        long[] pids = pids();
        long serverTicks0 = serverTicks(pids);
        long cpu0 = processCpuNanos();
        long[] machine0 = machineTicks();
        latency.reset();
        long t0 = System.nanoTime();
        // open loop: the schedule starts again with the window, so a backlog left by the warm-up (a cold client JVM
        // is slow) is dropped instead of being worked off inside the window; requests due before t0 are not counted
        dueStart = t0;
        nextDue.set(0);
        measureStart = t0;
        measuring = true;
        Thread.sleep((long) (seconds * 1000));
        measuring = false;
        long elapsed = System.nanoTime() - t0;
        long serverTicks1 = serverTicks(pids);
        long cpu1 = processCpuNanos();
        long[] machine1 = machineTicks();
        stop = true;
        for (Thread t : threads) {
            t.join(15_000);
        }
        double s = elapsed / 1e9;
        double serverCpu = (serverTicks1 - serverTicks0) / (double) CLK_TCK;
        double rate = ok.get() / s;
        StringBuilder out = new StringBuilder("RESULT");
        out.append(" label=").append(arg.getOrDefault("label", "-"))
                .append(" mode=").append(handshake ? "handshake" : "keepalive")
                .append(" names=").append(arg.get("names")).append(" n=").append(names.length)
                .append(" proto=").append(arg.getOrDefault("proto", "TLSv1.3"))
                .append(" conns=").append(conns)
                .append(" target_rate=").append(arg.getOrDefault("rate", "0"))
                .append(String.format(" seconds=%.2f ok=%d errors=%d rate=%.1f", s, ok.get(), errors.get(), rate))
                .append(String.format(" server_cpu=%.2f per_server_core_s=%s client_cpu=%.2f",
                        serverCpu, pids.length == 0 || serverCpu <= 0 ? "-" : String.format("%.0f", ok.get() / serverCpu),
                        (cpu1 - cpu0) / 1e9 / s))
                // all CPUs' busy time in the window, in cores: minus server and client, what others (and a backend) used
                .append(String.format(" machine_cores=%.2f",
                        (machine1[0] - machine0[0]) / (double) CLK_TCK / s));
        if (periodNanos > 0) {
            out.append(String.format(" p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f",
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6));
        }
        System.out.println(out);
    }

    private void worker(int slot, boolean handshake) {
        byte[] buffer = new byte[8192];
        Connection keepAlive = null;
        long failures = 0;
        while (!stop) {
            long due = 0;
            if (periodNanos > 0) { // open loop: take the next due time, wait for it
                due = dueStart + nextDue.getAndIncrement() * periodNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0 && !stop) {
                    LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                }
                if (stop) {
                    break;
                }
            }
            long begin = System.nanoTime();
            try {
                if (handshake) {
                    try (Connection c = open(names[(int) (serial.get() % names.length)])) {
                        c.request(true, buffer);
                    }
                } else {
                    if (keepAlive == null) {
                        keepAlive = open(names[slot % names.length]);
                    }
                    if (!keepAlive.request(false, buffer)) {
                        keepAlive.close();
                        keepAlive = null; // the server closed it: reconnect on the next request
                    }
                }
                // counted when it ends in the window; in open loop only if it was also due in it, so that a backlog
                // left by the warm-up (client JIT) is not charged to the server
                if (measuring && (periodNanos == 0 || due >= measureStart)) {
                    ok.incrementAndGet();
                    latency.recordValue(Math.min(System.nanoTime() - (periodNanos > 0 ? due : begin),
                            latency.getHighestTrackableValue()));
                }
            } catch (Exception e) {
                if (keepAlive != null) {
                    keepAlive.close();
                    keepAlive = null;
                }
                if (measuring) {
                    errors.incrementAndGet();
                }
                if (failures++ < 3) {
                    System.err.println("loadgen: " + e);
                }
                LockSupport.parkNanos(10_000_000L); // do not spin on a dead server
            }
        }
        if (keepAlive != null) {
            keepAlive.close();
        }
    }

    private Connection open(String name) throws IOException {
        Socket tcp = new Socket();
        tcp.setTcpNoDelay(true);
        tcp.setSoTimeout(10_000);
        tcp.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        // unique peer host: the client session cache never matches, so no resumption (see the class comment)
        SSLSocket ssl = (SSLSocket) factory.createSocket(tcp, "c" + serial.incrementAndGet() + ".peer.invalid", port, true);
        SSLParameters parameters = new SSLParameters(baseParameters.getCipherSuites(), baseParameters.getProtocols());
        parameters.setServerNames(List.of(new SNIHostName(name)));
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return new Connection(ssl, hostOverride != null ? hostOverride : name);
    }

    private final class Connection implements AutoCloseable {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] keepAliveRequest;
        private final byte[] closeRequest;

        Connection(SSLSocket socket, String host) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = socket.getOutputStream();
            String head = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: certgate-bench\r\n";
            keepAliveRequest = (head + "\r\n").getBytes(StandardCharsets.US_ASCII);
            closeRequest = (head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** Sends one GET and reads the whole response; false when the server said it will close. */
        boolean request(boolean close, byte[] buffer) throws IOException {
            out.write(close ? closeRequest : keepAliveRequest);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 ")) {
                throw new IOException("bad status line: " + status);
            }
            long length = -1;
            boolean chunked = false;
            boolean serverCloses = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    serverCloses = true;
                }
            }
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    skip(size, buffer);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length, buffer);
            } else {
                throw new IOException("response without length");
            }
            if (arg.containsKey("expect") && !status.contains(" " + arg.get("expect") + " ")) {
                throw new IOException("unexpected status: " + status);
            }
            return !serverCloses;
        }

        private void skip(long length, byte[] buffer) throws IOException {
            while (length > 0) {
                int r = in.read(buffer, 0, (int) Math.min(buffer.length, length));
                if (r < 0) {
                    throw new IOException("truncated body");
                }
                length -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            if (c == -1) {
                throw new IOException("connection closed");
            }
            return b.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // gone already
            }
        }
    }

    private long[] pids() {
        String list = arg.getOrDefault("pids", "");
        return list.isBlank() ? new long[0]
                : java.util.Arrays.stream(list.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** utime + stime of the processes (all their threads), from /proc/PID/stat. */
    private static long serverTicks(long[] pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException e) {
                // the process is gone: its time is lost, the figure is then marked by errors anyway
            }
        }
        return total;
    }

    /** {busy ticks} of all CPUs, from the first line of /proc/stat (idle and iowait excluded). */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 7; i++) { // user nice system (idle iowait) irq softirq; not steal
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
            }
            return new long[]{busy};
        } catch (IOException e) {
            return new long[]{0};
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Trusts every server: the benchmark measures the server's cost; verifying chains would only load the client. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) { }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) { }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
