package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;

/**
 * The client side's decoder: request heads within the configured limits (a longer request line is
 * a {@link HttpParseException.Kind#LINE_TOO_LONG}, larger headers a
 * {@link HttpParseException.Kind#HEADERS_TOO_LARGE}), bodies framed by Content-Length or chunked.
 * A request with Transfer-Encoding and Content-Length is read as chunked (RFC 9112 6.1).
 */
final class RequestDecoder extends MessageDecoder {
    /** Methods seen on nearly every request, so their names are not a new String each time. */
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"};

    /**
     * The request target and Host value last made into Strings on this thread (an event loop): a
     * new connection starts from them, so its first request needs no new String when it asks for
     * what the last one did, and the new-String path stays what it is, the path of a new value.
     * Left at "" per connection, the first request of every connection took that path, which C2
     * drops from the compiled request path during steady keep-alive traffic: the next burst of
     * new connections then deoptimized it (JFR, session 6).
     */
    private static final class Recent {
        String uri = "";
        String host = "";
    }

    private static final FastThreadLocal<Recent> RECENT = new FastThreadLocal<>() {
        @Override
        protected Recent initialValue() {
            return new Recent();
        }
    };

    // the last request target and Host value read on this connection: a keep-alive client mostly
    // repeats them, and a byte compare costs less than a new String (and its garbage) per request
    private final Recent recent;
    private String lastUri;
    private String lastHost;

    /** Made on the connection's event loop (the channel initializer), whose recent strings it starts from. */
    RequestDecoder(int maxInitialLineBytes, int maxHeaderBytes) {
        super(new HeadParser(maxInitialLineBytes, maxHeaderBytes, true, false), maxHeaderBytes);
        recent = RECENT.get();
        lastUri = recent.uri;
        lastHost = recent.host;
    }

    @Override
    MessageHead readHead(ByteBuf in) throws HttpParseException {
        // RFC 9112 2.2: empty lines before a request line are ignored
        while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
            if (in.getByte(in.readerIndex()) == '\r' && in.readableBytes() > 1 && in.getByte(in.readerIndex() + 1) != '\n') break;
            in.skipBytes(1);
        }
        HeadParser.Lines lines = in.isReadable() ? parser.read(in) : null;
        if (lines == null) return null;
        byte[] b = lines.bytes();
        int lineEnd = lines.startLineEnd();
        int sp1 = indexOf(b, 0, lineEnd, (byte) ' ');
        int sp2 = lastIndexOf(b, sp1 + 1, lineEnd, (byte) ' ');
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1) {
            throw HttpParseException.malformed("invalid request line '" + new String(b, 0, lineEnd, StandardCharsets.ISO_8859_1) + "'");
        }
        String method = method(b, sp1);
        if (indexOf(b, sp1 + 1, sp2, (byte) ' ') >= 0) throw HttpParseException.malformed("a space in the request target");
        boolean http10 = version(b, sp2 + 1, lineEnd);
        String uri = string(b, sp1 + 1, sp2 - sp1 - 1, lastUri);
        if (uri != lastUri) lastUri = recent.uri = uri;
        int host = -1;
        for (int i = 0; i < lines.count(); i++) {
            if (lines.name(i) != HeaderName.HOST) continue;
            if (host >= 0) throw HttpParseException.malformed("more than one Host header");
            host = i;
        }
        String hostValue = null;
        if (host >= 0) {
            int from = lines.positions()[host * MessageHead.SLOTS + MessageHead.VALUE];
            hostValue = string(b, from, lines.positions()[host * MessageHead.SLOTS + MessageHead.VALUE_END] - from, lastHost);
            if (hostValue != lastHost) lastHost = recent.host = hostValue;
        }
        return new RequestHead(lines, method, uri, hostValue, http10, HeadParser.framing(lines));
    }

    /** The ISO-8859-1 string of {@code b[from, from + len)}: {@code last} when it has those bytes, else a new String. */
    private static String string(byte[] b, int from, int len, String last) {
        if (last.length() == len) {
            int i = 0;
            while (i < len && b[from + i] == (byte) last.charAt(i)) i++;
            if (i == len) return last;
        }
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }

    @Override
    Body bodyOf(MessageHead head) throws HttpParseException {
        MessageHead.Framing f = head.framing();
        if (f.transferEncoding()) {
            if (!f.chunked()) throw HttpParseException.malformed("Transfer-Encoding of a request must end in chunked");
            return Body.CHUNKED;
        }
        return f.contentLength() > 0 ? Body.FIXED : Body.NONE;
    }

    static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) if (b[i] == value) return i;
        return -1;
    }

    private static int lastIndexOf(byte[] b, int from, int to, byte value) {
        for (int i = to - 1; i >= from; i--) if (b[i] == value) return i;
        return -1;
    }

    private static String method(byte[] b, int len) throws HttpParseException {
        for (String m : METHODS) {
            if (m.length() == len && equalsAscii(b, 0, m)) return m;
        }
        for (int i = 0; i < len; i++) {
            if (!HeadParser.isToken(b[i])) {
                throw HttpParseException.malformed("invalid method '" + new String(b, 0, len, StandardCharsets.ISO_8859_1) + "'");
            }
        }
        return new String(b, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** True for HTTP/1.0, false for HTTP/1.1; anything else is refused. */
    private static boolean version(byte[] b, int from, int to) throws HttpParseException {
        if (to - from == 8 && equalsAscii(b, from, "HTTP/1.")) {
            if (b[from + 7] == '1') return false;
            if (b[from + 7] == '0') return true;
        }
        throw HttpParseException.malformed("unsupported HTTP version '" + new String(b, from, to - from, StandardCharsets.ISO_8859_1) + "'");
    }

    static boolean equalsAscii(byte[] b, int from, String s) {
        for (int i = 0; i < s.length(); i++) if (b[from + i] != (byte) s.charAt(i)) return false;
        return true;
    }
}
