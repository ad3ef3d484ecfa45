package io.wolfpack.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration written as in Go and Kubernetes: "500ms", "1s", "2m", "1h", or combined "1m30s". */
public record TimeSpan(long millis) implements Comparable<TimeSpan> {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    public static final String ALLOWED = "a duration such as 500ms, 1s, 2m, 1h or 1m30s";

    public TimeSpan {
        if (millis < 0) throw new IllegalArgumentException("duration must not be negative: " + millis);
    }

    public static TimeSpan ofMillis(long millis) {
        return new TimeSpan(millis);
    }

    /** Parses "1s", "500ms", "1m30s"; throws IllegalArgumentException naming {@link #ALLOWED}. */
    @JsonCreator
    public static TimeSpan parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = PART.matcher(t);
        long total = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> throw new IllegalStateException();
            };
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use " + ALLOWED);
        }
        return new TimeSpan(total);
    }

    public Duration toDuration() {
        return Duration.ofMillis(millis);
    }

    @JsonValue
    @Override
    public String toString() {
        if (millis == 0) return "0s";
        if (millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis % 1000 == 0) return millis / 1000 + "s";
        return millis + "ms";
    }

    @Override
    public int compareTo(TimeSpan o) {
        return Long.compare(millis, o.millis);
    }
}
