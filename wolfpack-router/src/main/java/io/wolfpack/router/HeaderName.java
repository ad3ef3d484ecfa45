package io.wolfpack.router;

import java.util.stream.IntStream;

/**
 * The header names the proxy acts on, recognised once per header line while a head is parsed, so
 * rewriting a head is a byte compare per line rather than a string lookup.
 */
final class HeaderName {
    static final byte OTHER = 0;
    static final byte HOST = 1;
    static final byte CONTENT_LENGTH = 2;
    static final byte TRANSFER_ENCODING = 3;
    static final byte CONNECTION = 4;
    static final byte UPGRADE = 5;
    /** Keep-Alive, Proxy-*, TE, Trailer: always dropped at the proxy (RFC 9110 7.6.1). */
    static final byte HOP_BY_HOP = 6;
    static final byte X_FORWARDED_FOR = 7;
    static final byte X_FORWARDED_PROTO = 8;
    static final byte X_FORWARDED_HOST = 9;

    private static final String[] NAMES = {"host", "content-length", "transfer-encoding", "connection", "upgrade",
            "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"};
    private static final byte[] CODES = {HOST, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, UPGRADE,
            HOP_BY_HOP, HOP_BY_HOP, HOP_BY_HOP, HOP_BY_HOP, HOP_BY_HOP, HOP_BY_HOP,
            X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_HOST};

    /** Indexes into NAMES by name length: a header line is compared with at most two names. */
    private static final int[][] BY_LENGTH;

    static {
        int longest = 0;
        for (String n : NAMES) longest = Math.max(longest, n.length());
        BY_LENGTH = new int[longest + 1][];
        for (int len = 0; len <= longest; len++) {
            int l = len;
            BY_LENGTH[len] = IntStream.range(0, NAMES.length).filter(i -> NAMES[i].length() == l).toArray();
        }
    }

    private HeaderName() {
    }

    /** The code of the name in {@code b} at {@code [from, from + len)}, case-insensitively; OTHER for the rest. */
    static byte classify(byte[] b, int from, int len) {
        if (len >= BY_LENGTH.length) return OTHER;
        for (int i : BY_LENGTH[len]) {
            if (equalsLower(b, from, NAMES[i])) return CODES[i];
        }
        return OTHER;
    }

    /** Whether {@code b} holds {@code lower} (lower-case ASCII) at {@code from}, ignoring case. */
    static boolean equalsLower(byte[] b, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != lower.charAt(i)) return false;
        }
        return true;
    }
}
