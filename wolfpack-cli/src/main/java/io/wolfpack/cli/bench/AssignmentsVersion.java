package io.wolfpack.cli.bench;

import io.netty.buffer.ByteBuf;

/**
 * Reads the top-level {@code "version"} of a {@code NodeAssignments} JSON body without parsing the
 * rest, so a simulated node parses its assignments only when they changed: most long-polls end
 * with the set the node already has (the wait ran out), and 10,000 full Jackson parses of it are
 * CPU taken from the server being measured.
 */
final class AssignmentsVersion {
    /** The answer when the body does not start the expected way; the caller then parses it all. */
    static final long UNKNOWN = -1;

    private AssignmentsVersion() {
    }

    /**
     * The version, when it comes among the flat members before any nested object or array (the
     * server writes {@code {"node":..,"version":N,"assignments":[..]}}); else {@link #UNKNOWN}.
     */
    static long peek(ByteBuf json) {
        int i = json.readerIndex();
        int end = json.writerIndex();
        if (i >= end || json.getByte(i) != '{') return UNKNOWN;
        i++;
        while (i < end) {
            byte b = json.getByte(i);
            if (b == '{' || b == '[') return UNKNOWN; // nested: a "version" inside is not ours
            if (b != '"') {
                i++;
                continue;
            }
            int close = closingQuote(json, i + 1, end);
            if (close < 0) return UNKNOWN;
            boolean version = close - i - 1 == 7 && isVersion(json, i + 1);
            i = close + 1;
            if (version && i < end && json.getByte(i) == ':') return number(json, i + 1, end);
        }
        return UNKNOWN;
    }

    /** The index of the quote that ends a string starting at {@code i}, skipping escapes; -1 if none. */
    private static int closingQuote(ByteBuf json, int i, int end) {
        for (; i < end; i++) {
            byte b = json.getByte(i);
            if (b == '\\') i++;
            else if (b == '"') return i;
        }
        return -1;
    }

    private static boolean isVersion(ByteBuf json, int i) {
        String key = "version";
        for (int k = 0; k < key.length(); k++) {
            if (json.getByte(i + k) != key.charAt(k)) return false;
        }
        return true;
    }

    /** A non-negative whole number ending at ',' or '}'; else {@link #UNKNOWN}. */
    private static long number(ByteBuf json, int i, int end) {
        long n = 0;
        int start = i;
        for (; i < end; i++) {
            byte b = json.getByte(i);
            if (b >= '0' && b <= '9' && i - start < 18) n = n * 10 + (b - '0');
            else break;
        }
        if (i == start || i >= end) return UNKNOWN;
        byte after = json.getByte(i);
        return after == ',' || after == '}' ? n : UNKNOWN;
    }
}
