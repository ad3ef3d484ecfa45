package io.wolfpack.core.json;

import java.time.Instant;

/**
 * Reads the one instant form Wolfpack writes, ISO-8601 in UTC as {@link Instant#toString} gives
 * it ({@code 2026-11-30T13:15:18.235162101Z}, 0 to 9 fraction digits), by hand. The JDK's parser
 * builds a formatter and a map of fields per call: it was half the CPU of reading an agent's
 * report and of every status the mirror reads. Anything else (an offset, a year beyond 9999, a
 * malformed date) returns null, and the caller falls back to the full parser, which explains.
 */
final class UtcInstants {
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

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
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) return null;
            int fraction = digits(s, 20, digits);
            if (fraction < 0) return null;
            nanos = fraction;
            for (int i = digits; i < 9; i++) nanos *= 10;
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
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

    private static int daysIn(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@code LocalDate.toEpochDay}). */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if (!leap) total--;
        }
        return total - 719_528L; // days from year 0 to 1970
    }
}
