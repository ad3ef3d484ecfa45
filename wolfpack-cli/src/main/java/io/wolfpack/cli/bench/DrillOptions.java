package io.wolfpack.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The knobs of {@link FailoverDrill}; defaults match {@code scripts/testbed up} with its default
 * state directory and the drill (3 hosts, 6 replicas, host 2 fails).
 *
 * @param faults         what to do to the host, in order: {@code kill} (agent, containers, dockerd by pid) and/or {@code cut} (link down)
 * @param host           the testbed host number to fail
 * @param replicas       replicas of the drill's service
 * @param threads        client threads sending GETs through the router
 * @param rate           requests per second all threads send together
 * @param requestTimeout how long one GET may take before it counts as failed
 * @param server         the Wolfpack server's URL
 * @param tokenFile      the cluster token (the CLI's token)
 * @param router         the router's URL
 * @param routerMetrics  the router's Prometheus URL, {@code auto} (try ROUTER/metrics) or {@code none}
 * @param state          the testbed's state directory
 * @param testbed        the {@code scripts/testbed} script
 * @param image          the demo image as the hosts pull it
 * @param service        name prefix of the drill's services ({@code PREFIX-kill}, {@code PREFIX-cut})
 * @param warmup         load before the fault, to check the baseline
 * @param recoverTimeout the longest wait for replacements, and again for convergence after the restore
 * @param settle         load kept running after each phase's goal is reached
 * @param conntrack      the kernel's connection tracking table, to see attempts at the dead host
 */
record DrillOptions(List<String> faults, int host, int replicas, int threads, int rate, Duration requestTimeout,
                    String server, Path tokenFile, String router, String routerMetrics, Path state, Path testbed,
                    String image, String service, Duration warmup, Duration recoverTimeout, Duration settle,
                    Path conntrack) {
    static final String PROGRAM = "FailoverDrill";

    static DrillOptions parse(String[] args) {
        BenchArgs a = new BenchArgs(PROGRAM, args);
        String fault = a.string("fault", "both");
        Path state = Path.of(a.string("state", "/tmp/wolfpack-testbed"));
        DrillOptions o = new DrillOptions(faults(fault), a.integer("host", 2), a.integer("replicas", 6),
                a.integer("threads", 4), a.integer("rate", 200), a.duration("request-timeout", Duration.ofSeconds(2)),
                a.string("server", "http://10.213.0.1:7700"), Path.of(a.string("token-file", state.resolve("server/token").toString())),
                a.string("router", "http://127.0.0.1:7780"), a.string("router-metrics", "auto"), state,
                Path.of(a.string("testbed", "scripts/testbed")), a.string("image", "10.213.0.1:5000/demo:1"),
                a.string("service", "drill"), a.duration("warmup", Duration.ofSeconds(3)),
                a.duration("recover-timeout", Duration.ofSeconds(120)), a.duration("settle", Duration.ofSeconds(3)),
                Path.of(a.string("conntrack", "/proc/net/nf_conntrack")));
        a.checkAllUsed();
        return o;
    }

    static List<String> faults(String fault) {
        switch (fault) {
            case "kill": return List.of("kill");
            case "cut": return List.of("cut");
            case "both": return List.of("kill", "cut");
            default: throw new IllegalArgumentException(PROGRAM + ": --fault " + fault + ": allowed kill, cut, both");
        }
    }

    DrillOptions {
        if (host < 1) throw bad("--host " + host + ": a testbed host number, 1 or more");
        if (replicas < 1 || replicas > 1000) throw bad("--replicas " + replicas + ": allowed 1-1000");
        if (threads < 1 || threads > 256) throw bad("--threads " + threads + ": allowed 1-256");
        if (rate < threads) throw bad("--rate " + rate + ": at least one request per second per thread (--threads " + threads + ")");
        if (requestTimeout.isZero() || requestTimeout.isNegative()) throw bad("--request-timeout " + requestTimeout.toMillis() + "ms: must be above 0, e.g. 2s");
        if (recoverTimeout.isZero() || recoverTimeout.isNegative()) throw bad("--recover-timeout " + recoverTimeout.toMillis() + "ms: must be above 0, e.g. 120s");
        if (!service.matches("[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?")) {
            throw bad("--service " + service + ": lower-case letters, digits and '-', at most 42 characters");
        }
        faults = List.copyOf(faults);
    }

    private static IllegalArgumentException bad(String problem) {
        return new IllegalArgumentException(PROGRAM + ": " + problem);
    }

    /** The route's host, the Host header every GET sends. */
    String routeHost(String serviceName) {
        return serviceName + ".drill";
    }
}
