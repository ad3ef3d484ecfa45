package io.wolfpack.router;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds the lines of an HTTP/1.x head (RFC 9112 2-5) in the bytes read and indexes its header
 * lines. Strict where a lenient reading would let a backend see different headers than the router
 * did: no control characters (a bare CR in a value could end a line for the backend), no folded
 * lines, no space before the colon, one Content-Length value.
 * <p>
 * The bytes are copied from the buffer in one go into a byte array of this parser's and scanned
 * there (cheaper than a scan through the ByteBuf's per-byte interface and a copy after it), and
 * the index goes into an int array of this parser's. A request head takes copies of both, as it may wait in the
 * backlog or be sent again on a retry. A response head ({@code reuse}) keeps using them: its
 * exchange writes it on before the decoder reads the next head, so copying would only make garbage.
 * One instance per connection; not thread-safe.
 */
final class HeadParser {
    /** tchar (RFC 9110 5.6.2): the bytes a header name or method may contain. */
    private static final boolean[] TOKEN = new boolean[256];
    /** Big enough for nearly every head; more is copied only when a head does not fit. */
    private static final int FIRST_COPY = 1024;
    /** Arrays grown beyond these for a large head are dropped at the next head, not kept for the connection's life. */
    private static final int KEEP_BYTES = 8 * 1024;
    private static final int KEEP_POSITIONS = 64 * MessageHead.SLOTS;

    static {
        for (int c = 0x21; c < 0x7f; c++) TOKEN[c] = "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private final int maxStartLine;
    private final int maxHeaderBytes;
    private final boolean request;
    private final boolean reuse;
    private byte[] scratch = new byte[FIRST_COPY];
    private int[] positions = new int[16 * MessageHead.SLOTS];

    /**
     * A whole head: its bytes and its header lines, indexed (see {@link MessageHead}).
     *
     * @param length the head's length in {@code bytes}, up to and including the empty line; the
     *               array may be longer when it is the parser's own
     */
    record Lines(byte[] bytes, int length, int startLineEnd, int count, int[] positions) {
        /** The HeaderName constant of header {@code i}. */
        byte name(int i) {
            return (byte) positions[i * MessageHead.SLOTS + MessageHead.NAME];
        }
    }

    /**
     * @param reuse heads share this parser's arrays, valid until it reads the next head; for heads
     *              that are used up before that (responses), else each head gets its own copy
     */
    HeadParser(int maxStartLine, int maxHeaderBytes, boolean request, boolean reuse) {
        this.maxStartLine = maxStartLine;
        this.maxHeaderBytes = maxHeaderBytes;
        this.request = request;
        this.reuse = reuse;
    }

    /**
     * Reads the head at {@code buf}'s reader index, consuming it, or returns null (consuming
     * nothing) while it is not whole yet. A head that is not whole is scanned again from its start
     * when more bytes come.
     */
    Lines read(ByteBuf buf) throws HttpParseException {
        if (scratch.length > KEEP_BYTES) scratch = new byte[FIRST_COPY];
        if (positions.length > KEEP_POSITIONS) positions = new int[16 * MessageHead.SLOTS];
        // a head that fits its limits is at most this long; one byte more shows that it does not
        int readable = buf.readableBytes();
        int limit = (int) Math.min(readable, (long) maxStartLine + maxHeaderBytes + 3);
        int copied = copy(buf, 0, Math.min(limit, scratch.length));
        byte[] b = scratch;
        int pos = 0; // start of the line being scanned
        int scan = 0; // where the scan for its end resumes
        int headersStart = -1;
        int startLineEnd = 0;
        int count = 0;
        while (true) {
            // stop at any control character but HT: CR, LF and the ones a head must not contain (bytes >= 0x80 too, being negative)
            int stop = scan;
            while (stop < copied && (b[stop] >= 0x20 || b[stop] == '\t')) stop++;
            boolean crAtEnd = stop < copied && b[stop] == '\r' && stop + 1 == copied;
            if (stop == copied || crAtEnd) {
                if (copied < limit) { // more of the head may be in the buffer: copy it and go on where the scan stopped
                    copied = copy(buf, copied, Math.min(limit, Math.max(copied * 2, FIRST_COPY)));
                    b = scratch;
                    scan = stop;
                    continue;
                }
                checkLimits((crAtEnd ? stop : copied) - pos, headersStart, copied);
                return null;
            }
            int next;
            byte c = b[stop];
            if (c == '\n') {
                next = stop + 1;
            } else if (c == '\r') {
                if (b[stop + 1] != '\n') throw HttpParseException.malformed("a CR not followed by LF");
                next = stop + 2;
            } else {
                throw HttpParseException.malformed("control character 0x" + Integer.toHexString(c & 0xff) + " in the head");
            }
            checkLimits(stop - pos, headersStart, next);
            if (headersStart < 0) {
                if (stop == pos) throw HttpParseException.malformed("empty start line");
                startLineEnd = stop;
                headersStart = next;
            } else if (stop == pos) {
                index(b, count);
                buf.skipBytes(next);
                if (reuse) return new Lines(b, next, startLineEnd, count, positions);
                return new Lines(Arrays.copyOf(b, next), next, startLineEnd, count,
                        Arrays.copyOf(positions, count * MessageHead.SLOTS));
            } else {
                addLine(count++, pos, stop, next);
            }
            pos = next;
            scan = next;
        }
    }

    /** Copies {@code buf}'s bytes [from, to) after its reader index into the scratch array; returns {@code to}. */
    private int copy(ByteBuf buf, int from, int to) {
        if (to > scratch.length) scratch = Arrays.copyOf(scratch, Math.max(to, scratch.length * 2));
        buf.getBytes(buf.readerIndex() + from, scratch, from, to - from);
        return to;
    }

    private void checkLimits(int lineLength, int headersStart, int headersEnd) throws HttpParseException {
        if (headersStart < 0) {
            if (lineLength > maxStartLine) {
                throw new HttpParseException(HttpParseException.Kind.LINE_TOO_LONG,
                        (request ? "request" : "status") + " line is longer than " + maxStartLine + " bytes");
            }
        } else if (headersEnd - headersStart > maxHeaderBytes) {
            throw new HttpParseException(HttpParseException.Kind.HEADERS_TOO_LARGE,
                    "headers are larger than " + maxHeaderBytes + " bytes");
        }
    }

    /** Notes where header line {@code i} starts, where its content ends (kept in VALUE_END until indexed) and the next starts. */
    private void addLine(int i, int line, int contentEnd, int next) {
        int p = i * MessageHead.SLOTS;
        if (p + MessageHead.SLOTS > positions.length) positions = Arrays.copyOf(positions, positions.length * 2);
        positions[p + MessageHead.LINE] = line;
        positions[p + MessageHead.VALUE_END] = contentEnd;
        positions[p + MessageHead.LINE_END] = next;
    }

    /** Splits each of the {@code count} header lines into name and trimmed value, and names it. */
    private void index(byte[] b, int count) throws HttpParseException {
        int[] positions = this.positions;
        for (int i = 0; i < count; i++) {
            int p = i * MessageHead.SLOTS;
            int line = positions[p + MessageHead.LINE];
            int end = positions[p + MessageHead.VALUE_END];
            if (b[line] == ' ' || b[line] == '\t') throw HttpParseException.malformed("a folded header line (obs-fold)");
            int colon = line;
            while (colon < end && b[colon] != ':') {
                if (!isToken(b[colon])) {
                    throw HttpParseException.malformed("invalid header name in '" + new String(b, line, end - line,
                            StandardCharsets.ISO_8859_1) + "'");
                }
                colon++;
            }
            if (colon == line || colon == end) throw HttpParseException.malformed("a header line without a name and colon");
            int value = colon + 1;
            int valueEnd = end;
            while (value < valueEnd && isSpace(b[value])) value++;
            while (valueEnd > value && isSpace(b[valueEnd - 1])) valueEnd--;
            positions[p + MessageHead.COLON] = colon;
            positions[p + MessageHead.VALUE] = value;
            positions[p + MessageHead.VALUE_END] = valueEnd;
            positions[p + MessageHead.NAME] = HeaderName.classify(b, line, colon - line);
        }
    }

    static boolean isToken(byte b) {
        return TOKEN[b & 0xff];
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** Reads framing and connection facts from the named header lines. */
    static MessageHead.Framing framing(Lines lines) throws HttpParseException {
        long length = MessageHead.Framing.NO_LENGTH;
        boolean transferEncoding = false;
        boolean chunked = false;
        boolean close = false;
        boolean keepAlive = false;
        boolean upgrade = false;
        List<String> options = List.of();
        byte[] b = lines.bytes();
        int[] pos = lines.positions();
        for (int i = 0; i < lines.count(); i++) {
            byte name = lines.name(i);
            int from = pos[i * MessageHead.SLOTS + MessageHead.VALUE];
            int to = pos[i * MessageHead.SLOTS + MessageHead.VALUE_END];
            if (name == HeaderName.CONTENT_LENGTH) {
                long v = contentLength(b, from, to);
                if (length != MessageHead.Framing.NO_LENGTH && length != v) {
                    throw HttpParseException.malformed("conflicting Content-Length values " + length + " and " + v);
                }
                length = v;
            } else if (name == HeaderName.TRANSFER_ENCODING) {
                transferEncoding = true;
                chunked = lastTokenIsChunked(b, from, to); // the last coding of the last header counts
            } else if (name == HeaderName.CONNECTION) {
                int t = from;
                while (t <= to) {
                    int tEnd = t;
                    while (tEnd < to && b[tEnd] != ',') tEnd++;
                    int a = t;
                    int z = tEnd;
                    while (a < z && isSpace(b[a])) a++;
                    while (z > a && isSpace(b[z - 1])) z--;
                    if (z - a == 5 && HeaderName.equalsLower(b, a, "close")) close = true;
                    else if (z - a == 10 && HeaderName.equalsLower(b, a, "keep-alive")) keepAlive = true;
                    else if (z - a == 7 && HeaderName.equalsLower(b, a, "upgrade")) upgrade = true;
                    else if (z > a) options = addOption(options, new String(b, a, z - a, StandardCharsets.ISO_8859_1));
                    t = tEnd + 1;
                }
            }
        }
        if (length == MessageHead.Framing.NO_LENGTH && !transferEncoding && !close && !keepAlive && !upgrade && options.isEmpty()) {
            return MessageHead.Framing.NONE;
        }
        return new MessageHead.Framing(length, chunked, transferEncoding, close, keepAlive, upgrade, options);
    }

    /** A header that Connection names; never one that frames the body or names the host. */
    private static List<String> addOption(List<String> options, String option) {
        String name = option.toLowerCase(Locale.ROOT);
        if (name.equals("transfer-encoding") || name.equals("content-length") || name.equals("host")) return options;
        List<String> list = options.isEmpty() ? new ArrayList<>(2) : options;
        list.add(name);
        return list;
    }

    private static long contentLength(byte[] b, int from, int to) throws HttpParseException {
        if (to == from || to - from > 18) throw invalidLength(b, from, to);
        long v = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') throw invalidLength(b, from, to);
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static HttpParseException invalidLength(byte[] b, int from, int to) {
        return HttpParseException.malformed("invalid Content-Length '" + new String(b, from, to - from, StandardCharsets.ISO_8859_1) + "'");
    }

    private static boolean lastTokenIsChunked(byte[] b, int from, int to) {
        int a = to;
        while (a > from && b[a - 1] != ',') a--;
        while (a < to && isSpace(b[a])) a++;
        return to - a == 7 && HeaderName.equalsLower(b, a, "chunked");
    }
}
