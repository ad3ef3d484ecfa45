package io.wolfpack.router.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code wrk --latency} run reported. {@link #parse} reads wrk 4's text output; it is
 * pure, so the format it expects is pinned by a unit test rather than discovered mid-benchmark.
 *
 * @param requests          requests completed
 * @param seconds           how long wrk measured
 * @param requestsPerSecond wrk's "Requests/sec"
 * @param p50Micros         median latency, microseconds
 * @param p99Micros         99th percentile latency, microseconds
 * @param socketErrors      connect + read + write errors and timeouts (0 when wrk printed no such line)
 * @param non2xx3xx         responses that were not 2xx or 3xx
 */
public record WrkResult(long requests, double seconds, double requestsPerSecond, double p50Micros, double p99Micros,
                        long socketErrors, long non2xx3xx) {

    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /** True when every request got a 2xx/3xx answer and no socket failed. */
    public boolean clean() {
        return socketErrors == 0 && non2xx3xx == 0;
    }

    /** "3 socket errors, 12 non-2xx/3xx", or "" when {@link #clean}. */
    public String problems() {
        if (clean()) return "";
        StringBuilder b = new StringBuilder();
        if (socketErrors > 0) b.append(socketErrors).append(" socket errors");
        if (non2xx3xx > 0) b.append(b.length() > 0 ? ", " : "").append(non2xx3xx).append(" non-2xx/3xx");
        return b.toString();
    }

    /** Parses the output of {@code wrk --latency}; throws IllegalArgumentException saying what is missing. */
    public static WrkResult parse(String output) {
        String text = output == null ? "" : output;
        Matcher total = find(TOTAL, text, "'N requests in T' line");
        Matcher rate = find(RATE, text, "'Requests/sec:' line");
        if (!text.contains("Latency Distribution")) {
            throw new IllegalArgumentException("wrk output has no 'Latency Distribution' block (was wrk run with --latency?): "
                    + excerpt(text));
        }
        long errors = 0;
        Matcher se = SOCKET_ERRORS.matcher(text);
        if (se.find()) {
            for (int g = 1; g <= 4; g++) errors += Long.parseLong(se.group(g));
        }
        Matcher bad = NON_2XX.matcher(text);
        long non2xx = bad.find() ? Long.parseLong(bad.group(1)) : 0;
        return new WrkResult(Long.parseLong(total.group(1)),
                toMicros(Double.parseDouble(total.group(2)), total.group(3)) / 1e6,
                Double.parseDouble(rate.group(1)),
                percentile(text, 50), percentile(text, 99), errors, non2xx);
    }

    /** The "     99%    1.18ms" line of the latency distribution, in microseconds. */
    static double percentile(String text, int pct) {
        Matcher m = Pattern.compile("(?m)^\\s*" + pct + "(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("wrk output has no " + pct + "% line in its latency distribution: " + excerpt(text));
        }
        return toMicros(Double.parseDouble(m.group(1)), m.group(2));
    }

    /** wrk prints times as 468.00us, 1.18ms, 2.01s (and m/h for long runs). */
    static double toMicros(double value, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> value;
            case "ms" -> value * 1e3;
            case "s" -> value * 1e6;
            case "m" -> value * 60e6;
            case "h" -> value * 3600e6;
            default -> throw new IllegalArgumentException("unknown wrk time unit '" + unit + "'; expected us, ms, s, m or h");
        };
    }

    private static Matcher find(Pattern p, String text, String what) {
        Matcher m = p.matcher(text);
        if (!m.find()) throw new IllegalArgumentException("wrk output has no " + what + " (did wrk fail?): " + excerpt(text));
        return m;
    }

    private static String excerpt(String text) {
        String t = text.strip();
        if (t.isEmpty()) return "(no output)";
        return t.length() <= 400 ? t : t.substring(0, 400) + "...";
    }
}
