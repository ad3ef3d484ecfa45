package io.wolfpack.cli.bench;

import io.wolfpack.client.ApiClient;
import io.wolfpack.core.api.NodeView;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Phase B: a large fleet heartbeating against the server for a while: the server's CPU, the
 * heartbeat latency the fleet sees, errors. If the server does not keep up at the interval
 * asked for, the next longer interval is tried, up to {@link #LONGEST}.
 */
final class FleetPhase {
    static final Duration LONGEST = Duration.ofSeconds(10);
    private static final Duration REGISTER_TIMEOUT = Duration.ofMinutes(5);

    /** One interval tried. {@code registerSeconds} is until every node showed as ready, -1 if they never did. */
    record Attempt(Duration interval, int nodes, int ready, double registerSeconds, SimulatorProcess.Summary fleet,
                   CpuSampler.Usage cpu, long zkWrites, boolean keptUp, String verdict) {
    }

    private final BenchOptions o;
    private final String serverUrl;
    private final Path joinTokenFile;
    private final String zk;
    private final ApiClient api;
    private final PrintStream out;

    FleetPhase(BenchOptions o, String serverUrl, Path joinTokenFile, String zk, ApiClient api, PrintStream out) {
        this.o = o;
        this.serverUrl = serverUrl;
        this.joinTokenFile = joinTokenFile;
        this.zk = zk;
        this.api = api;
        this.out = out;
    }

    /** Tries the heartbeat interval asked for, then longer ones, until one keeps up. */
    List<Attempt> run() throws Exception {
        List<Attempt> attempts = new ArrayList<>();
        Duration interval = o.heartbeat();
        long openFilesBefore = openFiles();
        while (true) {
            Attempt a = attempt(interval);
            awaitConnectionsClosed(openFilesBefore);
            attempts.add(a);
            out.printf("  [fleet] interval %s: %s%n", human(interval), a.verdict());
            if (a.keptUp() || interval.compareTo(LONGEST) >= 0) return attempts;
            interval = interval.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : interval.multipliedBy(2);
        }
    }

    /**
     * After an attempt's simulator is gone, the server (this JVM) still holds a socket for each of
     * its long-polls until the poll's wait ends: a next fleet of 10,000 on top of those would run
     * the process out of file descriptors. Waits (at most a poll's wait and a little more) until
     * this JVM's open files are back near where they were.
     */
    private void awaitConnectionsClosed(long before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (openFiles() > before + 100 && System.nanoTime() < deadline) Thread.sleep(250);
    }

    /** This JVM's open file descriptors (Linux), or 0 where /proc is not there. */
    private static long openFiles() {
        try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private Attempt attempt(Duration interval) throws Exception {
        out.printf("  [fleet] %,d nodes heartbeating every %s: registering...%n", o.fleetNodes(), human(interval));
        try (SimulatorProcess fleet = SimulatorProcess.start(serverUrl, joinTokenFile, o.fleetNodes(), interval, o.simThreads(), out)) {
            long t0 = System.nanoTime();
            java.time.Instant since = java.time.Instant.now();
            long deadline = t0 + REGISTER_TIMEOUT.toNanos();
            int ready = 0;
            double registered = -1;
            while (System.nanoTime() < deadline && fleet.alive()) {
                ready = heardSince(since);
                if (ready >= o.fleetNodes()) {
                    registered = (System.nanoTime() - t0) / 1e9;
                    break;
                }
                TimeUnit.SECONDS.sleep(1);
            }
            out.printf("  [fleet] %,d/%,d nodes heard from%s; measuring for %ds%n", ready, o.fleetNodes(),
                    registered < 0 ? " (gave up waiting)" : String.format(" after %.1fs", registered), o.fleetSeconds());
            fleet.reset();
            ZkStats zk0 = ZkStats.read(zk);
            CpuSampler.Usage cpu;
            try (CpuSampler sampler = new CpuSampler()) {
                TimeUnit.SECONDS.sleep(o.fleetSeconds());
                cpu = sampler.usage();
            }
            long writes = ZkStats.read(zk).writesSince(zk0);
            SimulatorProcess.Summary s = fleet.stop(Duration.ofSeconds(30));
            String verdict = verdict(s, interval, o.fleetNodes());
            return new Attempt(interval, o.fleetNodes(), ready, registered, s, cpu, writes, verdict.startsWith("kept up"), verdict);
        }
    }

    /**
     * Simulated nodes the server heard from since this attempt began (from /v1/nodes). Not "ready":
     * at an interval of 3 s or more a node turns suspect between its heartbeats.
     */
    private int heardSince(java.time.Instant since) {
        int n = 0;
        for (NodeView v : api.nodes()) {
            if (v.name().startsWith("sim-") && v.lastHeartbeat() != null && !v.lastHeartbeat().isBefore(since)) n++;
        }
        return n;
    }

    /**
     * Kept up when no heartbeat failed, hardly any came due while the last was still unanswered
     * (at most 1%), the rate is at least 95% of nodes / interval, and p99 is under the interval.
     */
    static String verdict(SimulatorProcess.Summary s, Duration interval, int nodes) {
        double expected = nodes * 1000.0 / interval.toMillis();
        double rate = s.num("reportsPerSec");
        List<String> why = new ArrayList<>();
        if (s.count("errors") > 0) why.add(s.count("errors") + " heartbeats failed");
        if (s.count("skipped") > 0.01 * s.count("reports")) why.add(s.count("skipped") + " heartbeats came due while the last was unanswered");
        if (rate < 0.95 * expected) why.add(String.format("%,.0f reports/s of %,.0f expected", rate, expected));
        if (s.num("p99Ms") >= interval.toMillis()) why.add(String.format("p99 %.0f ms is not under the interval", s.num("p99Ms")));
        // The server asks a fleet this size to report every HeartbeatPolicy.interval(nodes) and judges liveness from that.
        Duration advised = io.wolfpack.core.model.HeartbeatPolicy.interval(nodes);
        String liveness = interval.compareTo(advised) > 0
                ? "; NOTE: slower than the " + human(advised) + " the server asks of " + nodes + " nodes (HeartbeatPolicy)"
                : "; the server asks " + String.format("%,d", nodes) + " nodes to report every " + human(advised);
        if (why.isEmpty()) return String.format("kept up: %,.0f reports/s, p99 %.1f ms%s", rate, s.num("p99Ms"), liveness);
        return "did not keep up: " + String.join("; ", why) + liveness;
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
