package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.wolfpack.core.route.Endpoint;

import java.nio.charset.StandardCharsets;

/**
 * Header rewriting at the proxy boundary (RFC 9110 7.6.1), writing the head that goes on: header
 * lines that stay are copied as they came (runs of them in one copy), hop-by-hop headers stay on
 * their hop, X-Forwarded-* tell the backend who asked, and response framing is fixed up so the
 * client can always find the end of a body on a kept-alive connection.
 */
final class ForwardingHeaders {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HTTP11 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    // the fixed parts of the request head, as bytes: a copy costs less than encoding a string per request
    private static final byte[] SP_HTTP11_CRLF = ascii(" HTTP/1.1\r\n");
    private static final byte[] HOST = ascii("Host: ");
    private static final byte[] X_FORWARDED_FOR = ascii("X-Forwarded-For: ");
    private static final byte[] X_FORWARDED_PROTO_HTTP = ascii("X-Forwarded-Proto: http\r\n");
    private static final byte[] X_FORWARDED_HOST = ascii("X-Forwarded-Host: ");

    private ForwardingHeaders() {
    }

    /**
     * The Upgrade header of a WebSocket handshake (an HTTP/1.1 GET without a body, with
     * {@code Connection: Upgrade} and {@code Upgrade: websocket}), or null for any other request.
     * Other upgrades (h2c, TLS) are not forwarded: the router would have to speak them itself.
     */
    static String webSocketUpgrade(RequestHead request) {
        if (!"GET".equals(request.method()) || request.http10() || !request.framing().upgradeToken() || request.hasBody()) {
            return null;
        }
        for (int i = 0; i < request.headerCount(); i++) {
            if (request.name(i) == HeaderName.UPGRADE && listsToken(request.value(i), "websocket")) return request.value(i);
        }
        return null;
    }

    private static boolean listsToken(String list, String token) {
        for (String t : list.split(",")) if (t.trim().equalsIgnoreCase(token)) return true;
        return false;
    }

    /**
     * The head to send upstream for {@code request}: origin-form target, HTTP/1.1, hop-by-hop headers
     * removed (so an Upgrade other than a WebSocket one is answered as a plain request),
     * X-Forwarded-For appended, X-Forwarded-Proto and X-Forwarded-Host set, and Host set to the
     * host the client asked for, or to the endpoint when it named none. A WebSocket handshake
     * ({@code upgrade} not null, from {@link #webSocketUpgrade}) keeps {@code Connection: upgrade}
     * and its Upgrade header.
     */
    static ByteBuf request(ByteBufAllocator alloc, RequestHead request, RequestTarget target, String clientIp,
                           Endpoint endpoint, String upgrade) {
        byte[] in = request.bytes();
        ByteBuf out = alloc.directBuffer(request.length() + target.originForm().length() + 160);
        if (target.originForm().equals(request.uri())) {
            // the usual case: method and target as they came, copied from the request line
            out.writeBytes(in, 0, request.method().length() + 1 + request.uri().length());
        } else {
            out.writeCharSequence(request.method(), StandardCharsets.ISO_8859_1);
            out.writeByte(' ');
            out.writeCharSequence(target.originForm(), StandardCharsets.ISO_8859_1);
        }
        out.writeBytes(SP_HTTP11_CRLF);
        header(out, HOST, target.host().isEmpty() ? endpoint.address() : target.host());
        boolean hasHost = !target.host().isEmpty();
        boolean dropLength = request.framing().transferEncoding();
        int run = -1;
        int runEnd = -1;
        for (int i = 0; i < request.headerCount(); i++) {
            byte name = request.name(i);
            boolean drop = switch (name) {
                case HeaderName.HOST, HeaderName.CONNECTION, HeaderName.UPGRADE, HeaderName.HOP_BY_HOP,
                        HeaderName.X_FORWARDED_PROTO -> true;
                case HeaderName.X_FORWARDED_FOR -> clientIp != null;
                case HeaderName.X_FORWARDED_HOST -> hasHost;
                case HeaderName.CONTENT_LENGTH -> dropLength;
                default -> request.namedByConnection(i);
            };
            if (drop) {
                if (run >= 0) out.writeBytes(in, run, runEnd - run);
                run = -1;
            } else {
                if (run < 0) run = request.position(i, MessageHead.LINE);
                runEnd = request.lineEnd(i);
            }
        }
        if (run >= 0) out.writeBytes(in, run, runEnd - run);
        if (upgrade != null) {
            header(out, "Connection", "upgrade");
            header(out, "Upgrade", upgrade);
        }
        if (clientIp != null) forwardedFor(out, request, clientIp);
        out.writeBytes(X_FORWARDED_PROTO_HTTP);
        if (hasHost) header(out, X_FORWARDED_HOST, target.host());
        return out.writeBytes(CRLF);
    }

    /** X-Forwarded-For: what the client sent (all such headers, in order), then the client's address. */
    private static void forwardedFor(ByteBuf out, RequestHead request, String clientIp) {
        out.writeBytes(X_FORWARDED_FOR);
        byte[] in = request.bytes();
        for (int i = 0; i < request.headerCount(); i++) {
            if (request.name(i) != HeaderName.X_FORWARDED_FOR) continue;
            int from = request.position(i, MessageHead.VALUE);
            int len = request.position(i, MessageHead.VALUE_END) - from;
            if (len == 0) continue;
            out.writeBytes(in, from, len).writeByte(',').writeByte(' ');
        }
        out.writeCharSequence(clientIp, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    /** Whether the upstream connection can carry another request after this response. */
    static boolean upstreamReusable(ResponseHead response, boolean headRequest) {
        if (!response.keepAlive()) return false;
        MessageHead.Framing f = response.framing();
        // a body delimited by the connection closing cannot be followed by anything
        return headRequest || response.alwaysEmpty() || f.chunked() || (f.sized() && !f.transferEncoding());
    }

    /**
     * How a final response goes to the client.
     *
     * @param close          the client connection closes after it: the client asked to, or an
     *                       HTTP/1.0 client gets a body of unknown length
     * @param chunkBody      the body bytes (chunk framing already removed) are sent chunked
     * @param addChunked     Transfer-Encoding gains "chunked": a body of unknown length to an HTTP/1.1 client
     * @param dropTransferEncoding an HTTP/1.0 client gets the body unchunked, up to the close
     */
    record ResponseFraming(boolean close, boolean chunkBody, boolean addChunked, boolean dropTransferEncoding) {
    }

    static ResponseFraming framing(ResponseHead response, boolean clientHttp10, boolean clientKeepAlive, boolean headRequest) {
        MessageHead.Framing f = response.framing();
        boolean empty = headRequest || response.alwaysEmpty();
        boolean sized = f.sized() && !f.transferEncoding();
        boolean close = !clientKeepAlive;
        if (empty || sized) return new ResponseFraming(close, false, false, false);
        if (clientHttp10) return new ResponseFraming(true, false, false, true);
        return new ResponseFraming(close, true, !f.chunked(), false);
    }

    /**
     * The final response head for the client, rewritten as {@code framing} says, in a buffer with
     * at least {@code bodyRoom} bytes to spare for a small body.
     */
    static ByteBuf response(ByteBufAllocator alloc, ResponseHead response, ResponseFraming framing, boolean clientHttp10,
                            int bodyRoom) {
        ByteBuf out = statusLine(alloc, response, bodyRoom);
        boolean dropFraming = framing.addChunked() || framing.dropTransferEncoding();
        boolean hasEncoding = response.framing().transferEncoding();
        copyEndToEnd(out, response, dropFraming, hasEncoding);
        if (framing.addChunked()) {
            out.writeCharSequence("transfer-encoding: ", StandardCharsets.ISO_8859_1);
            writeValues(out, response, HeaderName.TRANSFER_ENCODING);
            out.writeCharSequence("chunked\r\n", StandardCharsets.ISO_8859_1);
        }
        if (framing.close()) {
            header(out, "connection", "close");
        } else if (clientHttp10) {
            header(out, "connection", "keep-alive");
        }
        return out.writeBytes(CRLF);
    }

    /** A 1xx response goes to the client as is, minus hop-by-hop headers. */
    static ByteBuf interim(ByteBufAllocator alloc, ResponseHead response) {
        ByteBuf out = statusLine(alloc, response, 0);
        copyEndToEnd(out, response, false, false);
        return out.writeBytes(CRLF);
    }

    /**
     * A 101 that accepts a WebSocket handshake goes to the client minus hop-by-hop headers, but
     * with the {@code Connection: upgrade} and Upgrade header that make it a switch.
     */
    static ByteBuf switching(ByteBufAllocator alloc, ResponseHead response) {
        ByteBuf out = statusLine(alloc, response, 0);
        copyEndToEnd(out, response, false, false);
        header(out, "connection", "upgrade");
        String upgrade = response.first(HeaderName.UPGRADE);
        if (upgrade != null) header(out, "upgrade", upgrade);
        return out.writeBytes(CRLF);
    }

    private static ByteBuf statusLine(ByteBufAllocator alloc, ResponseHead response, int room) {
        byte[] in = response.bytes();
        // 64: what the rewrite may add (status line version, transfer-encoding, connection)
        ByteBuf out = alloc.directBuffer(response.length() + 64 + room);
        // the version is always ours; code and reason as the upstream sent them
        out.writeBytes(HTTP11).writeBytes(in, 8, response.startLineEnd() - 8);
        return out.writeBytes(CRLF);
    }

    /**
     * Copies the end-to-end header lines: not Connection, the headers it names, Keep-Alive, Proxy-*,
     * TE, Trailer, Upgrade; without Transfer-Encoding and Content-Length when {@code dropFraming}
     * (the router frames the body itself), and without Content-Length beside a Transfer-Encoding.
     */
    private static void copyEndToEnd(ByteBuf out, MessageHead head, boolean dropFraming, boolean hasEncoding) {
        byte[] in = head.bytes();
        int run = -1;
        int runEnd = -1;
        for (int i = 0; i < head.headerCount(); i++) {
            boolean drop = switch (head.name(i)) {
                case HeaderName.CONNECTION, HeaderName.UPGRADE, HeaderName.HOP_BY_HOP -> true;
                case HeaderName.TRANSFER_ENCODING -> dropFraming;
                case HeaderName.CONTENT_LENGTH -> dropFraming || hasEncoding;
                default -> head.namedByConnection(i);
            };
            if (drop) {
                if (run >= 0) out.writeBytes(in, run, runEnd - run);
                run = -1;
            } else {
                if (run < 0) run = head.position(i, MessageHead.LINE);
                runEnd = head.lineEnd(i);
            }
        }
        if (run >= 0) out.writeBytes(in, run, runEnd - run);
    }

    /** The values of every {@code name} header, each followed by ", ". */
    private static void writeValues(ByteBuf out, MessageHead head, byte name) {
        byte[] in = head.bytes();
        for (int i = 0; i < head.headerCount(); i++) {
            if (head.name(i) != name) continue;
            int from = head.position(i, MessageHead.VALUE);
            int len = head.position(i, MessageHead.VALUE_END) - from;
            if (len > 0) out.writeBytes(in, from, len).writeByte(',').writeByte(' ');
        }
    }

    /** {@code name} with its colon and space, as bytes. */
    private static void header(ByteBuf out, byte[] name, String value) {
        out.writeBytes(name);
        out.writeCharSequence(value, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void header(ByteBuf out, String name, String value) {
        out.writeCharSequence(name, StandardCharsets.ISO_8859_1);
        out.writeByte(':').writeByte(' ');
        out.writeCharSequence(value, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }
}
