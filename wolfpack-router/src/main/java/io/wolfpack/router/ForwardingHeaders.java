package io.wolfpack.router;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.wolfpack.core.route.Endpoint;

import java.util.List;

/**
 * Header rewriting at the proxy boundary (RFC 9110 7.6.1): hop-by-hop headers stay on their hop,
 * X-Forwarded-* tell the backend who asked, and response framing is fixed up so the client can
 * always find the end of a body on a kept-alive connection. Transfer-Encoding is not stripped:
 * Netty's codecs use it to decide how to frame the body they re-encode.
 */
final class ForwardingHeaders {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");

    private static final String KEEP_ALIVE = "keep-alive";
    private static final List<AsciiString> HOP_BY_HOP = List.of(
            HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, AsciiString.cached("proxy-connection"),
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE);

    private ForwardingHeaders() {
    }

    /**
     * The Upgrade header of a WebSocket handshake (an HTTP/1.1 GET without a body, with
     * {@code Connection: Upgrade} and {@code Upgrade: websocket}), or null for any other request.
     * Other upgrades (h2c, TLS) are not forwarded: the router would have to speak them itself.
     */
    static String webSocketUpgrade(HttpRequest request) {
        if (!HttpMethod.GET.equals(request.method()) || !HttpVersion.HTTP_1_1.equals(request.protocolVersion())) {
            return null;
        }
        HttpHeaders h = request.headers();
        // containsValue splits comma-separated lists, so "keep-alive, Upgrade" counts
        if (!h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || !h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return null;
        }
        if (HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) != 0L) return null;
        return h.get(HttpHeaderNames.UPGRADE);
    }

    /** As below, for a request that is not a WebSocket handshake. */
    static void prepareRequest(HttpRequest request, RequestTarget target, String clientIp, Endpoint endpoint) {
        prepareRequest(request, target, clientIp, endpoint, null);
    }

    /**
     * Turns the client's request into the upstream one, in place: origin-form target, HTTP/1.1,
     * hop-by-hop headers removed (so an Upgrade other than a WebSocket one is answered as a plain
     * request), X-Forwarded-For appended, X-Forwarded-Proto and X-Forwarded-Host set, and a Host
     * header when the client sent none. A WebSocket handshake ({@code upgrade} not null, from
     * {@link #webSocketUpgrade}) keeps {@code Connection: Upgrade} and its Upgrade header.
     */
    static void prepareRequest(HttpRequest request, RequestTarget target, String clientIp, Endpoint endpoint,
                               String upgrade) {
        HttpHeaders h = request.headers();
        request.setUri(target.originForm());
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        stripHopByHop(h);
        if (upgrade != null) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            h.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        if (clientIp != null) {
            // most clients send none: then no list and no joined string
            if (!h.contains(X_FORWARDED_FOR)) {
                h.set(X_FORWARDED_FOR, clientIp);
            } else {
                h.set(X_FORWARDED_FOR, String.join(", ", h.getAll(X_FORWARDED_FOR)) + ", " + clientIp);
            }
        }
        h.set(X_FORWARDED_PROTO, "http");
        if (!target.host().isEmpty()) {
            h.set(X_FORWARDED_HOST, target.host());
            h.set(HttpHeaderNames.HOST, target.host());
        } else {
            h.set(HttpHeaderNames.HOST, endpoint.address());
        }
    }

    /** Whether the upstream connection can carry another request after this response. Call before rewriting. */
    static boolean upstreamReusable(HttpResponse response, boolean headRequest) {
        if (!HttpUtil.isKeepAlive(response)) return false;
        HttpHeaders h = response.headers();
        // a body delimited by the connection closing cannot be followed by anything
        return headRequest || alwaysEmpty(response.status()) || h.contains(HttpHeaderNames.CONTENT_LENGTH)
                || HttpUtil.isTransferEncodingChunked(response);
    }

    /**
     * Rewrites a final upstream response for the client, in place, and says whether the client
     * connection must close after it: when the client asked to, or when an HTTP/1.0 client gets a
     * body of unknown length. An HTTP/1.1 client gets such a body chunked instead.
     */
    static boolean prepareResponse(HttpResponse response, HttpVersion clientVersion, boolean clientKeepAlive,
                                   boolean headRequest) {
        HttpHeaders h = response.headers();
        boolean empty = headRequest || alwaysEmpty(response.status());
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        boolean sized = h.contains(HttpHeaderNames.CONTENT_LENGTH);
        stripHopByHop(h);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        boolean http10 = !clientVersion.isKeepAliveDefault();
        boolean close = !clientKeepAlive;
        if (!empty && !sized) {
            if (http10) {
                h.remove(HttpHeaderNames.TRANSFER_ENCODING);
                close = true;
            } else if (!chunked) {
                HttpUtil.setTransferEncodingChunked(response, true);
            }
        }
        if (close) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return close;
    }

    /** A 1xx response goes to the client as is, minus hop-by-hop headers. */
    static void prepareInterim(HttpResponse response) {
        stripHopByHop(response.headers());
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    /**
     * A 101 that accepts a WebSocket handshake goes to the client minus hop-by-hop headers, but
     * with the {@code Connection: Upgrade} and Upgrade header that make it a switch.
     */
    static void prepareSwitch(HttpResponse response) {
        String upgrade = response.headers().get(HttpHeaderNames.UPGRADE);
        stripHopByHop(response.headers());
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        if (upgrade != null) response.headers().set(HttpHeaderNames.UPGRADE, upgrade);
    }

    static void stripHopByHop(HttpHeaders h) {
        // most messages have no Connection header (HTTP/1.1 keep-alive is the default): skip the split
        if (h.contains(HttpHeaderNames.CONNECTION)) removeConnectionOptions(h);
        for (AsciiString name : HOP_BY_HOP) h.remove(name);
    }

    /** Removes the headers that Connection names (RFC 9110 7.6.1), splitting its comma lists without a regex. */
    private static void removeConnectionOptions(HttpHeaders h) {
        for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                removeOption(h, value, start, end);
                start = end + 1;
            }
        }
    }

    private static void removeOption(HttpHeaders h, String value, int start, int end) {
        while (start < end && value.charAt(start) <= ' ') start++; // as String.trim
        while (end > start && value.charAt(end - 1) <= ' ') end--;
        if (start == end) return;
        // keep-alive, the usual option, is hop-by-hop anyway: removed without making a string for it
        if (end - start == KEEP_ALIVE.length() && value.regionMatches(true, start, KEEP_ALIVE, 0, end - start)) return;
        String name = value.substring(start, end);
        // never let Connection remove the headers that frame the body
        if (!name.equalsIgnoreCase("transfer-encoding") && !name.equalsIgnoreCase("content-length")
                && !name.equalsIgnoreCase("host")) {
            h.remove(name);
        }
    }

    static boolean alwaysEmpty(HttpResponseStatus status) {
        return status.codeClass() == HttpStatusClass.INFORMATIONAL || status.code() == 204 || status.code() == 304;
    }
}
