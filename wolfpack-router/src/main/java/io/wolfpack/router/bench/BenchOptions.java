package io.wolfpack.router.bench;

import io.wolfpack.core.spec.TimeSpan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The knobs of {@link RouterBenchmark}; the defaults are issue 5's setup.
 *
 * @param threads       wrk threads ({@code -t})
 * @param duration      how long each measured wrk run lasts ({@code -d})
 * @param warmup        an unmeasured wrk run at the same connection count before each measured one
 * @param firstWarmup   unmeasured traffic through each proxy before the first measured run, in
 *                      runs of {@code warmup} length alternating between them: the router's JIT
 *                      compiles its request path, as in a router that has run for a while
 * @param connections   the connection counts to compare at ({@code -c})
 * @param rounds        measured runs per proxy and connection count; the median is reported
 * @param routerThreads the router's event loop threads; 0 = one per core, as in production
 * @param nginxWorkers  worker processes of each nginx; 0 = {@code auto} (one per core)
 */
public record BenchOptions(int threads, Duration duration, Duration warmup, Duration firstWarmup, List<Integer> connections,
                           int rounds, int routerThreads, int nginxWorkers) {
    static final String USAGE = """
            usage: RouterBenchmark [--threads 2] [--duration 15s] [--warmup 5s] [--first-warmup 30s]
                                   [--connections 32,256] [--rounds 1] [--router-threads 0] [--nginx-workers 0]
              --threads         wrk threads (-t)
              --duration        each measured wrk run (-d), e.g. 15s, 1m
              --warmup          unmeasured wrk run before each measured one (0s for none)
              --first-warmup    unmeasured traffic through each proxy before any measured run, in --warmup
                                long runs alternating between them, so the router's JIT has compiled its
                                request path (0s measures a cold router)
              --connections     comma-separated connection counts (-c)
              --rounds          measured runs per proxy and connection count; medians are reported
              --router-threads  router event loop threads (0 = one per core, the production default)
              --nginx-workers   worker processes per nginx (0 = auto, one per core)""";

    static final Set<String> KNOWN = Set.of("threads", "duration", "warmup", "first-warmup", "connections", "rounds",
            "router-threads", "nginx-workers");

    public BenchOptions {
        connections = List.copyOf(connections);
        if (threads < 1 || threads > 64) throw new IllegalArgumentException("--threads " + threads + " is out of range; use 1-64");
        if (duration.toMillis() < 1000) {
            throw new IllegalArgumentException("--duration " + TimeSpan.ofMillis(duration.toMillis()) + " is too short; use at least 1s");
        }
        if (warmup.isNegative()) throw new IllegalArgumentException("--warmup must not be negative");
        if (firstWarmup.isNegative()) throw new IllegalArgumentException("--first-warmup must not be negative");
        if (connections.isEmpty()) throw new IllegalArgumentException("--connections needs at least one count, e.g. 32,256");
        for (int c : connections) {
            if (c < threads || c > 10_000) {
                throw new IllegalArgumentException("--connections " + c + " is out of range; use " + threads
                        + "-10000 (wrk needs at least one connection per thread)");
            }
        }
        if (rounds < 1 || rounds > 20) throw new IllegalArgumentException("--rounds " + rounds + " is out of range; use 1-20");
        if (routerThreads < 0 || routerThreads > 256) {
            throw new IllegalArgumentException("--router-threads " + routerThreads + " is out of range; use 0-256 (0 = one per core)");
        }
        if (nginxWorkers < 0 || nginxWorkers > 256) {
            throw new IllegalArgumentException("--nginx-workers " + nginxWorkers + " is out of range; use 0-256 (0 = auto)");
        }
    }

    public static BenchOptions defaults() {
        return new BenchOptions(2, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(30), List.of(32, 256), 1, 0, 0);
    }

    /** Parses {@code --name value} or {@code --name=value}; throws IllegalArgumentException naming the bad option. */
    public static BenchOptions parse(String[] args) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("expected --option, got '" + a + "'\n" + USAGE);
            String name;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                name = a.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + a + " needs a value\n" + USAGE);
            }
            if (!KNOWN.contains(name)) throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
            v.put(name, value);
        }
        BenchOptions d = defaults();
        return new BenchOptions(
                integer(v, "threads", d.threads()),
                duration(v, "duration", d.duration()),
                duration(v, "warmup", d.warmup()),
                duration(v, "first-warmup", d.firstWarmup()),
                v.containsKey("connections") ? counts(v.get("connections")) : d.connections(),
                integer(v, "rounds", d.rounds()),
                integer(v, "router-threads", d.routerThreads()),
                integer(v, "nginx-workers", d.nginxWorkers()));
    }

    /** "auto" or the count, as nginx's worker_processes takes it. */
    String nginxWorkerSetting() {
        return nginxWorkers == 0 ? "auto" : String.valueOf(nginxWorkers);
    }

    private static int integer(Map<String, String> v, String name, int fallback) {
        String raw = v.get(name);
        if (raw == null) return fallback;
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " '" + raw + "' is not a whole number");
        }
    }

    private static Duration duration(Map<String, String> v, String name, Duration fallback) {
        String raw = v.get(name);
        if (raw == null) return fallback;
        try {
            return TimeSpan.parse(raw).toDuration();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " '" + raw + "' is not " + TimeSpan.ALLOWED);
        }
    }

    private static List<Integer> counts(String raw) {
        List<Integer> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--connections '" + raw + "' must be comma-separated whole numbers, e.g. 32,256");
            }
        }
        return out;
    }
}
