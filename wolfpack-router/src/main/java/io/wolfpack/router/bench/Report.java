package io.wolfpack.router.bench;

import java.util.List;
import java.util.Locale;

/** The result table: both proxies and their ratios per connection count, then the verdicts. Pure. */
final class Report {
    /** Other processes using more than this before a run make the comparison unreliable. */
    static final double NOISY_CORES = 0.2;

    private Report() {
    }

    static String render(String machine, String setup, List<Comparison> comparisons) {
        StringBuilder b = new StringBuilder();
        b.append("==================== Wolfpack router vs nginx (issue 5) ====================\n");
        b.append("machine  ").append(machine).append('\n');
        b.append("setup    ").append(setup).append("\n\n");
        b.append(String.format(Locale.ROOT, "%6s  %-13s %11s %9s %9s %13s %12s%n",
                "conns", "proxy", "requests/s", "p50", "p99", "proxy CPU/req", "proxy cores"));
        for (Comparison c : comparisons) {
            row(b, c.connections(), Proxy.ROUTER.label, c.router());
            row(b, c.connections(), Proxy.NGINX.label, c.nginx());
            b.append(String.format(Locale.ROOT, "%6s  %-13s %10.2fx %8.2fx %8.2fx %12.2fx%n", "", "router/nginx",
                    c.throughputRatio(), c.p50Ratio(), c.p99Ratio(),
                    c.router().cpuMicrosPerRequest() / c.nginx().cpuMicrosPerRequest()));
        }
        b.append('\n');
        double background = 0;
        for (Comparison c : comparisons) {
            b.append(String.format(Locale.ROOT, "%5d connections: target met: %s (%s)%n",
                    c.connections(), c.targetMet() ? "yes" : "no", c.verdict()));
            background = Math.max(background, c.maxBackgroundCores());
        }
        b.append(String.format(Locale.ROOT, "target: router requests/s >= %.1fx nginx's and p99 <= %.1fx nginx's, no failed request%n",
                Comparison.MIN_THROUGHPUT_RATIO, Comparison.MAX_P99_RATIO));
        b.append(String.format(Locale.ROOT, "other load: up to %.2f cores busy with other processes in the second before a run%s%n",
                background, background > NOISY_CORES ? " - the machine was not quiet, so the numbers are disturbed; run again when it is" : ""));
        return b.toString();
    }

    private static void row(StringBuilder b, int connections, String proxy, Comparison.Stats s) {
        b.append(String.format(Locale.ROOT, "%6d  %-13s %,11.0f %9s %9s %11.1fus %12.2f%s%n", connections, proxy,
                s.requestsPerSecond(), millis(s.p50Micros()), millis(s.p99Micros()), s.cpuMicrosPerRequest(), s.cores(),
                s.clean() ? "" : "  FAILED REQUESTS: " + s.problems()));
    }

    /** 0.35ms, 12.40ms: one unit keeps the column comparable at a glance. */
    static String millis(double micros) {
        return String.format(Locale.ROOT, "%.2fms", micros / 1000);
    }
}
