package io.wolfpack.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory, written the Kubernetes way: plain bytes, or a whole number with a binary
 * (Ki, Mi, Gi, Ti) or decimal (k, M, G, T) suffix. Written back in the largest exact binary unit.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})(Ki|Mi|Gi|Ti|k|K|M|G|T)?");
    public static final String ALLOWED = "a whole number of bytes, or with a unit Ki, Mi, Gi, Ti (1024-based) or k, M, G, T (1000-based), e.g. 64Mi";

    public ByteSize {
        if (bytes < 0) throw new IllegalArgumentException("memory must not be negative: " + bytes);
    }

    public static ByteSize ofMebibytes(long mib) {
        return new ByteSize(mib * 1024 * 1024);
    }

    /** Parses "64Mi", "1G", "1048576"; throws IllegalArgumentException naming {@link #ALLOWED}. */
    @JsonCreator
    public static ByteSize parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a memory size: use " + ALLOWED);
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        long factor = switch (unit) {
            case "" -> 1L;
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k", "K" -> 1000L;
            case "M" -> 1000_000L;
            case "G" -> 1000_000_000L;
            case "T" -> 1000_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
        return new ByteSize(Math.multiplyExact(n, factor));
    }

    @JsonValue
    @Override
    public String toString() {
        String[] units = {"Ti", "Gi", "Mi", "Ki"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long f = 1L << shifts[i];
            if (bytes != 0 && bytes % f == 0) return (bytes / f) + units[i];
        }
        return Long.toString(bytes);
    }

    /** A short human form, rounded: "1.5Gi", "256Mi". */
    public String human() {
        double b = bytes;
        String[] units = {"", "Ki", "Mi", "Gi", "Ti"};
        int i = 0;
        while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
        return (b == Math.rint(b) ? String.format(Locale.ROOT, "%d", (long) b) : String.format(Locale.ROOT, "%.1f", b)) + units[i];
    }

    @Override
    public int compareTo(ByteSize o) {
        return Long.compare(bytes, o.bytes);
    }
}
