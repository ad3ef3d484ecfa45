package io.wolfpack.router.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The router against nginx at one connection count, over one or more rounds (each number is the
 * median of the rounds), and whether issue 5's target is met: the router's requests/s at least
 * 1.0x nginx's and its p99 at most 1.2x nginx's, with no failed request on either side.
 */
record Comparison(int connections, Stats router, Stats nginx) {
    static final double MIN_THROUGHPUT_RATIO = 1.0;
    static final double MAX_P99_RATIO = 1.2;

    /**
     * Medians of one proxy's runs; {@code maxBackgroundCores} is the most other processes used before
     * any of them, and {@code problems} lists failed requests, empty when there were none.
     */
    record Stats(int runs, double requestsPerSecond, double p50Micros, double p99Micros, double cpuMicrosPerRequest,
                 double cores, double maxBackgroundCores, String problems) {
        static Stats of(List<ProxyRun> runs) {
            if (runs.isEmpty()) throw new IllegalArgumentException("no runs to summarise");
            List<String> problems = new ArrayList<>();
            for (ProxyRun r : runs) {
                if (!r.wrk().clean()) problems.add(r.wrk().problems());
            }
            return new Stats(runs.size(), median(runs, r -> r.wrk().requestsPerSecond()), median(runs, r -> r.wrk().p50Micros()),
                    median(runs, r -> r.wrk().p99Micros()), median(runs, ProxyRun::cpuMicrosPerRequest),
                    median(runs, ProxyRun::cores), runs.stream().mapToDouble(ProxyRun::backgroundCores).max().orElse(0),
                    String.join("; ", problems));
        }

        boolean clean() {
            return problems.isEmpty();
        }
    }

    static Comparison of(int connections, List<ProxyRun> router, List<ProxyRun> nginx) {
        return new Comparison(connections, Stats.of(router), Stats.of(nginx));
    }

    /** Router requests/s over nginx's: above 1 is better. */
    double throughputRatio() {
        return router.requestsPerSecond() / nginx.requestsPerSecond();
    }

    /** Router median latency over nginx's: below 1 is better. */
    double p50Ratio() {
        return router.p50Micros() / nginx.p50Micros();
    }

    /** Router p99 latency over nginx's: below 1 is better. */
    double p99Ratio() {
        return router.p99Micros() / nginx.p99Micros();
    }

    boolean targetMet() {
        return router.clean() && nginx.clean()
                && throughputRatio() >= MIN_THROUGHPUT_RATIO && p99Ratio() <= MAX_P99_RATIO;
    }

    /** "throughput 0.92x (>= 1.0x needed), p99 1.31x (<= 1.2x needed)", plus any failed requests. */
    String verdict() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "throughput %.2fx (>= %.1fx needed), p99 %.2fx (<= %.1fx needed)",
                throughputRatio(), MIN_THROUGHPUT_RATIO, p99Ratio(), MAX_P99_RATIO));
        if (!router.clean()) b.append("; router runs had ").append(router.problems());
        if (!nginx.clean()) b.append("; nginx runs had ").append(nginx.problems());
        return b.toString();
    }

    /** The most CPU other processes used before any run of this comparison. */
    double maxBackgroundCores() {
        return Math.max(router.maxBackgroundCores(), nginx.maxBackgroundCores());
    }

    static double median(List<ProxyRun> runs, ToDoubleFunction<ProxyRun> metric) {
        double[] v = runs.stream().mapToDouble(metric).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
