package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds the lines of an HTTP/1.x head (RFC 9112 2-5) in the bytes read, copies the whole head
 * once, and indexes its header lines. Strict where a lenient reading would let a backend see
 * different headers than the router did: no control characters (a bare CR in a value could end a
 * line for the backend), no folded lines, no space before the colon, one Content-Length value.
 * One instance per connection; not thread-safe.
 */
final class HeadParser {
    /** Stops at any control character but HT: CR, LF and the ones a head must not contain. */
    private static final ByteProcessor FIND_CONTROL = b -> b >= 0x20 || b == '\t';
    /** tchar (RFC 9110 5.6.2): the bytes a header name or method may contain. */
    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = 0x21; c < 0x7f; c++) TOKEN[c] = "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private final int maxStartLine;
    private final int maxHeaderBytes;
    private final boolean request;

    /** A whole head: its bytes and its header lines, indexed (see {@link MessageHead}). */
    record Lines(byte[] bytes, int startLineEnd, int count, int[] positions) {
        /** The HeaderName constant of header {@code i}. */
        byte name(int i) {
            return (byte) positions[i * MessageHead.SLOTS + MessageHead.NAME];
        }
    }

    // the head being scanned, relative to its first byte; kept between reads of a head that arrives in pieces
    private int startLineEnd;
    private int count;
    private int[] lineStarts = new int[16];
    private int[] contentEnds = new int[16];
    private int[] nexts = new int[16];

    HeadParser(int maxStartLine, int maxHeaderBytes, boolean request) {
        this.maxStartLine = maxStartLine;
        this.maxHeaderBytes = maxHeaderBytes;
        this.request = request;
    }

    /**
     * Reads the head at {@code buf}'s reader index, consuming it, or returns null (consuming
     * nothing) while it is not whole yet.
     */
    Lines read(ByteBuf buf) throws HttpParseException {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        int pos = start;
        int headersStart = -1;
        count = 0;
        while (true) {
            int stop = buf.forEachByte(pos, end - pos, FIND_CONTROL);
            if (stop < 0) {
                checkLimits(end - pos, headersStart, end);
                return null;
            }
            int next;
            byte b = buf.getByte(stop);
            if (b == '\n') {
                next = stop + 1;
            } else if (b == '\r') {
                if (stop + 1 >= end) {
                    checkLimits(stop - pos, headersStart, end);
                    return null;
                }
                if (buf.getByte(stop + 1) != '\n') throw HttpParseException.malformed("a CR not followed by LF");
                next = stop + 2;
            } else {
                throw HttpParseException.malformed("control character 0x" + Integer.toHexString(b & 0xff) + " in the head");
            }
            checkLimits(stop - pos, headersStart, next);
            if (headersStart < 0) {
                if (stop == pos) throw HttpParseException.malformed("empty start line");
                startLineEnd = stop - start;
                headersStart = next;
            } else if (stop == pos) {
                byte[] bytes = new byte[next - start];
                buf.readBytes(bytes);
                return index(bytes);
            } else {
                addLine(pos - start, stop - start, next - start);
            }
            pos = next;
        }
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

    private void addLine(int line, int contentEnd, int next) {
        if (count == nexts.length) {
            lineStarts = Arrays.copyOf(lineStarts, count * 2);
            contentEnds = Arrays.copyOf(contentEnds, count * 2);
            nexts = Arrays.copyOf(nexts, count * 2);
        }
        lineStarts[count] = line;
        contentEnds[count] = contentEnd;
        nexts[count] = next;
        count++;
    }

    /** Splits each header line into name and trimmed value, and names it; all of it goes into one array. */
    private Lines index(byte[] b) throws HttpParseException {
        int[] positions = new int[count * MessageHead.SLOTS];
        for (int i = 0; i < count; i++) {
            int line = lineStarts[i];
            int end = contentEnds[i];
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
            int p = i * MessageHead.SLOTS;
            positions[p + MessageHead.LINE] = line;
            positions[p + MessageHead.COLON] = colon;
            positions[p + MessageHead.VALUE] = value;
            positions[p + MessageHead.VALUE_END] = valueEnd;
            positions[p + MessageHead.LINE_END] = nexts[i];
            positions[p + MessageHead.NAME] = HeaderName.classify(b, line, colon - line);
        }
        return new Lines(b, startLineEnd, count, positions);
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
