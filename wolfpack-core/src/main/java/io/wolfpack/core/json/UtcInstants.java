package io.wolfpack.core.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the one instant form Wolfpack writes, ISO-8601 in UTC as {@link Instant#toString} gives
 * it ({@code 2026-11-30T13:15:18.235162101Z}, 0 to 9 fraction digits), by hand. The JDK's parser
 * builds a formatter and a map of fields per call: it was half the CPU of reading an agent's
 * report and of every status the mirror reads. Anything else (an offset, a year beyond 9999, a
 * malformed date) returns null, and the caller falls back to the full parser, which explains.
 */
final class UtcInstants {
    private UtcInstants() {
    }

    /** The instant, or null when {@code s} is not in the plain UTC form. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int nanos = 0;
        if (n > 20) {
            int count = n - 21;
            if (s.charAt(19) != '.' || count < 1 || count > 9) return null;
            nanos = digits(s, 20, count);
            if (nanos < 0) return null;
            for (int i = count; i < 9; i++) nanos *= 10;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
        try {
            // Range checks (month 13, February 30th, hour 24, second 60) are LocalDateTime's.
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in s[from, from+count), or -1 if any character is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
