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
