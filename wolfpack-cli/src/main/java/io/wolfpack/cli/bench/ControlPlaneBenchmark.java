package io.wolfpack.cli.bench;

import ch.qos.logback.classic.Level;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.schedule.PortRange;
import io.wolfpack.server.ServerConfig;
import io.wolfpack.server.TokenFile;
import io.wolfpack.server.WolfpackServer;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.EmbeddedZooKeeper;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The control-plane benchmark (issue 3): a real embedded ZooKeeper and a real server in this JVM,
 * a simulated fleet ({@link FleetSimulator}) in another. Phase A deploys S × R instances through
 * the API onto N nodes and times placement, after warm-up rounds and in several rounds (target:
 * all persisted within 10 s in the median round); phase B holds a
 * large heartbeating fleet and measures the server's CPU and heartbeat latency. Everything it
 * creates lives in a temp directory that is removed at the end. See docs/BENCHMARKS.md.
 */
public final class ControlPlaneBenchmark {
    /**
     * Everything measured: phase A's rounds in the order run, the fleet's view of phase A, and
     * phase B's attempts.
     */
    record Result(BenchOptions options, List<DeployPhase.Result> rounds, SimulatorProcess.Summary deployFleet,
                  List<FleetPhase.Attempt> fleet) {
        /** The median round by time to all placed (the slower middle one of an even count), which decides the target. */
        DeployPhase.Result deploy() {
            List<DeployPhase.Result> sorted = rounds.stream().sorted(Comparator.comparingDouble(DeployPhase.Result::placedOrNever)).toList();
            return sorted.get(sorted.size() / 2);
        }

        boolean targetMet() {
            DeployPhase.Result d = deploy();
            return d.placedOrNever() <= BenchOptions.TARGET_SECONDS && rounds.stream().allMatch(r -> r.apiErrors() == 0);
        }
    }

    private ControlPlaneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("ControlPlaneBenchmark --help lists the options");
            System.exit(2);
            return;
        }
        Result r = run(o, System.out);
        printSummary(r, System.out);
        System.exit(0);
    }

    static Result run(BenchOptions o, PrintStream out) throws Exception {
        if (!o.serverLog()) quietServerLog();
        Path dir = Files.createTempDirectory("wolfpack-cp-bench");
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), "127.0.0.1", 0)) {
            String token = TokenFile.loadOrCreate(dir);
            String joinToken = TokenFile.loadOrCreate(dir, TokenFile.JOIN_NAME);
            ServerConfig config = new ServerConfig("127.0.0.1", 0, dir, zk.connectString(), token, joinToken,
                    PortRange.DEFAULT, NodeLiveness.DEFAULT, Duration.ofSeconds(10));
            try (WolfpackServer server = new WolfpackServer(config)) {
                server.start();
                out.printf("server %s, ZooKeeper %s (embedded, data in %s)%n", server.url(), zk.connectString(), dir);
                ApiClient api = new ApiClient(server.url(), token);
                Path joinFile = dir.resolve(TokenFile.JOIN_NAME);

                out.printf("%nPhase A: %,d services × %,d replicas onto %,d simulated nodes, %d API clients%n",
                        o.services(), o.replicas(), o.nodes(), o.deployThreads());
                List<DeployPhase.Result> rounds = new ArrayList<>();
                SimulatorProcess.Summary deployFleet;
                try (SimulatorProcess fleet = SimulatorProcess.start(server.url(), joinFile, o.nodes(), o.heartbeat(), o.simThreads(), out)) {
                    awaitNodes(server, o.nodes(), out);
                    for (int round = 1; round <= o.warmupRounds(); round++) {
                        Warmup.run(Math.min(o.warmup(), o.services()), o, api, server.store().mirror(), out);
                    }
                    DeployPhase phase = new DeployPhase(o, server, zk.connectString(), api, out);
                    EventLog events = new EventLog(server.store(), java.time.Clock.systemUTC());
                    for (int round = 1; round <= o.rounds(); round++) {
                        trimEvents(events, server.store().mirror());
                        if (o.rounds() > 1) out.printf("  measured round %d of %d%n", round, o.rounds());
                        DeployPhase.Result r = phase.run();
                        rounds.add(r);
                        out.printf("  round %d: placed and persisted %s, reported running %s%n", round,
                                secs(r.placedSeconds()), secs(r.runningSeconds()));
                        if (round < o.rounds()) {
                            Warmup.removeAll(DeployPhase.PREFIX, o.services(), o.deployThreads(), api, server.store().mirror());
                        }
                    }
                    deployFleet = fleet.stop(Duration.ofSeconds(30));
                }

                out.printf("%nPhase B: %,d simulated nodes heartbeating, %ds per interval%n", o.fleetNodes(), o.fleetSeconds());
                List<FleetPhase.Attempt> attempts = o.fleetNodes() == 0 ? List.of()
                        : new FleetPhase(o, server.url(), joinFile, zk.connectString(), api, out).run();
                return new Result(o, rounds, deployFleet, attempts);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void awaitNodes(WolfpackServer server, int nodes, PrintStream out) throws InterruptedException {
        long t0 = System.nanoTime();
        while (server.store().mirror().nodes().size() < nodes) {
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("only " + server.store().mirror().nodes().size() + " of " + nodes
                        + " simulated nodes registered within 5 minutes; see the [fleet] lines above");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        out.printf("  %,d nodes registered in %.1fs%n", nodes, (System.nanoTime() - t0) / 1e9);
        // One more heartbeat round so every node is also ready in the server's registry.
        TimeUnit.SECONDS.sleep(2);
    }

    /**
     * The leader's once-a-minute event trim, done before a round: deleting the tens of thousands of
     * events earlier rounds left (each round writes ~12,000) belongs to them, not to this round.
     */
    private static void trimEvents(EventLog events, io.wolfpack.store.ClusterMirror mirror) throws InterruptedException {
        events.trim();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (mirror.eventCount() > EventLog.KEEP + io.wolfpack.store.ZkPaths.EVENTS_PER_ZNODE && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** The server logs one INFO line per event: 30,000+ lines here, which would drown the results. */
    private static void quietServerLog() {
        org.slf4j.Logger l = LoggerFactory.getLogger("io.wolfpack");
        if (l instanceof ch.qos.logback.classic.Logger logback) logback.setLevel(Level.WARN);
    }

    static void printSummary(Result r, PrintStream out) {
        DeployPhase.Result d = r.deploy();
        BenchOptions o = r.options();
        out.println();
        out.println("==================== control-plane benchmark ====================");
        out.printf("machine                      %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf("phase A                      %,d services × %,d replicas = %,d instances on %,d nodes, %d API clients%n",
                o.services(), o.replicas(), d.expected(), o.nodes(), o.deployThreads());
        out.printf("  deploy API calls           %s; all answered after %.2fs; errors %d%s%n", d.api().describe(), d.callsSeconds(),
                d.apiErrors(), d.firstApiError() == null ? "" : " (first: " + d.firstApiError() + ")");
        if (r.rounds().size() > 1) {
            out.printf("  placed and persisted       %s in %d rounds; the median round (%s) below%n",
                    r.rounds().stream().map(x -> secs(x.placedSeconds())).collect(java.util.stream.Collectors.joining(", ")),
                    r.rounds().size(), secs(d.placedSeconds()));
        }
        out.printf("  placed and persisted       %,d/%,d after %s%n", d.placed(), d.expected(), secs(d.placedSeconds()));
        out.printf("  reported running          %,d/%,d after %s (observed state persisted)%n", d.running(), d.expected(), secs(d.runningSeconds()));
        out.printf("  ZooKeeper writes           %,d transactions (zxid delta), %,.0f/s until placed%n", d.zkWrites(), d.zkWritesPerSec());
        out.printf("  znodes changed             %,.0f/s until placed: %s%n", d.znodeChangesPerSec(), d.znodeChanges());
        out.printf("  server CPU                 %s%n", d.cpu().describe());
        out.printf("  service syncs              %,d, mean %.1f ms, max %.1f ms%n", d.syncs(), d.syncMeanMs(), d.syncMaxMs());
        SimulatorProcess.Summary f = r.deployFleet();
        out.printf("  fleet reports (all rounds) %,.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d%n", f.num("reportsPerSec"),
                f.num("p50Ms"), f.num("p99Ms"), f.num("maxMs"), f.count("errors"));
        out.printf("  target (all placed ≤ %.0f s%s) met: %s%n", BenchOptions.TARGET_SECONDS,
                r.rounds().size() > 1 ? " in the median round" : "", r.targetMet() ? "yes" : "no");
        for (FleetPhase.Attempt a : r.fleet()) {
            SimulatorProcess.Summary s = a.fleet();
            out.printf("phase B                      %,d nodes, heartbeat every %s, %ds measured%n", a.nodes(),
                    FleetPhase.human(a.interval()), Math.round(s.num("seconds")));
            out.printf("  ready                      %,d/%,d after %s%n", a.ready(), a.nodes(), secs(a.registerSeconds()));
            out.printf("  heartbeats                 %,.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", s.num("reportsPerSec"),
                    s.num("p50Ms"), s.num("p99Ms"), s.num("maxMs"));
            out.printf("  errors                     %d failed, %d skipped (due while unanswered), %d assignment poll errors%n",
                    s.count("errors"), s.count("skipped"), s.count("pollErrors"));
            out.printf("  server CPU                 %s%n", a.cpu().describe());
            out.printf("  ZooKeeper writes           %,d in the window (heartbeats are not written)%n", a.zkWrites());
            out.printf("  verdict                    %s%n", a.verdict());
        }
        out.printf("target met: %s%n", r.targetMet() ? "yes" : "no");
        out.println("=================================================================");
    }

    private static String secs(double s) {
        return s < 0 ? "never (timed out)" : String.format("%.2fs", s);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
