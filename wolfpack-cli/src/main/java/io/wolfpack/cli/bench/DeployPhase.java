package io.wolfpack.cli.bench;

import io.micrometer.core.instrument.Timer;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.server.WolfpackServer;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ZkPaths;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Phase A: with a fleet registered, deploy S services of R replicas through the API from many
 * client threads, and time until every instance is placed and persisted (the server's mirror is
 * fed by ZooKeeper watches, so an instance in it is in ZooKeeper) and until every instance is
 * reported running by the fleet (observed state persisted).
 */
final class DeployPhase {
    /** What phase A measured; times are from the first deploy call, -1 when never reached. */
    record Result(int expected, int placed, int running, double placedSeconds, double runningSeconds,
                  double callsSeconds, Latencies.Summary api, int apiErrors, String firstApiError,
                  long zkWrites, double zkWritesPerSec, Map<String, Long> znodeChanges, double znodeChangesPerSec,
                  long syncs, double syncMeanMs, double syncMaxMs, CpuSampler.Usage cpu) {
        /** Seconds until all were placed, or infinity when they never were (for ordering rounds). */
        double placedOrNever() {
            return placed >= expected && placedSeconds >= 0 ? placedSeconds : Double.POSITIVE_INFINITY;
        }
    }

    /** Services are named {@code bench-0001}…; each round deploys them again, removed after the last. */
    static final String PREFIX = "bench";

    private final BenchOptions o;
    private final WolfpackServer server;
    private final String zk;
    private final ApiClient api;
    private final PrintStream out;
    /** Znodes changed by kind, from the mirror's change stream (one listener for every round). */
    private final Map<String, LongAdder> changes = new ConcurrentHashMap<>();

    DeployPhase(BenchOptions o, WolfpackServer server, String zk, ApiClient api, PrintStream out) {
        this.o = o;
        this.server = server;
        this.zk = zk;
        this.api = api;
        this.out = out;
        server.store().mirror().addListener(key -> changes.computeIfAbsent(kind(key), k -> new LongAdder()).increment());
    }

    /** One measured round: deploys every service and waits until all are placed and reported running. */
    Result run() throws Exception {
        ClusterMirror mirror = server.store().mirror();
        int expected = o.services() * o.replicas();
        Timer syncs = server.metrics().find("wolfpack_reconcile_seconds").timer();
        long syncs0 = syncs == null ? 0 : syncs.count();
        double syncTime0 = syncs == null ? 0 : syncs.totalTime(TimeUnit.MILLISECONDS);

        changes.clear();
        ZkStats zk0 = ZkStats.read(zk);
        Latencies latencies = new Latencies();
        AtomicInteger apiErrors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        StackSampler profile = o.profile() ? new StackSampler() : null;
        ThreadCpu threadCpu = ThreadCpu.start();
        CpuSampler cpu = new CpuSampler();
        long t0 = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(o.deployThreads());
        for (int i = 1; i <= o.services(); i++) {
            String spec = spec(i);
            clients.execute(() -> {
                long s = System.nanoTime();
                try {
                    api.deploy(spec, false);
                    latencies.record((System.nanoTime() - s) / 1000);
                } catch (RuntimeException e) {
                    apiErrors.incrementAndGet();
                    firstError.compareAndSet(null, e.getMessage());
                }
            });
        }
        clients.shutdown();

        double callsDone = -1;
        double placedAt = -1;
        double runningAt = -1;
        ZkStats zkPlaced = null;
        Map<String, Long> changesAtPlaced = Map.of();
        int placed = 0;
        int running = 0;
        long deadline = t0 + o.timeout().toNanos();
        long lastPrint = t0;
        long lastRunningCount = t0;
        while (System.nanoTime() < deadline && (placedAt < 0 || runningAt < 0)) {
            double now = seconds(t0);
            if (callsDone < 0 && clients.isTerminated()) callsDone = now;
            placed = mirror.instanceCount();
            if (placedAt < 0 && placed >= expected) {
                placedAt = now;
                zkPlaced = ZkStats.read(zk);
                changesAtPlaced = snapshot(changes);
            }
            // Counting statuses costs the server's CPU too (this JVM): every 250 ms is enough.
            if (placedAt >= 0 || System.nanoTime() - lastRunningCount > 250_000_000L) {
                lastRunningCount = System.nanoTime();
                running = countRunning(mirror);
                if (runningAt < 0 && running >= expected) runningAt = now;
            }
            if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                lastPrint = System.nanoTime();
                out.printf("  [deploy] %5.1fs  calls %s | placed %,d/%,d | reported running %,d%n", now,
                        callsDone < 0 ? "running" : String.format("done at %.1fs", callsDone), placed, expected, running);
            }
            TimeUnit.MILLISECONDS.sleep(placedAt < 0 ? 20 : 100);
        }
        CpuSampler.Usage cpuUsage = cpu.usage();
        cpu.close();
        threadCpu.print(out, "CPU seconds of this JVM's threads in phase A (server, ZooKeeper, API clients; JIT and GC included)");
        if (profile != null) {
            profile.close();
            profile.print(out, "where the server's threads spent phase A (wall clock, busy or waiting in Wolfpack code)");
        }
        if (callsDone < 0) {
            clients.awaitTermination(o.timeout().toMillis(), TimeUnit.MILLISECONDS);
            callsDone = seconds(t0);
        }
        if (zkPlaced == null) {
            zkPlaced = ZkStats.read(zk);
            changesAtPlaced = snapshot(changes);
        }
        double window = placedAt > 0 ? placedAt : seconds(t0);
        long writes = zkPlaced.writesSince(zk0);
        long znodes = changesAtPlaced.values().stream().mapToLong(Long::longValue).sum();
        long syncCount = syncs == null ? 0 : syncs.count() - syncs0;
        double syncMean = syncCount == 0 ? 0 : (syncs.totalTime(TimeUnit.MILLISECONDS) - syncTime0) / syncCount;
        double syncMax = syncs == null ? 0 : syncs.max(TimeUnit.MILLISECONDS);
        return new Result(expected, placed, running, placedAt, runningAt, callsDone, latencies.drain(), apiErrors.get(),
                firstError.get(), writes, writes / window, changesAtPlaced, znodes / window, syncCount, syncMean, syncMax,
                cpuUsage);
    }

    /** Instances placed whose current revision the fleet reports running. */
    static int countRunning(ClusterMirror mirror) {
        Map<String, Long> revisionOf = new HashMap<>();
        for (Instance i : mirror.allInstances()) revisionOf.put(i.id(), i.revision());
        int n = 0;
        for (InstanceStatus s : mirror.allStatuses()) {
            Long rev = revisionOf.get(s.id());
            if (rev != null && rev == s.revision() && s.state() == InstanceState.RUNNING) n++;
        }
        return n;
    }

    String spec(int i) {
        return spec(PREFIX, i, o.replicas());
    }

    /** The name of the i-th service of a kind, e.g. {@code bench-0042}. */
    static String name(String prefix, int i) {
        return String.format("%s-%04d", prefix, i);
    }

    static String spec(String prefix, int i, int replicas) {
        String name = name(prefix, i);
        return "{\"name\":\"" + name + "\",\"image\":\"registry.local/bench:1\",\"replicas\":" + replicas
                + ",\"resources\":{\"cpu\":0.01,\"memory\":\"16Mi\"},\"ports\":[{\"name\":\"http\",\"container\":8080}],"
                + "\"route\":{\"host\":\"" + name + ".bench.local\",\"path\":\"/\",\"port\":\"http\"}}";
    }

    private static String kind(ZkPaths.Key key) {
        String s = key.getClass().getSimpleName();
        return s.endsWith("Key") ? s.substring(0, s.length() - 3).toLowerCase(java.util.Locale.ROOT) : s;
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> changes) {
        Map<String, Long> m = new TreeMap<>();
        changes.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
