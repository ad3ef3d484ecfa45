package io.wolfpack.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sees every TCP connection this machine opens to the watched endpoints, from the kernel's
 * connection tracking table ({@code /proc/net/nf_conntrack}, root namespace, where the router
 * runs). A flow that was not in the previous sample is a new connection attempt; it stays in the
 * table for seconds to minutes (even an unanswered SYN), so a 100 ms sampler misses none. That
 * makes it a view of the router's attempts at an endpoint that needs nothing from the router, as
 * long as the router opens a connection per attempt (the demo's busybox httpd closes each one;
 * the drill checks this in the second before the fault). Reading the table is not free (one line
 * per connection of the last two minutes), so it samples every 100 ms and reports what it cost.
 */
final class DrillConntrack implements AutoCloseable {
    static final long INTERVAL_MILLIS = 100;

    /** A connection's original direction as the kernel tracks it. */
    record Flow(String src, String dst, int sport, int dport) {
        String endpoint() {
            return dst + ":" + dport;
        }
    }

    /** A new connection to {@code endpoint}, first seen in the sample that ended at {@code atNanos}. */
    record Seen(long atNanos, String endpoint) {
    }

    private final Path table;
    private final Set<String> watched;
    private final List<Seen> seen = new ArrayList<>();
    private final Latencies readTimes = new Latencies();
    private final Thread thread;
    private volatile String unavailable;
    private volatile boolean running = true;
    private volatile long cpuNanos;
    private volatile long startedNanos;

    /** Starts sampling {@code table} for connections to {@code watched} ("ip:port"). */
    DrillConntrack(Path table, Set<String> watched) {
        this.table = table;
        this.watched = Set.copyOf(watched);
        this.unavailable = check(table);
        this.thread = new Thread(this::loop, "drill-conntrack");
        thread.setDaemon(true);
        if (unavailable == null) thread.start();
    }

    private static String check(Path table) {
        if (!Files.isReadable(table)) return table + " is not readable (needs root and the nf_conntrack module)";
        return null;
    }

    private void loop() {
        Set<String> previous = null;
        startedNanos = System.nanoTime();
        while (running) {
            long t = System.nanoTime();
            Set<String> current = new HashSet<>();
            List<Flow> flows = new ArrayList<>();
            try (BufferedReader r = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                String line;
                while ((line = r.readLine()) != null) {
                    Flow f = parse(line);
                    if (f != null && watched.contains(f.endpoint())) flows.add(f);
                }
            } catch (IOException e) {
                unavailable = "reading " + table + " failed: " + e;
                return;
            }
            long end = System.nanoTime();
            readTimes.record((end - t) / 1000);
            // What reading the table costs this machine (user and kernel time of this thread), for the report.
            cpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            synchronized (seen) {
                for (Flow f : flows) {
                    String key = f.src() + ":" + f.sport() + ">" + f.endpoint();
                    current.add(key);
                    // The first sample only learns what already exists.
                    // It did not exist when the last read looked, and did by the end of this one: the end is an upper bound.
                    if (previous != null && !previous.contains(key)) seen.add(new Seen(end, f.endpoint()));
                }
            }
            previous = current;
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The original-direction tuple of a TCP entry, e.g. from
     * {@code ipv4 2 tcp 6 117 SYN_SENT src=10.213.0.1 dst=10.213.0.12 sport=41234 dport=25425 [UNREPLIED] src=...};
     * null for other protocols or lines it cannot read.
     */
    static Flow parse(String line) {
        // indexOf, not a regex split: the table holds one line per connection of the last two minutes.
        int proto = line.indexOf(" tcp ");
        if (proto < 0 || proto > 16) return null;
        String src = field(line, " src="), dst = field(line, " dst="), sport = field(line, " sport="), dport = field(line, " dport=");
        if (src == null || dst == null || sport == null || dport == null) return null;
        try {
            return new Flow(src, dst, Integer.parseInt(sport), Integer.parseInt(dport));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value after the first {@code key} (" dst="), up to the next space; null if absent. */
    private static String field(String line, String key) {
        int i = line.indexOf(key);
        if (i < 0) return null;
        int from = i + key.length(), to = line.indexOf(' ', from);
        return line.substring(from, to < 0 ? line.length() : to);
    }

    /** Null while it works; otherwise why it cannot see connections. */
    String unavailable() {
        return unavailable;
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** "CPU 1.2 s in 40 s": what sampling cost, so a reader can judge how much it disturbed the drill. */
    String cost() {
        return String.format("sampler CPU %.1f s in %.0f s", cpuNanos / 1e9, (System.nanoTime() - startedNanos) / 1e9);
    }

    /** How long reading the table took, per sample. */
    Latencies.Summary readTimes() {
        return readTimes.drain();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
