package io.wolfpack.router;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The head of an HTTP/1.x message as it arrived: its bytes (start line, header lines, the empty
 * line; a couple of hundred bytes, so a small array beats holding on to the read buffer), where
 * each header line sits in them, and what the proxy must know of the headers
 * (framing, Connection, the names it rewrites). Nothing goes into a header map: the proxy passes
 * the lines it keeps on as bytes.
 */
abstract class MessageHead {
    /**
     * Per header: start of the line, the colon, start and end of the trimmed value, just past the
     * line break (indexes into the bytes), and its HeaderName constant. One array per head, and a
     * response head's arrays are its connection's parser's (see {@link HeadParser}): a head is
     * made per request and response, so fewer objects mean fewer young collections.
     */
    static final int LINE = 0;
    static final int COLON = 1;
    static final int VALUE = 2;
    static final int VALUE_END = 3;
    static final int LINE_END = 4;
    static final int NAME = 5;
    static final int SLOTS = 6;

    private final byte[] bytes;
    private final int length;
    private final boolean http10;
    private final int startLineEnd; // end of the start line, before its CRLF
    private final int count;
    private final int[] positions; // SLOTS per header
    private final Framing framing;

    MessageHead(HeadParser.Lines lines, boolean http10, Framing framing) {
        this.bytes = lines.bytes();
        this.length = lines.length();
        this.http10 = http10;
        this.startLineEnd = lines.startLineEnd();
        this.count = lines.count();
        this.positions = lines.positions();
        this.framing = framing;
    }

    /** What the headers say about the body and the connection. */
    record Framing(long contentLength, boolean chunked, boolean transferEncoding, boolean close, boolean keepAliveToken,
                   boolean upgradeToken, List<String> connectionOptions) {
        /** No Content-Length header. */
        static final long NO_LENGTH = -1;
        /** No framing or Connection header at all, as in most GETs: one shared instance rather than one per head. */
        static final Framing NONE = new Framing(NO_LENGTH, false, false, false, false, false, List.of());

        boolean sized() {
            return contentLength != NO_LENGTH;
        }
    }

    /** The head's bytes, as received, from index 0 to {@link #length()}; not to be changed. */
    byte[] bytes() {
        return bytes;
    }

    /** The head's length in {@link #bytes()}, up to and including the empty line (the array may be longer). */
    int length() {
        return length;
    }

    boolean http10() {
        return http10;
    }

    int startLineEnd() {
        return startLineEnd;
    }

    int headerCount() {
        return count;
    }

    byte name(int header) {
        return (byte) positions[header * SLOTS + NAME];
    }

    int position(int header, int slot) {
        return positions[header * SLOTS + slot];
    }

    /** Where the line after this header's starts (or the empty line that ends the head). */
    int lineEnd(int header) {
        return positions[header * SLOTS + LINE_END];
    }

    /** The header's value, trimmed, decoded as ISO-8859-1. */
    String value(int header) {
        int from = position(header, VALUE);
        return new String(bytes, from, position(header, VALUE_END) - from, StandardCharsets.ISO_8859_1);
    }

    /** The value of the first header called {@code name} (a HeaderName constant), or null. */
    String first(byte name) {
        for (int i = 0; i < count; i++) if (name(i) == name) return value(i);
        return null;
    }

    /** Whether the header is one that Connection lists, so it stays on this hop. */
    boolean namedByConnection(int header) {
        List<String> options = framing.connectionOptions();
        if (options.isEmpty() || name(header) != HeaderName.OTHER) return false;
        int from = position(header, LINE);
        int len = position(header, COLON) - from;
        for (String o : options) {
            if (o.length() == len && HeaderName.equalsLower(bytes, from, o)) return true;
        }
        return false;
    }

    Framing framing() {
        return framing;
    }

    /** HTTP/1.1 stays open unless it says close; HTTP/1.0 closes unless it says keep-alive. */
    boolean keepAlive() {
        return http10 ? framing.keepAliveToken() && !framing.close() : !framing.close();
    }
}
