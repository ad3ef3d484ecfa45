package io.wolfpack.cli.output;

import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.model.InstanceState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Small, pure formatting helpers for the CLI's human output. Time always comes in as {@code now}. */
public final class Format {
    /** The countdown the agent writes into a backoff message; stale by the time a person reads it. */
    private static final Pattern COUNTDOWN = Pattern.compile(";\\s*(restarting|retrying|retry) in \\S+\\s*$");

    private Format() {
    }

    /** A short age: "5s", "3m", "2h", "4d"; negative spans (clock skew) print as "0s". */
    public static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m";
        if (s < 86_400) return (s / 3600) + "h";
        return (s / 86_400) + "d";
    }

    /** The age of {@code then} at {@code now}, or "-" when unknown. */
    public static String age(Instant then, Instant now) {
        return then == null ? "-" : age(Duration.between(then, now));
    }

    /** An instant to the second in ISO-8601 UTC, e.g. "2026-11-25T18:00:01Z". */
    public static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** CPU cores without noise: 2.0 → "2", 0.25 → "0.25", 0.333 → "0.33". */
    public static String cpu(double cores) {
        BigDecimal d = BigDecimal.valueOf(cores).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** Host ports as "name=host:port" sorted by name, comma separated; "-" when none. */
    public static String ports(String address, Map<String, Integer> hostPorts) {
        if (hostPorts == null || hostPorts.isEmpty()) return "-";
        String host = address == null || address.isEmpty() ? "?" : address;
        return new TreeMap<>(hostPorts).entrySet().stream()
                .map(e -> e.getKey() + "=" + host + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Labels as "k=v" sorted by key, comma separated; "-" when none. */
    public static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) return "-";
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * What to show in an instance's MESSAGE column. For an instance in backoff the countdown is
     * recomputed from {@code nextRetryAt}, since the one in the reported message was true only
     * when the agent wrote it: "exited with code 1; retry in 8s".
     */
    public static String instanceMessage(InstanceView i, Instant now) {
        String message = i.message() == null ? "" : i.message().strip();
        if (i.state() != InstanceState.BACKOFF) return message;
        if (message.isEmpty() && i.lastExitCode() != null) message = "exited with code " + i.lastExitCode();
        message = COUNTDOWN.matcher(message).replaceFirst("");
        if (i.nextRetryAt() == null) return message;
        Duration left = Duration.between(now, i.nextRetryAt());
        String retry = left.isNegative() || left.isZero() ? "retrying now" : "retry in " + age(left);
        return message.isEmpty() ? retry : message + "; " + retry;
    }
}
