package io.wolfpack.cli.bench;

import java.time.Duration;

/**
 * The knobs of {@link ControlPlaneBenchmark}; defaults are the scale.
 *
 * @param services      services deployed in phase A
 * @param replicas      replicas of each
 * @param nodes         simulated nodes in phase A
 * @param fleetNodes    simulated nodes in phase B
 * @param fleetSeconds  how long phase B measures each heartbeat interval
 * @param deployThreads concurrent API clients deploying in phase A
 * @param heartbeat     the heartbeat interval phase B tries first (and phase A uses)
 * @param simThreads    event loops of the simulator (capped at the number of cores)
 * @param timeout       how long phase A may take before it gives up
 * @param serverLog     keep the server's INFO log (one line per event; 30,000+ lines)
 * @param warmup        services deployed, run and removed before phase A is measured (0: measure a cold server)
 * @param profile       sample every server thread's stack every 20 ms (costs the server CPU: off by default)
 * @param rounds        measured rounds of phase A (the services removed between them); the median decides
 * @param warmupRounds  unmeasured rounds of {@code warmup} services before them
 */
record BenchOptions(int services, int replicas, int nodes, int fleetNodes, int fleetSeconds, int deployThreads,
                    Duration heartbeat, int simThreads, Duration timeout, boolean serverLog, int warmup, boolean profile,
                    int rounds, int warmupRounds) {
    static final double TARGET_SECONDS = 10;

    static final String USAGE = String.join("\n",
            "usage: ControlPlaneBenchmark [options]   (docs/BENCHMARKS.md, \"Control plane\")",
            "Phase A deploys services through the API onto a simulated fleet and times until every instance is",
            "placed and persisted (target: 10 s, the median of the measured rounds); phase B holds a large",
            "heartbeating fleet. Defaults are the issue's scale.",
            "  --services 1000        services deployed in phase A (at most 9999)",
            "  --replicas 10          replicas of each",
            "  --nodes 1000           simulated nodes in phase A",
            "  --deploy-threads 16    concurrent API clients deploying",
            "  --warmup 1000          services in each unmeasured warm-up round (0: none)",
            "  --warmup-rounds 2      warm-up rounds before phase A is measured (0: measure a cold server)",
            "  --rounds 3             measured rounds of phase A; the median round decides the target",
            "  --fleet-nodes 10000    simulated nodes in phase B (0: skip phase B)",
            "  --fleet-seconds 60     how long phase B measures each heartbeat interval",
            "  --heartbeat 1s         heartbeat interval of phase A, and the first one phase B tries",
            "  --sim-threads 4        event loops of the fleet simulator (capped at the number of cores)",
            "  --timeout 5m           how long one round of phase A may take",
            "  --profile              sample the server's thread stacks every 20 ms (costs CPU)",
            "  --server-log           keep the server's INFO log (one line per event)",
            "  --help                 this text");

    static BenchOptions parse(String[] args) {
        BenchArgs a = new BenchArgs("ControlPlaneBenchmark", args);
        BenchOptions o = new BenchOptions(a.integer("services", 1000), a.integer("replicas", 10), a.integer("nodes", 1000),
                a.integer("fleet-nodes", 10_000), a.integer("fleet-seconds", 60), a.integer("deploy-threads", 16),
                a.duration("heartbeat", Duration.ofSeconds(1)), a.integer("sim-threads", 4),
                a.duration("timeout", Duration.ofMinutes(5)), a.flag("server-log"), a.integer("warmup", 1000), a.flag("profile"),
                a.integer("rounds", 3), a.integer("warmup-rounds", 2));
        a.checkAllUsed();
        return o;
    }

    BenchOptions {
        if (services > 9999) throw new IllegalArgumentException("--services " + services + ": at most 9999");
        if (replicas > 1000) throw new IllegalArgumentException("--replicas " + replicas + ": at most 1000 (the spec's limit)");
        if (nodes < 1 || deployThreads < 1 || simThreads < 1) {
            throw new IllegalArgumentException("--nodes, --deploy-threads and --sim-threads must be at least 1");
        }
        if (rounds < 1) throw new IllegalArgumentException("--rounds " + rounds + ": at least 1");
        if (warmupRounds < 0) throw new IllegalArgumentException("--warmup-rounds " + warmupRounds + ": 0 or more");
        if (heartbeat.isZero() || heartbeat.isNegative()) throw new IllegalArgumentException("--heartbeat must be above 0, e.g. 1s");
    }
}
